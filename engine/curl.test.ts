import { describe, expect, it } from 'vitest';
import { shellQuote, toCurl } from './curl.ts';
import type { Exchange } from '../schemas/run-result.ts';

const exchange: Exchange = {
  purpose: 'patch',
  method: 'PATCH',
  url: 'http://127.0.0.1:4000/Users/abc',
  requestHeaders: { authorization: '[REDACTED]', 'content-type': 'application/scim+json', 'x-trace': "it's" },
  requestBody: '{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"nickName","value":"O\'Neil"}]}',
  status: 400,
  durationMs: 3,
  startedAt: '2026-01-01T00:00:00.000Z',
};

describe('toCurl', () => {
  it('references the token through the environment and keeps the body byte for byte', () => {
    const line = toCurl(exchange, { kind: 'bearer' });
    expect(line).toContain('"Authorization: Bearer $SCIM_TOKEN"');
    expect(line).toContain("-X PATCH 'http://127.0.0.1:4000/Users/abc'");
    expect(line).not.toContain('REDACTED');
    expect(line).toContain(`'content-type: application/scim+json'`);
    expect(line).toContain(`"value":"O'\\''Neil"`);
  });
  it('uses -u for basic auth and the custom header name for header auth', () => {
    expect(toCurl(exchange, { kind: 'basic' })).toContain('-u "$SCIM_USERNAME:$SCIM_PASSWORD"');
    expect(toCurl(exchange, { kind: 'header', headerName: 'X-Key' })).toContain('"X-Key: $SCIM_AUTH_VALUE"');
    expect(toCurl(exchange, { kind: 'none' })).not.toContain('Authorization');
  });
  it('quotes for a POSIX shell', () => {
    expect(shellQuote("a'b")).toBe(`'a'\\''b'`);
  });
});
