import { describe, it, expect } from 'vitest';
import { PassThrough } from 'node:stream';
import type { IncomingMessage } from 'node:http';
import { checkContentType, parseJsonBody, readRawBody } from './read-body.ts';
import { ScimHttpError } from './errors.ts';

function fakeRequest(chunks: string[], headers: Record<string, string> = {}): IncomingMessage {
  const stream = new PassThrough();
  Object.assign(stream, { headers });
  queueMicrotask(() => {
    for (const c of chunks) stream.write(c);
    stream.end();
  });
  return stream as unknown as IncomingMessage;
}

function statusOf(fn: () => unknown): number | undefined {
  try {
    fn();
  } catch (e) {
    return e instanceof ScimHttpError ? e.status : -1;
  }
  return undefined;
}

describe('checkContentType', () => {
  it('accepts SCIM and plain JSON with or without charset, and a missing header', () => {
    for (const ct of ['application/scim+json', 'application/json', 'application/json; charset=utf-8', 'Application/SCIM+JSON;charset="UTF-8"', undefined]) {
      expect(statusOf(() => checkContentType(ct))).toBeUndefined();
    }
  });

  it('rejects other media types and charsets with 415', () => {
    expect(statusOf(() => checkContentType('text/plain'))).toBe(415);
    expect(statusOf(() => checkContentType('application/json; charset=latin1'))).toBe(415);
  });
});

describe('parseJsonBody', () => {
  it('parses JSON and strips a BOM', () => {
    expect(parseJsonBody(Buffer.from('\uFEFF{"a":1}'))).toEqual({ a: 1 });
  });

  it('turns bad or empty JSON into 400 invalidSyntax', () => {
    for (const text of ['{"a":', '', '  ']) {
      try {
        parseJsonBody(Buffer.from(text));
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(ScimHttpError);
        expect((e as ScimHttpError).status).toBe(400);
        expect((e as ScimHttpError).scimType).toBe('invalidSyntax');
      }
    }
  });
});

describe('readRawBody', () => {
  it('collects chunks under the limit', async () => {
    const body = await readRawBody(fakeRequest(['{"a"', ':1}']), { maxBytes: 100 });
    expect(body.toString()).toBe('{"a":1}');
  });

  it('rejects with 413 over the limit after reading to the end', async () => {
    await expect(readRawBody(fakeRequest(['x'.repeat(60), 'y'.repeat(60)]), { maxBytes: 100 })).rejects.toMatchObject({
      status: 413,
    });
  });
});
