// The PatchOp envelope (RFC 7644 §3.5.2): schemas must carry the PatchOp URN, Operations must be a
// non-empty array of objects with a string `op`. Envelope errors are 400 invalidSyntax (catalog E-3).
import { URN } from '../schemas/scim-schema.ts';
import { getCi, isObject } from './json-value.ts';
import { resolveOptions, type PatchOptions } from './options.ts';
import { invalidSyntax } from './patch-error.ts';

export interface PatchOperation {
  op: string;
  path?: string;
  value?: unknown;
}

/** Validates the request body and returns its operations; extra top-level members are ignored. */
export function parsePatchRequest(body: unknown, options?: PatchOptions): PatchOperation[] {
  const opts = resolveOptions(options);
  if (!isObject(body)) throw invalidSyntax('the PATCH body must be a JSON object');
  const schemas = getCi(body, 'schemas');
  if (!Array.isArray(schemas)) throw invalidSyntax(`"schemas" must be an array containing ${URN.patchOp}`);
  if (!schemas.some((s) => typeof s === 'string' && s.toLowerCase() === URN.patchOp.toLowerCase())) {
    throw invalidSyntax(`"schemas" must contain ${URN.patchOp}`);
  }
  const operations = getCi(body, 'Operations');
  if (operations === undefined) throw invalidSyntax('"Operations" is missing');
  if (!Array.isArray(operations)) throw invalidSyntax('"Operations" must be an array');
  if (operations.length === 0 && !opts.allowEmptyOperations) throw invalidSyntax('"Operations" must contain at least one operation');
  return operations.map((raw, i) => {
    if (!isObject(raw)) throw invalidSyntax(`Operations[${i}] must be an object`);
    const op = getCi(raw, 'op');
    if (op === undefined) throw invalidSyntax(`Operations[${i}] has no "op"`);
    if (typeof op !== 'string') throw invalidSyntax(`Operations[${i}].op must be a string`);
    const out: PatchOperation = { op };
    const path = getCi(raw, 'path');
    if (path !== undefined && path !== null) out.path = path as string;
    const valueKey = Object.keys(raw).find((k) => k.toLowerCase() === 'value');
    if (valueKey !== undefined) out.value = raw[valueKey];
    return out;
  });
}
