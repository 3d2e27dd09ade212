// Discovery endpoints of the reference server (RFC 7644 §4, RFC 7643 §5–§7).
import { describe, expect, it } from 'vitest';
import { serveForTests, ENT_URN, GROUP_URN, USER_URN } from './http-test-client.ts';

describe('reference server: discovery', () => {
  const served = serveForTests({ basePath: '/scim/v2' });
  const { call } = served;

  it('serves the ServiceProviderConfig', async () => {
    const res = await call('GET', '/ServiceProviderConfig');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/scim+json; charset=utf-8');
    expect(res.body).toMatchObject({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
      patch: { supported: true },
      bulk: { supported: true, maxOperations: 50, maxPayloadSize: 262144 },
      filter: { supported: true, maxResults: 200 },
      changePassword: { supported: true },
      sort: { supported: true },
      etag: { supported: true },
      meta: { resourceType: 'ServiceProviderConfig', location: `${served.server.url}/ServiceProviderConfig` },
    });
    expect(res.body.authenticationSchemes[0]).toMatchObject({ type: 'oauthbearertoken', primary: true });
  });

  it('lists resource types and serves each by id', async () => {
    const res = await call('GET', '/ResourceTypes');
    expect(res.body).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'], totalResults: 2 });
    const user = res.body.Resources.find((r: { id: string }) => r.id === 'User');
    expect(user).toMatchObject({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:ResourceType'],
      endpoint: '/Users',
      schema: USER_URN,
      schemaExtensions: [{ schema: ENT_URN, required: false }],
      meta: { resourceType: 'ResourceType', location: `${served.server.url}/ResourceTypes/User` },
    });
    const group = await call('GET', '/ResourceTypes/Group');
    expect(group.body).toMatchObject({ id: 'Group', endpoint: '/Groups', schema: GROUP_URN });
    expect((await call('GET', '/ResourceTypes/Nope')).status).toBe(404);
  });

  it('lists schemas and serves each by URN, with schemas and meta', async () => {
    const res = await call('GET', '/Schemas');
    expect(res.body.Resources.map((s: { id: string }) => s.id)).toEqual([USER_URN, GROUP_URN, ENT_URN]);
    const user = await call('GET', `/Schemas/${USER_URN}`);
    expect(user.status).toBe(200);
    expect(user.body).toMatchObject({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Schema'],
      id: USER_URN,
      name: 'User',
      meta: { resourceType: 'Schema', location: `${served.server.url}/Schemas/${USER_URN}` },
    });
    const password = user.body.attributes.find((a: { name: string }) => a.name === 'password');
    expect(password).toMatchObject({ mutability: 'writeOnly', returned: 'never' });
    expect((await call('GET', '/Schemas/urn:nope')).status).toBe(404);
  });

  it('refuses a filter on discovery endpoints with 403', async () => {
    const res = await call('GET', `/Schemas?filter=${encodeURIComponent('id eq "x"')}`);
    expect(res.status).toBe(403);
    expect(res.body.status).toBe('403');
  });
});
