import { describe, it, expect } from 'vitest';
import type { ServerResponse } from 'node:http';
import { SCIM_CONTENT_TYPE, writeResult } from './http-io.ts';

function fakeResponse() {
  const written: { status?: number; headers?: Record<string, string>; body?: Buffer | undefined } = {};
  const res = {
    writeHead(status: number, headers: Record<string, string>) {
      written.status = status;
      written.headers = headers;
    },
    end(body?: Buffer) {
      written.body = body;
    },
  };
  return { res: res as unknown as ServerResponse, written };
}

describe('writeResult', () => {
  it('writes JSON with the SCIM content type and length', () => {
    const { res, written } = fakeResponse();
    writeResult(res, { status: 201, headers: { ETag: 'W/"1"' }, body: { a: 'é' } });
    expect(written.status).toBe(201);
    expect(written.headers).toEqual({ ETag: 'W/"1"', 'Content-Type': SCIM_CONTENT_TYPE, 'Content-Length': '10' });
    expect(written.body?.toString('utf8')).toBe('{"a":"é"}');
  });

  it('writes no body for 204 and 304', () => {
    for (const status of [204, 304]) {
      const { res, written } = fakeResponse();
      writeResult(res, { status, body: { ignored: true } });
      expect(written.status).toBe(status);
      expect(written.headers).not.toHaveProperty('Content-Type');
      expect(written.body).toBeUndefined();
    }
  });
});
