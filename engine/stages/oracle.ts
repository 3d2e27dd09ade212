// The oracle: patch/ applied to the starting state, the same code the reference server runs.
import { applyPatch, parsePatchRequest, PatchError, type PatchOptions } from '../../patch/index.ts';
import type { ResourceSchema, ScimResource } from '../../schemas/scim-schema.ts';

export type OracleAnswer = { resource: ScimResource; changed: boolean } | { error: PatchError };

/** What RFC 7644 makes of this PATCH on `before`: the resulting resource, or the error it must raise. */
export function runOracle(before: ScimResource, body: unknown, schema: ResourceSchema, options: PatchOptions): OracleAnswer | undefined {
  try {
    return applyPatch(before, parsePatchRequest(body, options), schema, options);
  } catch (e) {
    if (e instanceof PatchError) return { error: e };
    return undefined;
  }
}
