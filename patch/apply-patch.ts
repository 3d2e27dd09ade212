// Applies a PATCH request's operations to a resource: in order, each seeing the previous result,
// atomically (the first failure throws with its operation index and nothing is applied). Pure: the
// input resource is never modified.
import type { ResourceSchema, ScimResource } from '../schemas/scim-schema.ts';
import { applyPathless, applyToTarget, type OpContext, type OpName } from './apply-operation.ts';
import { canonicalizeResource } from './canonicalize.ts';
import { normalizePrimaries, syncSchemas } from './invariants.ts';
import { isObject, jsonEqual } from './json-value.ts';
import { resolveOptions, type PatchOptions } from './options.ts';
import type { PatchOperation } from './parse-patch-request.ts';
import { parsePath } from './parse-path.ts';
import { invalidPath, invalidSyntax, invalidValue, noTarget, PatchError } from './patch-error.ts';
import { resolveTarget } from './resolve-attribute.ts';

const OPS: readonly OpName[] = ['add', 'replace', 'remove'];

function opName(op: unknown): OpName {
  if (typeof op !== 'string') throw invalidSyntax('"op" must be a string');
  const lower = op.toLowerCase();
  const found = OPS.find((o) => o === lower);
  if (!found) throw invalidSyntax(`unknown op "${op}"; expected add, remove or replace`);
  return found;
}

function applyOne(ctx: OpContext, operation: PatchOperation): void {
  const op = opName(operation.op);
  const raw = operation as unknown as Record<string, unknown>;
  const path = raw['path'];
  const hasPath = path !== undefined && path !== null;
  if (hasPath && typeof path !== 'string') throw invalidPath('"path" must be a string');
  if (op === 'remove') {
    if (!hasPath) throw noTarget('remove needs a "path"');
    applyToTarget(ctx, op, resolveTarget(parsePath(path as string), ctx.schema), operation.value, false);
    return;
  }
  if (!('value' in operation) || operation.value === undefined) throw invalidValue(`${op} needs a "value"`);
  if (!hasPath) {
    applyPathless(ctx, op, operation.value);
    return;
  }
  applyToTarget(ctx, op, resolveTarget(parsePath(path as string), ctx.schema), operation.value, false);
}

function describeOperation(operation: PatchOperation): string {
  const op = typeof operation.op === 'string' ? operation.op : '?';
  const path = (operation as { path?: unknown }).path;
  return typeof path === 'string' ? `${op} ${path}` : `${op} without path`;
}

export function applyPatch(
  resource: ScimResource,
  operations: PatchOperation[],
  schema: ResourceSchema,
  options?: PatchOptions,
): { resource: ScimResource; changed: boolean } {
  if (!Array.isArray(operations)) throw invalidSyntax('operations must be an array');
  const opts = resolveOptions(options);
  const baseline = canonicalizeResource(resource, schema);
  syncSchemas(baseline, schema);
  const ctx: OpContext = { res: structuredClone(baseline), schema, opts };
  operations.forEach((operation, i) => {
    try {
      if (!isObject(operation)) throw invalidSyntax('an operation must be an object');
      const before = structuredClone(ctx.res);
      applyOne(ctx, operation);
      normalizePrimaries(before, ctx.res, schema, opts);
      syncSchemas(ctx.res, schema);
    } catch (e) {
      if (e instanceof PatchError) throw e.withOperation(i, describeOperation(operation));
      throw e;
    }
  });
  return { resource: ctx.res, changed: !jsonEqual(baseline, ctx.res) };
}
