// What scenario generators receive: the target's schemas (discovered or RFC 7643 fallback) and,
// when known, its capabilities. Shared by the schema-driven families and the hand-written catalog.
import type { ResourceSchema } from '../schemas/scim-schema.ts';
import { URN } from '../schemas/scim-schema.ts';
import type { Capabilities } from '../schemas/run-result.ts';

export interface GenerateContext {
  schemas: { User: ResourceSchema; Group?: ResourceSchema };
  capabilities?: Capabilities;
}

/** The enterprise User extension URN, used as a path prefix in many scenarios. */
export const ENT = URN.enterpriseUser;

/** The PatchOp message URN. */
export const PATCH_OP = URN.patchOp;

export type PatchOpName = 'add' | 'replace' | 'remove';

export interface PatchOperation {
  op: string;
  path?: string;
  value?: unknown;
}

/** A PatchOp request body with the given operations. */
export function ops(...operations: PatchOperation[]): { schemas: string[]; Operations: PatchOperation[] } {
  return { schemas: [PATCH_OP], Operations: operations };
}

/** One operation; `path` and `value` are left out when undefined so the JSON stays minimal. */
export function op(name: PatchOpName | string, path?: string, value?: unknown): PatchOperation {
  const o: PatchOperation = { op: name };
  if (path !== undefined) o.path = path;
  if (value !== undefined) o.value = value;
  return o;
}

/** `<extension URN>:<attribute path>`, the fully qualified form of an extension attribute path. */
export function qualified(urn: string, path: string): string {
  return `${urn}:${path}`;
}
