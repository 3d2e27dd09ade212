// SCIM Error responses (RFC 7644 §3.12): one error class for the server's own checks and
// one conversion from anything thrown into an HTTP status plus a SCIM Error body.
import { URN } from '../schemas/scim-schema.ts';
import type { ScimType } from '../schemas/scim-schema.ts';

export class ScimHttpError extends Error {
  readonly status: number;
  readonly scimType: ScimType | undefined;
  readonly detail: string;
  /** Extra response headers, e.g. Allow for 405 or WWW-Authenticate for 401. */
  readonly headers: Record<string, string>;

  constructor(status: number, detail: string, scimType?: ScimType, headers: Record<string, string> = {}) {
    super(detail);
    this.name = 'ScimHttpError';
    this.status = status;
    this.scimType = scimType;
    this.detail = detail;
    this.headers = headers;
  }
}

export interface ScimErrorBody {
  schemas: [typeof URN.error];
  status: string;
  scimType?: ScimType;
  detail?: string;
}

export function errorBody(status: number, detail?: string, scimType?: ScimType): ScimErrorBody {
  const body: ScimErrorBody = { schemas: [URN.error], status: String(status) };
  if (scimType !== undefined) body.scimType = scimType;
  if (detail !== undefined && detail !== '') body.detail = detail;
  return body;
}

/** Something that looks like the patch module's PatchError (checked structurally, not by class). */
interface StatusError {
  status: number;
  scimType?: ScimType;
  detail?: string;
  message?: string;
}

function isStatusError(e: unknown): e is StatusError {
  if (typeof e !== 'object' || e === null) return false;
  const status = (e as { status?: unknown }).status;
  return typeof status === 'number' && Number.isInteger(status) && status >= 400 && status < 600;
}

export interface ResolvedError {
  status: number;
  body: ScimErrorBody;
  headers: Record<string, string>;
  /** True when the error is a server fault, i.e. it was not raised on purpose. */
  unexpected: boolean;
}

/** Maps a thrown value to the response. Unknown exceptions become a generic 500, never a stack trace. */
export function resolveError(e: unknown): ResolvedError {
  if (e instanceof ScimHttpError) {
    return { status: e.status, body: errorBody(e.status, e.detail, e.scimType), headers: e.headers, unexpected: false };
  }
  if (isStatusError(e)) {
    const detail = typeof e.detail === 'string' && e.detail !== '' ? e.detail : e.message;
    return { status: e.status, body: errorBody(e.status, detail, e.scimType), headers: {}, unexpected: false };
  }
  return {
    status: 500,
    body: errorBody(500, 'Internal server error'),
    headers: {},
    unexpected: true,
  };
}

/** One line describing an unexpected exception, for the operator's log. */
export function describeUnexpected(e: unknown): string {
  if (e instanceof Error) return `${e.name}: ${e.message}`.split('\n')[0] ?? e.name;
  return `non-error thrown: ${String(e)}`.split('\n')[0] ?? 'non-error thrown';
}
