import { describe, it, expect } from 'vitest';
import { createRedactor, REDACTED } from './redact.ts';
import type { AuthConfig } from './config.ts';

const make = (auth: AuthConfig, headers: Record<string, string> = {}) => createRedactor({ auth, headers });

describe('createRedactor().headers', () => {
  it('hides credential headers, the custom auth header and names that look secret', () => {
    const r = make({ kind: 'header', name: 'X-Tenant-Auth', value: 'hv-123456' });
    const out = r.headers({
      Authorization: 'Bearer abc',
      'proxy-authorization': 'Basic xyz',
      Cookie: 'a=b',
      'Set-Cookie': 's=1',
      'x-tenant-auth': 'hv-123456',
      'X-Api-Key': 'k',
      'X-Refresh-Token': 't',
      'X-Client-Secret': 's',
      'X-Password': 'p',
      'Content-Type': 'application/scim+json',
      Location: 'https://x/Users/1',
    });
    expect(out).toEqual({
      Authorization: REDACTED,
      'proxy-authorization': REDACTED,
      Cookie: REDACTED,
      'Set-Cookie': REDACTED,
      'x-tenant-auth': REDACTED,
      'X-Api-Key': REDACTED,
      'X-Refresh-Token': REDACTED,
      'X-Client-Secret': REDACTED,
      'X-Password': REDACTED,
      'Content-Type': 'application/scim+json',
      Location: 'https://x/Users/1',
    });
  });

  it('removes a secret echoed in an innocent header', () => {
    const r = make({ kind: 'bearer', token: 'tok-777-abc' });
    expect(r.headers({ 'X-Debug': 'saw tok-777-abc' })).toEqual({ 'X-Debug': `saw ${REDACTED}` });
  });
});

describe('createRedactor().text', () => {
  it('replaces every configured secret, in raw, percent- and JSON-escaped forms', () => {
    const bearer = make({ kind: 'bearer', token: 'a/b c"d' });
    expect(bearer.text('q=a%2Fb%20c%22d&x=1')).toBe(`q=${REDACTED}&x=1`);
    expect(bearer.text('{"t":"a/b c\\"d"}')).toBe(`{"t":"${REDACTED}"}`);
    expect(bearer.text('raw a/b c"d end')).toBe(`raw ${REDACTED} end`);

    const basic = make({ kind: 'basic', username: 'alice', password: 'pw-Secret1' });
    const encoded = Buffer.from('alice:pw-Secret1').toString('base64');
    expect(basic.text(`echo ${encoded} and pw-Secret1`)).toBe(`echo ${REDACTED} and ${REDACTED}`);
    expect(basic.text('alice is not secret')).toBe('alice is not secret');

    const oauth = make({ kind: 'oauth2', tokenUrl: 'https://t', clientId: 'cid', clientSecret: 'cs-999-zz' });
    expect(oauth.text('client_secret=cs-999-zz&client_id=cid')).toBe(`client_secret=${REDACTED}&client_id=cid`);

    const hdr = make({ kind: 'none' }, { 'X-Api-Key': 'key-42-abc', 'X-Tenant': 'acme' });
    expect(hdr.text('key-42-abc acme')).toBe(`${REDACTED} acme`);
  });

  it('replaces a secret registered at run time', () => {
    const r = make({ kind: 'none' });
    expect(r.text('at-XYZ-1')).toBe('at-XYZ-1');
    r.addSecret('at-XYZ-1');
    expect(r.text('Bearer at-XYZ-1')).toBe(`Bearer ${REDACTED}`);
    expect(r.headers({ 'X-Echo': 'at-XYZ-1' })).toEqual({ 'X-Echo': REDACTED });
  });

  it('hides password and token members of JSON bodies, whatever their value', () => {
    const r = make({ kind: 'none' });
    const body = JSON.stringify({ userName: 'u1', password: 'Fixture#1', name: { givenName: 'A' }, nested: { newPassword: 'x\\"y' } });
    const out = r.text(body);
    expect(JSON.parse(out)).toEqual({ userName: 'u1', password: REDACTED, name: { givenName: 'A' }, nested: { newPassword: REDACTED } });
    expect(r.text('{"access_token": "at1", "token_type":"Bearer","expires_in":3600}')).toBe(
      `{"access_token": "${REDACTED}", "token_type":"Bearer","expires_in":3600}`,
    );
    expect(r.text('{ "Password" : "P" }')).toBe(`{ "Password" : "${REDACTED}" }`);
  });

  it('hides the value of a PATCH operation on the password path', () => {
    const r = make({ kind: 'none' });
    const patch = JSON.stringify({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [
        { op: 'replace', path: 'password', value: 'N3w-Pass' },
        { op: 'replace', path: 'nickName', value: 'nick' },
        { op: 'replace', value: { password: 'Other-Pass' } },
      ],
    });
    const out = r.text(patch);
    expect(out).not.toContain('N3w-Pass');
    expect(out).not.toContain('Other-Pass');
    expect(JSON.parse(out).Operations).toEqual([
      { op: 'replace', path: 'password', value: REDACTED },
      { op: 'replace', path: 'nickName', value: 'nick' },
      { op: 'replace', value: { password: REDACTED } },
    ]);
  });

  it('leaves text without secrets untouched, including malformed JSON', () => {
    const r = make({ kind: 'bearer', token: 'tok-1234' });
    for (const s of ['', '{"userName":"bjensen"}', '{"password": ', 'plain text']) {
      expect(r.text(s)).toBe(s);
    }
  });
});
