// One discovery answer (ServiceProviderConfig, ResourceTypes, Schemas) read as JSON, or one line
// saying why it cannot be: the endpoint, the status, the content type, and the first bytes of the
// body (quoted from the redacted exchange) or its size. Discovery falls back for that piece only.
import type { ScimResponse } from './client.ts';
import { CutBodyError } from './client.ts';
import { TargetError } from './target-error.ts';
import { looksLikeHtml } from './answer-check.ts';
import { jsonErrorOffset } from './json-error-position.ts';
import { clip } from './judge.ts';

/** What a discovery GET gave: an answer, or a failure before a whole one arrived. */
export type DiscoveryAnswer = { res: ScimResponse } | { error: TargetError };

/** How many characters of a body a message quotes. */
const QUOTE = 60;

function typeOf(headers: Record<string, string>): string {
  const type = (headers['content-type'] ?? '').split(';')[0]!.trim();
  return type === '' ? 'no Content-Type' : type;
}

/** The body as recorded (secrets redacted), on one line and clipped. */
function firstBytes(res: ScimResponse): string {
  return clip(res.exchange.responseBody ?? '', QUOTE);
}

/** The JSON of a 2xx answer, or one line saying why there is none. */
export function readPiece(answer: DiscoveryAnswer, path: string, maxBodyBytes: number): { json: unknown } | { why: string } {
  if ('error' in answer) return { why: failure(answer.error, path) };
  const res = answer.res;
  if (res.status < 200 || res.status > 299) return { why: `GET ${path} answered ${res.status}` };
  if (res.json !== undefined) return { json: res.json };
  const said = `GET ${path} answered ${res.status} (${typeOf(res.headers)})`;
  if (res.truncated) {
    const length = res.headers['content-length'];
    return { why: `${said} with a body larger than the ${maxBodyBytes}-byte cap${length ? ` (Content-Length ${length})` : ''}; it was not read` };
  }
  if (res.text.trim() === '') return { why: `${said} with an empty body` };
  const bytes = Buffer.byteLength(res.text);
  if (looksLikeHtml(res.headers, res.text)) return { why: `${said} with an HTML page instead of JSON (${bytes} bytes), starting "${firstBytes(res)}"` };
  const text = res.text.trimEnd();
  if (/^\s*[[{]/.test(text) && jsonErrorOffset(text) >= text.length) {
    return { why: `${said} with JSON that breaks off after ${bytes} bytes (cut short?), starting "${firstBytes(res)}"` };
  }
  return { why: `${said} with a body that is not JSON (${bytes} bytes), starting "${firstBytes(res)}"` };
}

/** A failure before a whole answer arrived, in the same shape. */
function failure(error: TargetError, path: string): string {
  if (error instanceof CutBodyError) {
    const { status, contentType, received } = error.answer;
    const how = error.kind === 'timeout' ? 'stopped arriving (timeout)' : 'was cut off (connection closed)';
    return `GET ${path} answered ${status} (${contentType ? contentType.split(';')[0]!.trim() : 'no Content-Type'}) but the body ${how} after ${received} bytes`;
  }
  return `GET ${path} failed: ${error.message}`;
}

/** "GET /X answered 404 (text/html)", or why there was no answer: for the "not a SCIM server" message. */
export function brief(answer: DiscoveryAnswer, path: string): string {
  if ('error' in answer) return failure(answer.error, path);
  const type = answer.res.headers['content-type'];
  return `GET ${path} answered ${answer.res.status}${type ? ` (${type.split(';')[0]})` : ''}`;
}

/** Settles a discovery GET: a TargetError becomes a failed piece; anything else (a bug) is thrown. */
export async function settle(request: Promise<ScimResponse>): Promise<DiscoveryAnswer> {
  try {
    return { res: await request };
  } catch (e) {
    if (e instanceof TargetError) return { error: e };
    throw e;
  }
}
