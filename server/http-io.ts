// The shape handlers answer with, and the one place responses are written.
import type { ServerResponse } from 'node:http';

export const SCIM_CONTENT_TYPE = 'application/scim+json; charset=utf-8';

export interface HttpResult {
  status: number;
  headers?: Record<string, string>;
  /** JSON body; absent for 204/304. */
  body?: unknown;
  /** A non-JSON body sent as is (only seeded defects answer this way). */
  text?: { contentType: string; content: string };
}

export function writeResult(res: ServerResponse, result: HttpResult): void {
  const headers: Record<string, string> = { ...(result.headers ?? {}) };
  if (result.text !== undefined) {
    const payload = Buffer.from(result.text.content, 'utf8');
    res.writeHead(result.status, { ...headers, 'Content-Type': result.text.contentType, 'Content-Length': String(payload.length) });
    res.end(payload);
    return;
  }
  if (result.body === undefined || result.status === 204 || result.status === 304) {
    res.writeHead(result.status, headers);
    res.end();
    return;
  }
  const payload = Buffer.from(JSON.stringify(result.body), 'utf8');
  headers['Content-Type'] = SCIM_CONTENT_TYPE;
  headers['Content-Length'] = String(payload.length);
  res.writeHead(result.status, headers);
  res.end(payload);
}
