// Emulation of a vendor's documented PATCH contract (profiles/profiles.ts) by the reference
// server: its base path (template filled with fixed example values), its request dialect, its
// success form, its error body format and its documented statuses. Everything else stays the
// RFC 7644 reference behaviour, so what differs is exactly what the profile documents.
import type { PatchOptions } from '../patch/index.ts';
import type { ResourceSchema } from '../schemas/scim-schema.ts';
import { URN } from '../schemas/scim-schema.ts';
import { fillTemplate } from '../profiles/base-path.ts';
import { decodeCapitalised, operationsOf } from '../profiles/dialects.ts';
import { PROFILES, profileNames, type Profile } from '../profiles/profiles.ts';
import { decodePartialUpdate } from '../profiles/scim1-partial.ts';
import type { HttpResult } from './http-io.ts';
import { isObject } from '../patch/json-value.ts';

export interface Emulation {
  profile: Profile;
  /** The profile's base path with the emulation's example template values. */
  basePath: string;
  templateValues: Record<string, string>;
  etag: boolean;
  patchSuccess: 200 | 204;
  patchOptions: PatchOptions;
  /** The PATCH body as the vendor's dialect means it, in RFC 7644 PatchOp form. */
  decodePatch(body: unknown, schema: ResourceSchema): unknown;
  /** An error answer in the vendor's documented status and body format. */
  errorResult(result: HttpResult, path: string): HttpResult;
}

const REASON: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  500: 'Internal Server Error',
  501: 'Not Implemented',
};


export function createEmulation(name: string): Emulation {
  const profile = PROFILES[name];
  if (!profile) throw new Error(`unknown profile "${name}" (known: ${profileNames().join(', ')})`);
  const { templateValues } = profile.emulation;
  return {
    profile,
    basePath: fillTemplate(profile.basePath, templateValues, profile.name),
    templateValues,
    etag: profile.emulation.etag,
    patchSuccess: profile.emulation.patchSuccess,
    // An empty partial update is a no-op, not an empty PatchOp.
    patchOptions: profile.dialect === 'scim1-partial' ? { allowEmptyOperations: true } : {},
    decodePatch: (body, schema) => decode(profile, body, schema),
    errorResult: (result, path) => formatError(profile, result, path),
  };
}

function decode(profile: Profile, body: unknown, schema: ResourceSchema): unknown {
  switch (profile.dialect) {
    case 'scim1-partial':
      return decodePartialUpdate(body, schema);
    case 'patchop-capitalised':
      return decodeCapitalised(body, schema);
    case 'patchop':
      // VMware Identity Services documents schemas as optional next to the required Operations.
      if (profile.deviations.some((d) => d.id.endsWith('.schemas-optional')) && isObject(body) && operationsOf(body) && !('schemas' in body)) {
        return { schemas: [URN.patchOp], ...body };
      }
      return body;
  }
}

function formatError(profile: Profile, result: HttpResult, path: string): HttpResult {
  const mismatch = profile.emulation.versionMismatchStatus;
  const status = mismatch !== undefined && result.status === 412 ? mismatch : result.status;
  const body = isObject(result.body) ? result.body : {};
  const detail = typeof body['detail'] === 'string' ? body['detail'] : undefined;
  const base: HttpResult = { status, ...(result.headers ? { headers: result.headers } : {}) };
  switch (profile.errorFormat) {
    case 'empty':
      return base;
    case 'problem-json':
      return {
        ...base,
        body: { type: 'about:blank', title: REASON[status] ?? 'Error', status, ...(detail ? { detail } : {}), instance: path },
      };
    case 'scim':
      return status === result.status ? result : { ...base, body: { ...body, status: String(status) } };
  }
}
