// The seeded defects of defect-http-behaviours.ts over HTTP, each beside the clean server's answer to
// the same request. Whether the suite catches them is integration/new-defects.test.ts's job.
import { afterEach, describe, expect, it } from 'vitest';
import type { DefectName } from './defects.ts';
import { startServer } from './index.ts';
import type { RunningServer } from './index.ts';
import { clientFor, ERROR_URN, newUser, patchBody } from './http-test-client.ts';
import type { Call } from './http-test-client.ts';

const servers: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function start(...defects: DefectName[]): Promise<{ call: Call; url: string }> {
  const server = await startServer({ defects }, { host: '127.0.0.1', port: 0 });
  servers.push(server);
  return { call: clientFor(server), url: server.url };
}

async function created(call: Call, extra: Record<string, unknown> = {}): Promise<Record<string, any>> {
  const res = await call('POST', '/Users', { body: newUser(extra) });
  expect(res.status).toBe(201);
  return res.body;
}

describe('create-uniqueness-400 and uniqueness-400', () => {
  it('create-uniqueness-400: a POST with a taken userName answers 400 uniqueness; a PATCH conflict stays 409', async () => {
    const { call } = await start('create-uniqueness-400');
    const [u1, u2] = [await created(call), await created(call)];
    const post = await call('POST', '/Users', { body: { schemas: u1.schemas, userName: u1.userName.toUpperCase() } });
    expect(post.status).toBe(400);
    expect(post.body).toMatchObject({ schemas: [ERROR_URN], status: '400', scimType: 'uniqueness' });
    const patch = await call('PATCH', `/Users/${u2.id}`, { body: patchBody([{ op: 'replace', path: 'userName', value: u1.userName }]) });
    expect(patch.status).toBe(409);
  });

  it('uniqueness-400: a PATCH with a taken userName answers 400 uniqueness; a POST conflict stays 409', async () => {
    const { call } = await start('uniqueness-400');
    const [u1, u2] = [await created(call), await created(call)];
    const patch = await call('PATCH', `/Users/${u2.id}`, { body: patchBody([{ op: 'replace', path: 'userName', value: u1.userName }]) });
    expect(patch.status).toBe(400);
    expect(patch.body.scimType).toBe('uniqueness');
    expect((await call('POST', '/Users', { body: { schemas: u1.schemas, userName: u1.userName } })).status).toBe(409);
  });

  it('the clean server answers both conflicts 409 uniqueness', async () => {
    const { call } = await start();
    const [u1, u2] = [await created(call), await created(call)];
    const post = await call('POST', '/Users', { body: { schemas: u1.schemas, userName: u1.userName } });
    expect([post.status, post.body.scimType]).toEqual([409, 'uniqueness']);
    const patch = await call('PATCH', `/Users/${u2.id}`, { body: patchBody([{ op: 'replace', path: 'userName', value: u1.userName }]) });
    expect([patch.status, patch.body.scimType]).toEqual([409, 'uniqueness']);
  });
});

describe('create-without-location and create-location-mismatch', () => {
  it('the clean server answers a create with Location equal to meta.location', async () => {
    const { call } = await start();
    const res = await call('POST', '/Users', { body: newUser() });
    expect(res.headers.get('location')).toBe(res.body.meta.location);
  });

  it('create-without-location: the 201 has no Location; a read still has one', async () => {
    const { call } = await start('create-without-location');
    const res = await call('POST', '/Users', { body: newUser() });
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBeNull();
    expect(res.body.meta.location).toMatch(/\/Users\/[0-9a-f-]+$/);
    expect((await call('GET', `/Users/${res.body.id}`)).headers.get('location')).toBe(res.body.meta.location);
  });

  it("create-location-mismatch: the 201's Location is the collection, not meta.location", async () => {
    const { call, url } = await start('create-location-mismatch');
    const res = await call('POST', '/Users', { body: newUser() });
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe(`${url}/Users`);
    expect(res.body.meta.location).toBe(`${url}/Users/${res.body.id}`);
  });
});

describe('401-without-www-authenticate', () => {
  it('answers 401 with a SCIM Error but no WWW-Authenticate, without or with a wrong token', async () => {
    const { call } = await start('401-without-www-authenticate');
    for (const token of [null, 'wrong-token']) {
      const res = await call('GET', '/Users', { token });
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ schemas: [ERROR_URN], status: '401' });
      expect(res.headers.get('www-authenticate')).toBeNull();
    }
  });

  it('the clean server sends the Bearer challenge', async () => {
    const { call } = await start();
    expect((await call('GET', '/Users', { token: null })).headers.get('www-authenticate')).toMatch(/^Bearer realm=/);
  });
});

describe('error-content-type-html', () => {
  it('sends the SCIM Error JSON as text/html; success answers stay application/scim+json', async () => {
    const { call } = await start('error-content-type-html');
    const user = await created(call);
    const res = await call('PATCH', `/Users/${user.id}`, { body: patchBody([{ op: 'move', path: 'nickName' }]) });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(JSON.parse(res.text)).toMatchObject({ schemas: [ERROR_URN], status: '400' });
    expect((await call('GET', '/Users/2819c223-7f76-453a-919d-413861904646')).headers.get('content-type')).toMatch(/^text\/html/);
    expect((await call('GET', `/Users/${user.id}`)).headers.get('content-type')).toMatch(/^application\/scim\+json/);
  });
});

describe('get-attributes-ignored', () => {
  it('GET of one resource returns everything despite ?attributes; lists still project', async () => {
    const { call } = await start('get-attributes-ignored');
    const user = await created(call, { nickName: 'Nick', externalId: 'ext-1' });
    const one = await call('GET', `/Users/${user.id}?attributes=userName`);
    expect(one.body).toMatchObject({ userName: user.userName, nickName: 'Nick', externalId: 'ext-1' });
    const excluded = await call('GET', `/Users/${user.id}?excludedAttributes=nickName`);
    expect(excluded.body.nickName).toBe('Nick');
    const list = await call('GET', '/Users?attributes=userName');
    expect(list.body.Resources[0].nickName).toBeUndefined();
  });

  it('the clean server returns only what was asked for', async () => {
    const { call } = await start();
    const user = await created(call, { nickName: 'Nick', externalId: 'ext-1' });
    const one = await call('GET', `/Users/${user.id}?attributes=userName`);
    expect(Object.keys(one.body).sort()).toEqual(['id', 'schemas', 'userName']);
  });
});

describe('patch-writes-other-user', () => {
  it('applies a PATCH to the users its values name, and only to those', async () => {
    const { call } = await start('patch-writes-other-user');
    const [u1, u2, u3] = [await created(call), await created(call), await created(call)];
    const body = patchBody([
      { op: 'replace', path: 'nickName', value: u2.userName },
      { op: 'replace', path: 'title', value: `Reports to ${u3.id}` },
    ]);
    expect((await call('PATCH', `/Users/${u1.id}`, { body })).status).toBe(200);
    for (const u of [u1, u2, u3]) {
      const after = (await call('GET', `/Users/${u.id}`)).body;
      expect([after.nickName, after.title, after.userName]).toEqual([u2.userName, `Reports to ${u3.id}`, u.userName]);
    }
    const bystander = await created(call);
    await call('PATCH', `/Users/${u1.id}`, { body: patchBody([{ op: 'replace', path: 'nickName', value: 'Plain' }]) });
    expect((await call('GET', `/Users/${bystander.id}`)).body.nickName).toBeUndefined();
  });

  it('the clean server changes only the addressed user', async () => {
    const { call } = await start();
    const [u1, u2] = [await created(call), await created(call)];
    await call('PATCH', `/Users/${u1.id}`, { body: patchBody([{ op: 'replace', path: 'nickName', value: u2.userName }]) });
    expect((await call('GET', `/Users/${u2.id}`)).body.nickName).toBeUndefined();
  });
});
