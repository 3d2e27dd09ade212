// The lifecycle defects of defect-lifecycle.ts over HTTP, each beside the clean server's answer to
// the same request. Whether the suite catches them is integration/detection.test.ts's job.
import { afterEach, describe, expect, it } from 'vitest';
import type { DefectName } from './defects.ts';
import { DEFECT_NAMES } from './defects.ts';
import { LIFECYCLE_DEFECT_NAMES, lifecycleDefects } from './defect-lifecycle.ts';
import { startServer } from './index.ts';
import type { RunningServer } from './index.ts';
import { clientFor, GROUP_URN, newUser, USER_URN } from './http-test-client.ts';
import type { Call } from './http-test-client.ts';

const servers: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function start(...defects: DefectName[]): Promise<Call> {
  const server = await startServer({ defects }, { host: '127.0.0.1', port: 0 });
  servers.push(server);
  return clientFor(server);
}

async function user(call: Call, extra: Record<string, unknown> = {}): Promise<Record<string, any>> {
  const res = await call('POST', '/Users', { body: newUser(extra) });
  expect(res.status).toBe(201);
  return res.body;
}

describe('lifecycle defects', () => {
  it('are registered, and with none enabled every hook is the identity', () => {
    for (const n of LIFECYCLE_DEFECT_NAMES) expect(DEFECT_NAMES).toContain(n);
    const none = lifecycleDefects([]);
    expect(none.createBody('User', { a: 1 })).toEqual({ a: 1 });
    expect(none.replaceData({ a: 1 }, { b: 2 })).toEqual({ a: 1 });
    expect([none.checksIfMatch('PUT'), none.checksIfMatch('DELETE'), none.dropsMemberships(), none.deletesUnknown()]).toEqual([true, true, true, false]);
    expect(none.ifNoneMatch('W/"1"')).toBe('W/"1"');
  });

  it('put-merges: a PUT keeps what it leaves out or sends as null; the clean server clears it', async () => {
    for (const [defects, kept] of [[[], false], [['put-merges'], true]] as const) {
      const call = await start(...defects);
      const u = await user(call, { title: 'Boss', nickName: 'al' });
      const put = await call('PUT', `/Users/${u.id}`, { body: { schemas: [USER_URN], userName: u.userName, title: null } });
      expect(put.status).toBe(200);
      expect([put.body.title, put.body.nickName]).toEqual(kept ? ['Boss', 'al'] : [undefined, undefined]);
    }
  });

  it('put-if-match-ignored and delete-if-match-ignored: a stale If-Match is applied', async () => {
    const stale = { 'If-Match': 'W/"stale"' };
    const clean = await start();
    const c = await user(clean);
    expect((await clean('PUT', `/Users/${c.id}`, { body: { schemas: [USER_URN], userName: c.userName }, headers: stale })).status).toBe(412);
    expect((await clean('DELETE', `/Users/${c.id}`, { headers: stale })).status).toBe(412);
    const put = await start('put-if-match-ignored');
    const p = await user(put);
    expect((await put('PUT', `/Users/${p.id}`, { body: { schemas: [USER_URN], userName: p.userName }, headers: stale })).status).toBe(200);
    expect((await put('DELETE', `/Users/${p.id}`, { headers: stale })).status).toBe(412);
    const del = await start('delete-if-match-ignored');
    const d = await user(del);
    expect((await del('DELETE', `/Users/${d.id}`, { headers: stale })).status).toBe(204);
  });

  it('delete-leaves-membership: a deleted user stays in its group', async () => {
    for (const [defects, left] of [[[], 0], [['delete-leaves-membership'], 1]] as const) {
      const call = await start(...defects);
      const u = await user(call);
      const g = await call('POST', '/Groups', { body: { schemas: [GROUP_URN], displayName: 'G', members: [{ value: u.id }] } });
      expect((await call('DELETE', `/Users/${u.id}`)).status).toBe(204);
      const read = await call('GET', `/Groups/${g.body.id}`);
      expect(read.body.members?.length ?? 0).toBe(left);
    }
  });

  it('delete-unknown-204 and deleted-still-readable', async () => {
    const unknown = await start('delete-unknown-204');
    expect((await unknown('DELETE', '/Users/no-such-id')).status).toBe(204);
    const ghost = await start('deleted-still-readable');
    const u = await user(ghost);
    expect((await ghost('DELETE', `/Users/${u.id}`)).status).toBe(204);
    expect((await ghost('GET', `/Users/${u.id}`)).status).toBe(200);
    expect((await ghost('DELETE', `/Users/${u.id}`)).status).toBe(404);
    expect((await ghost('GET', `/Groups/${u.id}`)).status).toBe(404);
  });

  it('if-none-match-ignored: the current ETag gets 200 instead of 304', async () => {
    for (const [defects, status] of [[[], 304], [['if-none-match-ignored'], 200]] as const) {
      const call = await start(...defects);
      const u = await user(call);
      const etag = (await call('GET', `/Users/${u.id}`)).headers.get('etag')!;
      expect((await call('GET', `/Users/${u.id}`, { headers: { 'If-None-Match': etag } })).status).toBe(status);
    }
  });

  it('create-required-unchecked, create-schemas-unchecked and create-meta-from-client', async () => {
    const required = await start('create-required-unchecked');
    expect((await required('POST', '/Users', { body: { schemas: [USER_URN], externalId: 'x' } })).status).toBe(201);
    const schemas = await start('create-schemas-unchecked');
    expect((await schemas('POST', '/Users', { body: { userName: 'no-schemas@example.com' } })).status).toBe(201);
    const meta = await start('create-meta-from-client');
    const made = await meta('POST', '/Users', { body: newUser({ meta: { lastModified: '2001-02-03T04:05:06Z' } }) });
    expect(made.body.meta.lastModified).toBe('2001-02-03T04:05:06Z');
    const clean = await start();
    expect((await clean('POST', '/Users', { body: { userName: 'no-schemas@example.com' } })).status).toBe(400);
  });
});
