// Resource endpoints of the reference server: create/read/replace/delete, versions, uniqueness,
// preconditions, projection, lists and group membership.
import { describe, expect, it } from 'vitest';
import { serveForTests, ENT_URN, GROUP_URN, newUser, USER_URN } from './http-test-client.ts';

describe('reference server: resources', () => {
  const served = serveForTests();
  const { call } = served;

  async function createUser(extra: Record<string, unknown> = {}): Promise<Record<string, any>> {
    const res = await call('POST', '/Users', { body: newUser(extra) });
    expect(res.status).toBe(201);
    return res.body;
  }

  it('creates a user: 201, Location, ETag equal to meta.version, no password', async () => {
    const res = await call('POST', '/Users', {
      body: newUser({ password: 't1meMa$heen', name: { givenName: 'Barbara' }, [ENT_URN]: { employeeNumber: '7' } }),
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('content-type')).toBe('application/scim+json; charset=utf-8');
    const body = res.body;
    expect(body.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers.get('location')).toBe(`${served.server.url}/Users/${body.id}`);
    expect(res.headers.get('etag')).toBe(body.meta.version);
    expect(body.meta.version).toBe('W/"1"');
    expect(body.meta).toMatchObject({ resourceType: 'User', location: `${served.server.url}/Users/${body.id}` });
    expect(body.meta.created).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(body.meta.lastModified).toBe(body.meta.created);
    expect(body[ENT_URN]).toEqual({ employeeNumber: '7' });
    expect(res.text).not.toContain('t1meMa$heen');
    expect(body).not.toHaveProperty('password');
  });

  it('reads a user back, and answers 304 to a matching If-None-Match', async () => {
    const user = await createUser({ displayName: 'Babs' });
    const res = await call('GET', `/Users/${user.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(user);
    expect(res.headers.get('etag')).toBe(user.meta.version);
    const cached = await call('GET', `/Users/${user.id}`, { headers: { 'If-None-Match': user.meta.version } });
    expect(cached.status).toBe(304);
    expect(cached.text).toBe('');
    const stale = await call('GET', `/Users/${user.id}`, { headers: { 'If-None-Match': 'W/"0"' } });
    expect(stale.status).toBe(200);
  });

  it('replaces a user with PUT: new version, later lastModified, same created', async () => {
    const user = await createUser({ displayName: 'Before', nickName: 'Nick' });
    const res = await call('PUT', `/Users/${user.id}`, { body: { schemas: [USER_URN], userName: user.userName, displayName: 'After' } });
    expect(res.status).toBe(200);
    expect(res.body.displayName).toBe('After');
    expect(res.body).not.toHaveProperty('nickName');
    expect(res.body.meta.version).not.toBe(user.meta.version);
    expect(res.headers.get('etag')).toBe(res.body.meta.version);
    expect(res.body.meta.created).toBe(user.meta.created);
    expect(Date.parse(res.body.meta.lastModified)).toBeGreaterThan(Date.parse(user.meta.lastModified));
    expect((await call('GET', `/Users/${user.id}`)).body).toEqual(res.body);
  });

  it('deletes: 204, then 404 for every method', async () => {
    const user = await createUser();
    const del = await call('DELETE', `/Users/${user.id}`);
    expect(del.status).toBe(204);
    expect(del.text).toBe('');
    for (const [method, body] of [
      ['GET', undefined],
      ['PUT', { schemas: [USER_URN], userName: user.userName }],
      ['PATCH', { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', path: 'nickName', value: 'x' }] }],
      ['DELETE', undefined],
    ] as const) {
      const res = await call(method, `/Users/${user.id}`, body === undefined ? {} : { body });
      expect(res.status, method).toBe(404);
      expect(res.body.status).toBe('404');
    }
    expect((await call('GET', '/Users/does-not-exist')).status).toBe(404);
  });

  it('rejects a duplicate userName case-insensitively with 409 uniqueness on POST and PUT', async () => {
    const a = await createUser({ userName: 'Unique.Person@Example.com' });
    const dup = await call('POST', '/Users', { body: newUser({ userName: 'unique.person@example.COM' }) });
    expect(dup.status).toBe(409);
    expect(dup.body).toMatchObject({ status: '409', scimType: 'uniqueness' });
    const b = await createUser();
    const put = await call('PUT', `/Users/${b.id}`, { body: { schemas: [USER_URN], userName: 'UNIQUE.PERSON@EXAMPLE.COM' } });
    expect(put.status).toBe(409);
    expect(put.body.scimType).toBe('uniqueness');
    const own = await call('PUT', `/Users/${a.id}`, { body: { schemas: [USER_URN], userName: 'unique.person@example.com' } });
    expect(own.status).toBe(200);
    expect(own.body.userName).toBe('unique.person@example.com');
  });

  it('honours If-Match on PUT and DELETE: 412 when stale, weak and strong forms and * match', async () => {
    const user = await createUser();
    const body = { schemas: [USER_URN], userName: user.userName, title: 'T1' };
    const stale = await call('PUT', `/Users/${user.id}`, { body, headers: { 'If-Match': 'W/"999"' } });
    expect(stale.status).toBe(412);
    expect(stale.body).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '412' });
    expect((await call('GET', `/Users/${user.id}`)).body.meta.version).toBe(user.meta.version);

    const weak = await call('PUT', `/Users/${user.id}`, { body, headers: { 'If-Match': user.meta.version } });
    expect(weak.status).toBe(200);
    const strong = String(weak.body.meta.version).replace(/^W\//, '');
    const second = await call('PUT', `/Users/${user.id}`, { body: { ...body, title: 'T2' }, headers: { 'If-Match': strong } });
    expect(second.status).toBe(200);
    const star = await call('PUT', `/Users/${user.id}`, { body: { ...body, title: 'T3' }, headers: { 'If-Match': '*' } });
    expect(star.status).toBe(200);
    expect((await call('DELETE', `/Users/${user.id}`, { headers: { 'If-Match': weak.body.meta.version } })).status).toBe(412);
    expect((await call('DELETE', `/Users/${user.id}`, { headers: { 'If-Match': star.body.meta.version } })).status).toBe(204);
  });

  it('never returns password, not even when asked for it', async () => {
    const user = await createUser({ password: 'S3cret!pw' });
    const responses = [
      await call('GET', `/Users/${user.id}?attributes=password`),
      await call('GET', `/Users/${user.id}`),
      await call('GET', `/Users?filter=${encodeURIComponent(`id eq "${user.id}"`)}&attributes=password,userName`),
      await call('PUT', `/Users/${user.id}?attributes=password`, { body: { schemas: [USER_URN], userName: user.userName, password: 'N3w!pw' } }),
    ];
    for (const res of responses) {
      expect(res.status).toBe(200);
      expect(res.text).not.toMatch(/password/i);
    }
    expect(responses[0]!.body).toEqual({ schemas: user.schemas, id: user.id });
  });

  it('filtering on password matches nothing, so it cannot be probed', async () => {
    const user = await createUser({ password: 'Pr0be!pw' });
    const res = await call('GET', `/Users?filter=${encodeURIComponent(`id eq "${user.id}" and password eq "Pr0be!pw"`)}`);
    expect(res.status).toBe(200);
    expect(res.body.totalResults).toBe(0);
  });

  it('applies attributes and excludedAttributes to GET, POST and lists', async () => {
    const post = await call('POST', '/Users?attributes=userName,name.givenName', {
      body: newUser({ name: { givenName: 'G', familyName: 'F' }, title: 'T' }),
    });
    expect(post.status).toBe(201);
    expect(Object.keys(post.body).sort()).toEqual(['id', 'name', 'schemas', 'userName']);
    expect(post.body.name).toEqual({ givenName: 'G' });
    const get = await call('GET', `/Users/${post.body.id}?excludedAttributes=name,meta,title`);
    expect(get.body).not.toHaveProperty('name');
    expect(get.body).not.toHaveProperty('title');
    expect(get.body).not.toHaveProperty('meta');
    expect(get.body.userName).toBe(post.body.userName);
    const list = await call('GET', `/Users?filter=${encodeURIComponent(`id eq "${post.body.id}"`)}&attributes=title`);
    expect(list.body.Resources).toEqual([{ schemas: [USER_URN], id: post.body.id, title: 'T' }]);
  });

  it('lists with a filter, sorting and 1-based pagination', async () => {
    const tag = `page${Date.now()}`;
    const names = ['c', 'a', 'e', 'b', 'd'].map((n) => `${tag}-${n}@example.com`);
    for (const userName of names) await createUser({ userName, title: tag });
    const filter = encodeURIComponent(`title eq "${tag.toUpperCase()}"`);
    const page = await call('GET', `/Users?filter=${filter}&sortBy=userName&startIndex=2&count=2`);
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
      totalResults: 5,
      startIndex: 2,
      itemsPerPage: 2,
    });
    expect(page.body.Resources.map((r: { userName: string }) => r.userName)).toEqual([names[3], names[0]]);
    const desc = await call('GET', `/Users?filter=${filter}&sortBy=userName&sortOrder=descending&count=1`);
    expect(desc.body.Resources[0].userName).toBe(names[2]);
    const none = await call('GET', `/Users?filter=${filter}&count=0`);
    expect(none.body).toMatchObject({ totalResults: 5, itemsPerPage: 0, Resources: [] });
    const exact = await call('GET', `/Users?filter=${encodeURIComponent(`userName eq "${names[1]!.toUpperCase()}"`)}`);
    expect(exact.body.totalResults).toBe(1);
  });

  it('answers bad list parameters with 400', async () => {
    expect((await call('GET', `/Users?filter=${encodeURIComponent('userName eq')}`)).body).toMatchObject({ status: '400', scimType: 'invalidFilter' });
    expect((await call('GET', '/Users?count=abc')).status).toBe(400);
    expect((await call('GET', '/Users?sortOrder=sideways')).status).toBe(400);
  });

  it('searches with POST /.search', async () => {
    const user = await createUser({ title: 'searchable' });
    const res = await call('POST', '/Users/.search', {
      body: {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'],
        filter: `id eq "${user.id}"`,
        attributes: ['userName'],
      },
    });
    expect(res.status).toBe(200);
    expect(res.body.totalResults).toBe(1);
    expect(res.body.Resources[0]).toEqual({ schemas: user.schemas, id: user.id, userName: user.userName });
    expect((await call('POST', '/Users/.search', { body: { filter: 'x' } })).body.scimType).toBe('invalidSyntax');
  });

  describe('groups', () => {
    it('creates a group with members that get $ref and type, and reflects membership in User.groups', async () => {
      const user = await createUser();
      const res = await call('POST', '/Groups', {
        body: { schemas: [GROUP_URN], displayName: 'Tour Guides', members: [{ value: user.id }] },
      });
      expect(res.status).toBe(201);
      expect(res.body.members).toEqual([{ value: user.id, $ref: `${served.server.url}/Users/${user.id}`, type: 'User' }]);
      expect(res.headers.get('location')).toBe(`${served.server.url}/Groups/${res.body.id}`);
      const after = await call('GET', `/Users/${user.id}`);
      expect(after.body.groups).toEqual([
        { value: res.body.id, $ref: `${served.server.url}/Groups/${res.body.id}`, display: 'Tour Guides', type: 'direct' },
      ]);
      // The user's representation changed, so its version did too.
      expect(after.body.meta.version).not.toBe(user.meta.version);
    });

    it('allows groups as members and duplicate displayNames', async () => {
      const inner = (await call('POST', '/Groups', { body: { schemas: [GROUP_URN], displayName: 'Same' } })).body;
      const outer = await call('POST', '/Groups', { body: { schemas: [GROUP_URN], displayName: 'Same', members: [{ value: inner.id }] } });
      expect(outer.status).toBe(201);
      expect(outer.body.members[0]).toMatchObject({ value: inner.id, type: 'Group', $ref: `${served.server.url}/Groups/${inner.id}` });
    });

    it('rejects members that do not exist with 400 invalidValue and stores nothing', async () => {
      const user = await createUser();
      const res = await call('POST', '/Groups', {
        body: { schemas: [GROUP_URN], displayName: 'Broken', members: [{ value: user.id }, { value: 'does-not-exist' }] },
      });
      expect(res.status).toBe(400);
      expect(res.body.scimType).toBe('invalidValue');
      expect((await call('GET', `/Users/${user.id}`)).body).not.toHaveProperty('groups');
    });

    it('drops a deleted user from its groups', async () => {
      const user = await createUser();
      const keep = await createUser();
      const group = (
        await call('POST', '/Groups', { body: { schemas: [GROUP_URN], displayName: 'G', members: [{ value: user.id }, { value: keep.id }] } })
      ).body;
      expect((await call('DELETE', `/Users/${user.id}`)).status).toBe(204);
      const after = await call('GET', `/Groups/${group.id}`);
      expect(after.body.members.map((m: { value: string }) => m.value)).toEqual([keep.id]);
      expect(after.body.meta.version).not.toBe(group.meta.version);
    });

    it('rejects writes to the read-only User.groups through PUT by ignoring them', async () => {
      const user = await createUser();
      const res = await call('PUT', `/Users/${user.id}`, {
        body: { schemas: [USER_URN], userName: user.userName, groups: [{ value: 'made-up' }] },
      });
      expect(res.status).toBe(200);
      expect(res.body).not.toHaveProperty('groups');
    });
  });
});
