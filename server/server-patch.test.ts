// PATCH wiring of the reference server: RFC 7644 §3.5.2 examples end to end, versions,
// preconditions, atomicity, uniqueness and response shapes. The semantics are tested in patch/.
import { describe, expect, it } from 'vitest';
import { serveForTests, GROUP_URN, newUser, patchBody } from './http-test-client.ts';
import type { Call } from './http-test-client.ts';

async function createUser(call: Call, extra: Record<string, unknown> = {}): Promise<Record<string, any>> {
  const res = await call('POST', '/Users', { body: newUser(extra) });
  expect(res.status).toBe(201);
  return res.body;
}

describe('reference server: PATCH', () => {
  const served = serveForTests();
  const { call } = served;

  const fullUser = {
    name: { givenName: 'Barbara', familyName: 'Jensen', middleName: 'Jane' },
    nickName: 'Babs',
    emails: [
      { value: 'bjensen@example.com', type: 'work', primary: true },
      { value: 'babs@jensen.org', type: 'home' },
    ],
    addresses: [{ type: 'work', streetAddress: '100 Universal City Plaza', locality: 'Hollywood', primary: true }],
  };

  it('replaces an attribute: 200 with the full resource, equal to a later GET, new ETag', async () => {
    const user = await createUser(call, fullUser);
    const res = await call('PATCH', `/Users/${user.id}`, { body: patchBody([{ op: 'replace', path: 'nickName', value: 'Bee' }]) });
    expect(res.status).toBe(200);
    expect(res.body.nickName).toBe('Bee');
    expect(res.body.name).toEqual(fullUser.name);
    expect(res.headers.get('etag')).toBe(res.body.meta.version);
    expect(res.body.meta.version).not.toBe(user.meta.version);
    expect(Date.parse(res.body.meta.lastModified)).toBeGreaterThan(Date.parse(user.meta.lastModified));
    expect((await call('GET', `/Users/${user.id}`)).body).toEqual(res.body);
  });

  it('RFC 7644 §3.5.2.1: add without path adds emails and sets nickName', async () => {
    const user = await createUser(call, fullUser);
    const res = await call('PATCH', `/Users/${user.id}`, {
      body: patchBody([{ op: 'add', value: { emails: [{ value: 'babs2@jensen.org', type: 'home' }], nickName: 'Babsy' } }]),
    });
    expect(res.status).toBe(200);
    expect(res.body.emails).toHaveLength(3);
    expect(res.body.nickName).toBe('Babsy');
  });

  it('RFC 7644 §3.5.2.3: replace the work address through a value filter', async () => {
    const user = await createUser(call, fullUser);
    const res = await call('PATCH', `/Users/${user.id}`, {
      body: patchBody([{ op: 'replace', path: 'addresses[type eq "work"].streetAddress', value: '1010 Broadway Ave' }]),
      contentType: 'application/json',
    });
    expect(res.status).toBe(200);
    expect(res.body.addresses[0]).toMatchObject({ streetAddress: '1010 Broadway Ave', locality: 'Hollywood' });
  });

  it('RFC 7644 §3.5.2.1/§3.5.2.2: group member add and filtered remove', async () => {
    const u1 = await createUser(call);
    const u2 = await createUser(call);
    const group = (await call('POST', '/Groups', { body: { schemas: [GROUP_URN], displayName: 'Tour Guides', members: [{ value: u1.id }] } })).body;
    const added = await call('PATCH', `/Groups/${group.id}`, {
      body: patchBody([{ op: 'add', path: 'members', value: [{ display: 'jsmith', $ref: null, value: u2.id }] }]),
    });
    expect(added.status).toBe(200);
    expect(added.body.members.map((m: { value: string }) => m.value)).toEqual([u1.id, u2.id]);
    expect(added.body.members[1]).toMatchObject({ type: 'User', $ref: `${served.server.url}/Users/${u2.id}` });
    expect((await call('GET', `/Users/${u2.id}`)).body.groups[0].value).toBe(group.id);

    const removed = await call('PATCH', `/Groups/${group.id}`, {
      body: patchBody([{ op: 'remove', path: `members[value eq "${u1.id}"]` }]),
    });
    expect(removed.status).toBe(200);
    expect(removed.body.members.map((m: { value: string }) => m.value)).toEqual([u2.id]);
    expect((await call('GET', `/Users/${u1.id}`)).body).not.toHaveProperty('groups');
  });

  it('re-adding an existing member is a no-op: version and lastModified kept', async () => {
    const u1 = await createUser(call);
    const group = (await call('POST', '/Groups', { body: { schemas: [GROUP_URN], displayName: 'G', members: [{ value: u1.id }] } })).body;
    const res = await call('PATCH', `/Groups/${group.id}`, { body: patchBody([{ op: 'add', path: 'members', value: [{ value: u1.id }] }]) });
    expect(res.status).toBe(200);
    expect(res.body.members).toHaveLength(1);
    expect(res.body.meta.version).toBe(group.meta.version);
    expect(res.body.meta.lastModified).toBe(group.meta.lastModified);
  });

  it('rejects an unknown member with 400 invalidValue and applies nothing of the request', async () => {
    const u1 = await createUser(call);
    const group = (await call('POST', '/Groups', { body: { schemas: [GROUP_URN], displayName: 'G' } })).body;
    const res = await call('PATCH', `/Groups/${group.id}`, {
      body: patchBody([{ op: 'add', path: 'members', value: [{ value: u1.id }, { value: 'nope' }] }]),
    });
    expect(res.status).toBe(400);
    expect(res.body.scimType).toBe('invalidValue');
    expect((await call('GET', `/Groups/${group.id}`)).body).toEqual(group);
  });

  it('a no-op PATCH keeps ETag, meta.version and lastModified', async () => {
    const user = await createUser(call, fullUser);
    const res = await call('PATCH', `/Users/${user.id}`, { body: patchBody([{ op: 'add', path: 'nickName', value: 'Babs' }]) });
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe(user.meta.version);
    expect(res.body.meta).toEqual(user.meta);
  });

  it('lastModified strictly increases over quick successive changes', async () => {
    const user = await createUser(call);
    let previous = user.meta.lastModified as string;
    for (let i = 0; i < 5; i += 1) {
      const res = await call('PATCH', `/Users/${user.id}`, { body: patchBody([{ op: 'replace', path: 'title', value: `t${i}` }]) });
      expect(Date.parse(res.body.meta.lastModified)).toBeGreaterThan(Date.parse(previous));
      previous = res.body.meta.lastModified;
    }
  });

  it('an invalid PATCH leaves the resource unchanged, meta.version included', async () => {
    const user = await createUser(call, fullUser);
    const bad = [
      patchBody([
        { op: 'replace', path: 'nickName', value: 'SHOULD-NOT-STICK' },
        { op: 'replace', path: 'phoneNumbers[type eq "fax"].value', value: '1' },
      ]),
      patchBody([{ op: 'remove', path: 'userName' }]),
      { Operations: [{ op: 'replace', path: 'nickName', value: 'X' }] },
      patchBody([{ op: 'move', path: 'nickName' }]),
    ];
    for (const body of bad) {
      const res = await call('PATCH', `/Users/${user.id}`, { body });
      expect(res.status).toBe(400);
      expect(res.body.schemas).toEqual(['urn:ietf:params:scim:api:messages:2.0:Error']);
      expect(typeof res.body.scimType).toBe('string');
    }
    const raw = await call('PATCH', `/Users/${user.id}`, { raw: '{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[' });
    expect(raw.body).toMatchObject({ status: '400', scimType: 'invalidSyntax' });
    const after = await call('GET', `/Users/${user.id}`);
    expect(after.body).toEqual(user);
    expect(after.headers.get('etag')).toBe(user.meta.version);
  });

  it('rejects a userName taken by another user with 409, case-insensitively; own case change is fine', async () => {
    const a = await createUser(call);
    const b = await createUser(call);
    for (const value of [a.userName, String(a.userName).toUpperCase()]) {
      const res = await call('PATCH', `/Users/${b.id}`, { body: patchBody([{ op: 'replace', path: 'userName', value }]) });
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ status: '409', scimType: 'uniqueness' });
    }
    expect((await call('GET', `/Users/${b.id}`)).body).toEqual(b);
    const own = await call('PATCH', `/Users/${a.id}`, { body: patchBody([{ op: 'replace', path: 'userName', value: String(a.userName).toUpperCase() }]) });
    expect(own.status).toBe(200);
    expect(own.body.userName).toBe(String(a.userName).toUpperCase());
  });

  it('honours If-Match: 412 when stale, weak and strong current tags and * succeed', async () => {
    const user = await createUser(call);
    const op = (value: string): Record<string, unknown> => patchBody([{ op: 'replace', path: 'title', value }]);
    const stale = await call('PATCH', `/Users/${user.id}`, { body: op('x'), headers: { 'If-Match': 'W/"stale"' } });
    expect(stale.status).toBe(412);
    expect(stale.body.status).toBe('412');
    const weak = await call('PATCH', `/Users/${user.id}`, { body: op('a'), headers: { 'If-Match': user.meta.version } });
    expect(weak.status).toBe(200);
    const strong = await call('PATCH', `/Users/${user.id}`, {
      body: op('b'),
      headers: { 'If-Match': String(weak.body.meta.version).replace(/^W\//, '') },
    });
    expect(strong.status).toBe(200);
    const star = await call('PATCH', `/Users/${user.id}`, { body: op('c'), headers: { 'If-Match': '*' } });
    expect(star.status).toBe(200);
    expect(star.body.title).toBe('c');
  });

  it('answers 200 with only the requested attributes plus id and schemas, never password', async () => {
    const user = await createUser(call, fullUser);
    const res = await call('PATCH', `/Users/${user.id}?attributes=userName,nickName,password`, {
      body: patchBody([
        { op: 'replace', path: 'nickName', value: 'X' },
        { op: 'replace', path: 'password', value: 'n3wPa$$word!' },
      ]),
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ schemas: user.schemas, id: user.id, userName: user.userName, nickName: 'X' });
    const excluded = await call('PATCH', `/Users/${user.id}?excludedAttributes=emails,name`, {
      body: patchBody([{ op: 'replace', path: 'title', value: 'T' }]),
    });
    expect(excluded.body).not.toHaveProperty('emails');
    expect(excluded.body).not.toHaveProperty('name');
    expect(excluded.body.title).toBe('T');
    expect(excluded.text).not.toMatch(/password/i);
  });

  it('applies concurrent PATCHes without losing an update; If-Match on both lets exactly one win', async () => {
    const members = await Promise.all([createUser(call), createUser(call), createUser(call), createUser(call)]);
    const group = (await call('POST', '/Groups', { body: { schemas: [GROUP_URN], displayName: 'Busy' } })).body;
    const results = await Promise.all(
      members.map((m) => call('PATCH', `/Groups/${group.id}`, { body: patchBody([{ op: 'add', path: 'members', value: [{ value: m.id }] }]) })),
    );
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    const after = (await call('GET', `/Groups/${group.id}`)).body;
    expect(after.members.map((m: { value: string }) => m.value).sort()).toEqual(members.map((m) => m.id).sort());

    const raced = await Promise.all(
      ['a', 'b'].map((name) =>
        call('PATCH', `/Groups/${group.id}`, {
          body: patchBody([{ op: 'replace', path: 'displayName', value: name }]),
          headers: { 'If-Match': after.meta.version },
        }),
      ),
    );
    expect(raced.map((r) => r.status).sort()).toEqual([200, 412]);
  });

  it('answers 404 for an unknown id', async () => {
    const res = await call('PATCH', '/Users/does-not-exist', { body: patchBody([{ op: 'replace', path: 'nickName', value: 'X' }]) });
    expect(res.status).toBe(404);
    expect(res.body.status).toBe('404');
  });
});

describe('reference server: PATCH with patchSuccess 204', () => {
  const served = serveForTests({ patchSuccess: 204 });
  const { call } = served;

  it('answers 204 with the new ETag, but 200 when attributes are requested', async () => {
    const user = await createUser(call);
    const res = await call('PATCH', `/Users/${user.id}`, { body: patchBody([{ op: 'replace', path: 'nickName', value: 'X' }]) });
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    const get = await call('GET', `/Users/${user.id}`);
    expect(res.headers.get('etag')).toBe(get.body.meta.version);
    const projected = await call('PATCH', `/Users/${user.id}?attributes=nickName`, { body: patchBody([{ op: 'replace', path: 'nickName', value: 'Y' }]) });
    expect(projected.status).toBe(200);
    expect(projected.body).toEqual({ schemas: user.schemas, id: user.id, nickName: 'Y' });
  });
});

describe('reference server: etag disabled', () => {
  const served = serveForTests({ etag: false });
  const { call } = served;

  it('sends no ETag or meta.version, ignores If-Match and advertises etag unsupported', async () => {
    const user = await createUser(call);
    expect(user.meta).not.toHaveProperty('version');
    const res = await call('PATCH', `/Users/${user.id}`, {
      body: patchBody([{ op: 'replace', path: 'nickName', value: 'X' }]),
      headers: { 'If-Match': 'W/"stale"' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBeNull();
    expect((await call('GET', '/ServiceProviderConfig')).body.etag).toEqual({ supported: false });
  });
});
