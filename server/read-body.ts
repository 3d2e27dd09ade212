// Reads and parses a JSON request body. Choices: application/scim+json and application/json
// are accepted (charset utf-8 or none); a body without Content-Type is parsed anyway, since
// some clients omit it; any other media type gets 415. Over the size limit → 413, after
// draining up to a hard cap so the client can still read the answer instead of a reset.
import type { IncomingMessage } from 'node:http';
import { ScimHttpError } from './errors.ts';

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
const ACCEPTED_TYPES = new Set(['application/scim+json', 'application/json']);

/** Throws 415 unless the Content-Type is a JSON media type this server accepts. */
export function checkContentType(header: string | undefined): void {
  if (header === undefined || header.trim() === '') return;
  const [mediaType = '', ...params] = header.split(';').map((s) => s.trim().toLowerCase());
  if (!ACCEPTED_TYPES.has(mediaType)) {
    throw new ScimHttpError(415, `Unsupported Content-Type ${mediaType}; use application/scim+json`);
  }
  for (const param of params) {
    const [name, rawValue = ''] = param.split('=').map((s) => s.trim());
    const value = rawValue.replace(/^"|"$/g, '');
    if (name === 'charset' && value !== 'utf-8' && value !== 'utf8') {
      throw new ScimHttpError(415, `Unsupported charset ${value}; use utf-8`);
    }
  }
}

export interface ReadBodyOptions {
  maxBytes: number;
}

/** Collects the raw body; throws 413 when it exceeds maxBytes. */
export function readRawBody(req: IncomingMessage, { maxBytes }: ReadBodyOptions): Promise<Buffer> {
  const drainCap = Math.max(maxBytes * 4, 16 * 1024 * 1024);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    let tooLarge = false;
    let settled = false;
    const settle = (fn: () => void): void => {
      if (!settled) {
        settled = true;
        fn();
      }
    };
    const tooLargeError = (): ScimHttpError =>
      new ScimHttpError(413, `Request body exceeds the limit of ${maxBytes} bytes`, undefined, { Connection: 'close' });

    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > drainCap) {
      req.resume();
      settle(() => reject(tooLargeError()));
      return;
    }
    req.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > maxBytes) {
        tooLarge = true;
        chunks.length = 0;
        if (received > drainCap) {
          req.pause();
          settle(() => reject(tooLargeError()));
        }
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => settle(() => (tooLarge ? reject(tooLargeError()) : resolve(Buffer.concat(chunks)))));
    req.on('error', (e) => settle(() => reject(e)));
  });
}

/** Parses a JSON body; unparsable or empty input is a 400 invalidSyntax SCIM error. */
export function parseJsonBody(raw: Buffer): unknown {
  const text = raw.toString('utf8').replace(/^\uFEFF/, '');
  if (text.trim() === '') throw new ScimHttpError(400, 'The request body is empty', 'invalidSyntax');
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    const reason = e instanceof SyntaxError ? e.message.split('\n')[0] : 'not JSON';
    throw new ScimHttpError(400, `The request body is not valid JSON: ${reason}`, 'invalidSyntax');
  }
}

/** Content-Type check, size-limited read and JSON parse of a request body. */
export async function readJsonBody(req: IncomingMessage, options: ReadBodyOptions): Promise<unknown> {
  checkContentType(req.headers['content-type']);
  return parseJsonBody(await readRawBody(req, options));
}
