import { afterEach, describe, expect, it } from 'vitest';
import { createEmulation } from './emulation.ts';
import { startServer, type RunningServer } from './index.ts';
import { builtinResourceSchemas } from '../schemas/rfc7643.ts';
import { URN } from '../schemas/scim-schema.ts';

const { User } = builtinResourceSchemas();
let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function call(method: string, path: string, body?: unknown) {
  const res = await fetch(`${new URL(server!.url).origin}${path}`, {
    method,
    headers: { Authorization: `Bearer ${server!.token}`, 'Content-Type': 'application/json' },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, text, json: text ? (JSON.parse(text) as Record<string, unknown>) : undefined };
}

describe('createEmulation', () => {
  it('fills the base path with the example values and refuses an unknown profile', () => {
    expect(createEmulation('pingone').basePath).toBe('/environments/abfba8f6-49eb-49f5-a5d9-80ad5c98f9f6/v2');
    expect(() => createEmulation('nope')).toThrow(/unknown profile "nope"/);
  });
  it('formats errors as the vendor documents', () => {
    const scimError = { status: 412, body: { schemas: [URN.error], status: '412', detail: 'stale' } };
    expect(createEmulation('vmware-identity-services').errorResult(scimError, '/x')).toEqual({ status: 409, body: { schemas: [URN.error], status: '409', detail: 'stale' } });
    expect(createEmulation('workspace-one-access').errorResult(scimError, '/x')).toEqual({ status: 412 });
    expect(createEmulation('adra').errorResult({ status: 404, body: { detail: 'gone' } }, '/u/1')).toEqual({
      status: 404,
      body: { type: 'about:blank', title: 'Not Found', status: 404, detail: 'gone', instance: '/u/1' },
    });
  });
  it('adds the PatchOp schema VMware Identity Services lets clients leave out', () => {
    expect(createEmulation('vmware-identity-services').decodePatch({ Operations: [] }, User)).toEqual({ schemas: [URN.patchOp], Operations: [] });
    expect(createEmulation('pingone').decodePatch({ Operations: [] }, User)).toEqual({ Operations: [] });
  });
});

describe('startServer({ profile })', () => {
  it('adra: answers below its base path, 204 on success, problem JSON on errors', async () => {
    server = await startServer({ profile: 'adra' });
    expect(new URL(server.url).pathname).toBe('/api/organizations/org-0001/scim');
    const created = await call('POST', '/api/organizations/org-0001/scim/Users', { schemas: [URN.user], userName: 'a1' });
    expect(created.status).toBe(201);
    const path = `/api/organizations/org-0001/scim/Users/${String(created.json!['id'])}`;
    const ok = await call('PATCH', path, { schemas: [URN.patchOp], Operations: [{ op: 'Replace', path: 'nickName', value: [{ value: 'N' }] }] });
    expect([ok.status, ok.text]).toEqual([204, '']);
    expect((await call('GET', path)).json!['nickName']).toBe('N');
    const pathLess = await call('PATCH', path, { schemas: [URN.patchOp], Operations: [{ op: 'Replace', value: { nickName: 'M' } }] });
    expect(pathLess.status).toBe(400);
    expect(pathLess.json).toMatchObject({ status: 400, title: 'Bad Request', detail: expect.stringMatching(/path is required/) });
    expect((await call('GET', '/Users')).status).toBe(404);
  });
  it('workspace-one-access: takes a partial update and answers errors without a body', async () => {
    server = await startServer({ profile: 'workspace-one-access' });
    const base = '/SAAS/jersey/manager/api/scim';
    const created = await call('POST', `${base}/Users`, { schemas: [URN.user], userName: 'w1', emails: [{ value: 'a@example.com' }, { value: 'b@example.com' }] });
    const path = `${base}/Users/${String(created.json!['id'])}`;
    const ok = await call('PATCH', path, { schemas: ['urn:scim:schemas:core:1.0'], title: 'Boss', emails: [{ value: 'a@example.com', operation: 'delete' }] });
    expect(ok.status).toBe(204);
    const got = (await call('GET', path)).json!;
    expect([got['title'], got['emails']]).toEqual(['Boss', [{ value: 'b@example.com' }]]);
    const missing = await call('PATCH', `${base}/Users/does-not-exist`, { title: 'x' });
    expect([missing.status, missing.text]).toEqual([404, '']);
  });
});
