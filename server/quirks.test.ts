// The quirk catalogue and every quirk over HTTP: alone, against the clean server (so each check is
// seen to fail where the quirk is off), together, and combined with a seeded defect.
import { afterEach, describe, expect, it } from 'vitest';
import { startServer } from './index.ts';
import type { RunningServer, ServerOptions } from './index.ts';
import { clientFor, ENT_URN, ERROR_URN, GROUP_URN, newUser, patchBody, USER_URN } from './http-test-client.ts';
import type { Call } from './http-test-client.ts';
import { EMPTY_CANONICAL_TARGET, NO_QUIRKS, passwordHash, QUIRK_BEHAVIOURS } from './quirk-behaviours.ts';
import { createQuirkRuntime, QUIRK_NAMES, QUIRKS, validateQuirks } from './quirks.ts';
import type { QuirkName } from './quirks.ts';

describe('quirk catalogue', () => {
  it('has the five quirks of issue 14, each described in one sentence with references', () => {
    expect(QUIRK_NAMES).toEqual(expect.arrayContaining(['relative-location', 'empty-canonical-values', 'drops-nickname', 'returns-password', 'no-schemas-endpoint']));
    expect(new Set(QUIRK_NAMES).size).toBe(QUIRK_NAMES.length);
    for (const name of QUIRK_NAMES) {
      const q = QUIRKS[name];
      expect(q.name).toBe(name);
      expect(q.description, name).toMatch(/^\S.*\.$/);
      expect(q.description.split('. ').length, name).toBe(1);
      expect(q.refs.length, name).toBeGreaterThan(0);
      expect(Object.keys(QUIRK_BEHAVIOURS[name]).length, name).toBeGreaterThan(0);
    }
  });

  it('refuses unknown names and lists the known ones', () => {
    expect(() => validateQuirks(['drops-nickname', 'no-such-quirk'])).toThrow(/Unknown quirk "no-such-quirk"; known quirks: relative-location, .*no-schemas-endpoint/);
    expect(validateQuirks(['drops-nickname', 'drops-nickname'])).toEqual(['drops-nickname']);
    expect(createQuirkRuntime([]).active).toBe(false);
    expect(NO_QUIRKS.active).toBe(false);
    expect(createQuirkRuntime(['returns-password']).names).toEqual(['returns-password']);
  });

  it('startServer rejects an unknown quirk before listening', async () => {
    await expect(startServer({ quirks: ['nope' as QuirkName] })).rejects.toThrow(/Unknown quirk "nope"/);
  });

  it('hashes the password: never the plain value, stable per value, a generated one for a user without', () => {
    expect(passwordHash('id1', 's3cret')).toMatch(/^\{SHA256\}[A-Za-z0-9+/]+=*$/);
    expect(passwordHash('id1', 's3cret')).not.toContain('s3cret');
    expect(passwordHash('id2', 's3cret')).toBe(passwordHash('id1', 's3cret'));
    expect(passwordHash('id1', undefined)).not.toBe(passwordHash('id2', undefined));
  });
});

let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(options: ServerOptions = {}): Promise<Call> {
  server = await startServer(options, { host: '127.0.0.1', port: 0 });
  return clientFor(server);
}

const phone = (type?: string) => [{ value: "admin", ...(type ? { type } : {}) }];

describe('relative-location', () => {
  it('answers meta.location and Location relative to the service root; $ref stays absolute', async () => {
    const call = await start({ quirks: ['relative-location'], basePath: '/scim/v2' });
    const created = await call('POST', '/Users', { body: newUser() });
    const id = created.body.id as string;
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`/Users/${id}`);
    expect(created.body.meta.location).toBe(`/Users/${id}`);
    expect((await call('GET', `/Users/${id}`)).body.meta.location).toBe(`/Users/${id}`);
    expect((await call('GET', '/Users')).body.Resources[0].meta.location).toBe(`/Users/${id}`);
    const patched = await call('PATCH', `/Users/${id}`, { body: patchBody([{ op: 'replace', path: 'title', value: 'x' }]) });
    expect([patched.headers.get('location'), patched.body.meta.location]).toEqual([`/Users/${id}`, `/Users/${id}`]);
    const put = await call('PUT', `/Users/${id}`, { body: { schemas: [USER_URN], userName: created.body.userName } });
    expect(put.body.meta.location).toBe(`/Users/${id}`);
    const group = await call('POST', '/Groups', { body: { schemas: [GROUP_URN], displayName: 'g', members: [{ value: id }] } });
    expect(group.body.meta.location).toBe(`/Groups/${group.body.id}`);
    expect(group.body.members[0].$ref).toBe(`${server!.url}/Users/${id}`);
    expect((await call('GET', '/ServiceProviderConfig')).body.meta.location).toBe('/ServiceProviderConfig');
    expect((await call('GET', '/ResourceTypes')).body.Resources[0].meta.location).toBe('/ResourceTypes/User');
  });

  it('the clean server answers absolute URLs', async () => {
    const call = await start({ basePath: '/scim/v2' });
    const created = await call('POST', '/Users', { body: newUser() });
    expect(created.headers.get('location')).toBe(`${server!.url}/Users/${created.body.id}`);
    expect(created.body.meta.location).toBe(`${server!.url}/Users/${created.body.id}`);
  });
});

describe('empty-canonical-values', () => {
  const { attribute, subAttribute } = EMPTY_CANONICAL_TARGET;
  const advertised = async (call: Call) => {
    const user = (await call('GET', `/Schemas/${USER_URN}`)).body;
    const attr = user.attributes.find((a: { name: string }) => a.name === attribute);
    return attr.subAttributes.find((s: { name: string }) => s.name === subAttribute).canonicalValues;
  };

  it(`advertises ${attribute}.${subAttribute} with an empty list and refuses every value of it, on every write`, async () => {
    const call = await start({ quirks: ['empty-canonical-values'] });
    expect(await advertised(call)).toEqual([]);
    const refused = await call('POST', '/Users', { body: newUser({ [attribute]: phone('work') }) });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ schemas: [ERROR_URN], status: '400', scimType: 'invalidValue' });
    expect(refused.body.detail).toBe(`${attribute}.${subAttribute}: value "work" is not one of the canonical values []`);
    // Without the sub-attribute everything works.
    const created = await call('POST', '/Users', { body: newUser({ [attribute]: phone(), emails: [{ value: 'a@example.com', type: 'work' }] }) });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const patch = (ops: unknown[]) => call('PATCH', `/Users/${id}`, { body: patchBody(ops) });
    expect((await patch([{ op: 'add', path: attribute, value: phone('mobile') }])).status).toBe(400);
    expect((await patch([{ op: 'add', path: `${attribute}[type eq "mobile"].value`, value: '+1 555 0199' }])).body.detail).toMatch(/"mobile" is not one of/);
    expect((await patch([{ op: 'replace', path: 'title', value: 'ok' }])).status).toBe(200);
    const put = await call('PUT', `/Users/${id}`, { body: { schemas: [USER_URN], userName: created.body.userName, [attribute]: phone('home') } });
    expect(put.status).toBe(400);
    expect((await call('GET', `/Users/${id}`)).body[attribute]).toEqual(phone());
  });

  it('the clean server advertises no empty list and accepts a value', async () => {
    const call = await start();
    const listed = await advertised(call);
    expect(listed === undefined || listed.length > 0).toBe(true);
    expect((await call('POST', '/Users', { body: newUser({ [attribute]: phone('work') }) })).status).toBe(201);
  });
});

describe('drops-nickname', () => {
  it('accepts nickName on POST, PUT and PATCH and never keeps it', async () => {
    const call = await start({ quirks: ['drops-nickname'] });
    const created = await call('POST', '/Users', { body: newUser({ nickName: 'Babs', title: 'Boss' }) });
    expect(created.status).toBe(201);
    expect(created.body).not.toHaveProperty('nickName');
    expect(created.body.title).toBe('Boss');
    const id = created.body.id as string;
    const version = created.body.meta.version;
    const patched = await call('PATCH', `/Users/${id}`, { body: patchBody([{ op: 'replace', path: 'nickName', value: 'New' }]) });
    expect(patched.status).toBe(200);
    expect(patched.body).not.toHaveProperty('nickName');
    expect(patched.body.meta.version).toBe(version);
    const both = await call('PATCH', `/Users/${id}`, { body: patchBody([{ op: 'add', value: { NickName: 'N', title: 'Chief' } }]) });
    expect(both.body).not.toHaveProperty('nickName');
    expect(both.body.title).toBe('Chief');
    const put = await call('PUT', `/Users/${id}`, { body: { schemas: [USER_URN], userName: created.body.userName, nickName: 'Put' } });
    expect(put.status).toBe(200);
    expect(put.body).not.toHaveProperty('nickName');
    const read = await call('GET', `/Users/${id}`);
    expect(read.body).not.toHaveProperty('nickName');
    expect((await call('GET', '/Users?filter=nickName%20pr')).body.totalResults).toBe(0);
  });

  it('the clean server keeps nickName', async () => {
    const call = await start();
    const created = await call('POST', '/Users', { body: newUser({ nickName: 'Babs' }) });
    expect((await call('GET', `/Users/${created.body.id}`)).body.nickName).toBe('Babs');
  });
});

describe('returns-password', () => {
  it('puts a password hash into every User representation, never into a Group', async () => {
    const call = await start({ quirks: ['returns-password'] });
    const created = await call('POST', '/Users', { body: newUser({ password: 'Plain-Pa55' }) });
    const id = created.body.id as string;
    const hash = passwordHash(id, 'Plain-Pa55');
    expect(created.body.password).toBe(hash);
    expect(created.text).not.toContain('Plain-Pa55');
    expect((await call('GET', `/Users/${id}`)).body.password).toBe(hash);
    expect((await call('GET', `/Users/${id}?attributes=userName`)).body.password).toBe(hash);
    expect((await call('GET', '/Users')).body.Resources[0].password).toBe(hash);
    expect((await call('POST', '/Users/.search', { body: { schemas: ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'] } })).body.Resources[0].password).toBe(hash);
    const patched = await call('PATCH', `/Users/${id}`, { body: patchBody([{ op: 'replace', path: 'password', value: 'Other-Pa55' }]) });
    expect(patched.body.password).toBe(passwordHash(id, 'Other-Pa55'));
    const put = await call('PUT', `/Users/${id}`, { body: { schemas: [USER_URN], userName: created.body.userName } });
    expect(put.body.password).toMatch(/^\{SHA256\}/);
    const bare = await call('POST', '/Users', { body: newUser() });
    expect(bare.body.password).toBe(passwordHash(bare.body.id, undefined));
    const group = await call('POST', '/Groups', { body: { schemas: [GROUP_URN], displayName: 'g', members: [{ value: id }] } });
    expect(group.body).not.toHaveProperty('password');
    expect((await call('GET', '/Users/nope')).body).not.toHaveProperty('password');
  });

  it('the clean server never returns password', async () => {
    const call = await start();
    const created = await call('POST', '/Users', { body: newUser({ password: 'Plain-Pa55' }) });
    expect(created.body).not.toHaveProperty('password');
    expect((await call('GET', `/Users/${created.body.id}`)).body).not.toHaveProperty('password');
  });
});

describe('no-schemas-endpoint', () => {
  it('answers 404 with a SCIM Error on /Schemas and /Schemas/{id}; other discovery works; auth still first', async () => {
    const call = await start({ quirks: ['no-schemas-endpoint'] });
    for (const path of ['/Schemas', `/Schemas/${USER_URN}`, `/Schemas/${ENT_URN}`]) {
      const res = await call('GET', path);
      expect(res.status, path).toBe(404);
      expect(res.body, path).toMatchObject({ schemas: [ERROR_URN], status: '404' });
    }
    expect((await call('GET', '/Schemas', { token: null })).status).toBe(401);
    expect((await call('GET', '/ResourceTypes')).status).toBe(200);
    expect((await call('GET', '/ServiceProviderConfig')).status).toBe(200);
  });

  it('the clean server serves /Schemas', async () => {
    const call = await start();
    expect((await call('GET', '/Schemas')).status).toBe(200);
  });
});

// One observable sign of each quirk, and of a seeded defect, to show they combine.
const SIGNS: Record<QuirkName, (call: Call) => Promise<boolean>> = {
  'relative-location': async (call) => (await call('POST', '/Users', { body: newUser() })).headers.get('location')?.startsWith('/Users/') ?? false,
  'empty-canonical-values': async (call) => (await call('POST', '/Users', { body: newUser({ [EMPTY_CANONICAL_TARGET.attribute]: phone('work') }) })).status === 400,
  'drops-nickname': async (call) => {
    const created = await call('POST', '/Users', { body: newUser({ nickName: 'Nick' }) });
    return !('nickName' in (await call('GET', `/Users/${created.body.id}`)).body);
  },
  'returns-password': async (call) => 'password' in (await call('POST', '/Users', { body: newUser({ password: 'Pa55-word' }) })).body,
  'no-schemas-endpoint': async (call) => (await call('GET', '/Schemas')).status === 404,
};
const DEFECT = 'pathless-remove-accepted' as const;
const defectSign = async (call: Call) => {
  const created = await call('POST', '/Users', { body: newUser() });
  return (await call('PATCH', `/Users/${created.body.id}`, { body: patchBody([{ op: 'remove' }]) })).status === 200;
};

describe('quirks combine with each other and with seeded defects', () => {
  it('no sign shows on the clean server', async () => {
    const call = await start();
    for (const name of QUIRK_NAMES) expect(await SIGNS[name](call), name).toBe(false);
    expect(await defectSign(call)).toBe(false);
  });

  it.each(QUIRK_NAMES)(`%s with the defect ${DEFECT}: both show, no other quirk does`, async (name) => {
    const call = await start({ quirks: [name], defects: [DEFECT] });
    for (const other of QUIRK_NAMES) expect(await SIGNS[other](call), other).toBe(other === name);
    expect(await defectSign(call)).toBe(true);
  });

  it('all quirks at once, with the defect', async () => {
    const call = await start({ quirks: [...QUIRK_NAMES], defects: [DEFECT] });
    for (const name of QUIRK_NAMES) expect(await SIGNS[name](call), name).toBe(true);
    expect(await defectSign(call)).toBe(true);
  });
});
