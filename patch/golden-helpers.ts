// Test helpers for the golden PATCH cases: apply to a frozen input, or expect a PatchError.
import { expect } from 'vitest';
import type { ResourceSchema, ScimResource, ScimType } from '../schemas/scim-schema.ts';
import { applyPatch } from './apply-patch.ts';
import type { PatchOptions } from './options.ts';
import type { PatchOperation } from './parse-patch-request.ts';
import { PatchError } from './patch-error.ts';
import { deepFreeze, USER } from './golden-fixtures.ts';

export function patched(resource: ScimResource, ops: PatchOperation[], schema: ResourceSchema = USER, options?: PatchOptions): ScimResource {
  return applyPatch(deepFreeze(resource), ops, schema, options).resource;
}

export function changedFlag(resource: ScimResource, ops: PatchOperation[], schema: ResourceSchema = USER, options?: PatchOptions): boolean {
  return applyPatch(deepFreeze(resource), ops, schema, options).changed;
}

/** Asserts the PATCH fails with this status and scimType; the frozen input guarantees it stayed unchanged. */
export function expectPatchError(
  resource: ScimResource,
  ops: PatchOperation[],
  scimType: ScimType,
  schema: ResourceSchema = USER,
  options?: PatchOptions,
  operationIndex?: number,
): PatchError {
  const input = deepFreeze(resource);
  const snapshot = structuredClone(input);
  let error: unknown;
  try {
    applyPatch(input, ops, schema, options);
  } catch (e) {
    error = e;
  }
  expect(error, 'expected a PatchError').toBeInstanceOf(PatchError);
  const pe = error as PatchError;
  expect({ status: pe.status, scimType: pe.scimType }).toEqual({ status: 400, scimType });
  if (operationIndex !== undefined) expect(pe.operationIndex).toBe(operationIndex);
  expect(input).toEqual(snapshot);
  return pe;
}
