import { describe, it, expect, afterEach } from 'vitest';
import type { Exchange } from '../schemas/run-result.ts';
import { URN } from '../schemas/scim-schema.ts';
import { builtinResourceSchemas } from '../schemas/rfc7643.ts';
import { loadConfig, type TargetConfig } from './config.ts';
import { ScimClient, TargetError } from './client.ts';
import { discover } from './discovery.ts';
import { startLocalServer, sendJson, closedPort } from './local-test-server.ts';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

const spc = (over: Record<string, unknown> = {}) => ({
  schemas: [URN.serviceProviderConfig],
  patch: { supported: true },
  bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
  filter: { supported: true, maxResults: 100 },
  changePassword: { supported: false },
  sort: { supported: true },
  etag: { supported: true },
  authenticationSchemes: [],
  ...over,
});

const userRt = (extensions = [{ schema: URN.enterpriseUser, required: false }]) => ({
  schemas: [URN.resourceType], id: 'User', name: 'User', endpoint: '/Users', schema: URN.user, schemaExtensions: extensions,
});
const groupRt = { schemas: [URN.resourceType], id: 'Group', name: 'Group', endpoint: '/Groups', schema: URN.group };

const userSchema = {
  id: URN.user,
  name: 'User',
  attributes: [
    { name: 'userName', type: 'string', multiValued: false, required: true, caseExact: false, mutability: 'readWrite', returned: 'default', uniqueness: 'server' },
    // A server that capitalises and leaves fields out.
    { name: 'nickName', type: 'String' },
    { name: 'emails', multiValued: true, subAttributes: [{ name: 'value', type: 'string' }, { name: 'primary', type: 'boolean' }] },
    { name: 'favoriteColor', type: 'string', mutability: 'READWRITE', canonicalValues: ['red', 'blue'] },
  ],
};
const enterpriseSchema = { id: URN.enterpriseUser, name: 'EnterpriseUser', attributes: [{ name: 'employeeNumber', type: 'string' }] };
const groupSchema = { id: URN.group, name: 'Group', attributes: [{ name: 'displayName', type: 'string', required: true }] };

const list = (resources: unknown[]) => ({ schemas: [URN.listResponse], totalResults: resources.length, Resources: resources });

type Route = { status: number; body: unknown; headers?: Record<string, string> } | 'not-json';

async function target(routes: Record<string, Route>, overrides: Partial<TargetConfig> = {}) {
  const server = await startLocalServer((r, res) => {
    const route = routes[r.url.replace(/^\/scim/, '')];
    if (route === undefined) sendJson(res, 404, { status: '404' });
    else if (route === 'not-json') {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end('<html>login</html>');
    } else sendJson(res, route.status, route.body, route.headers);
  });
  const config: TargetConfig = { ...loadConfig({ env: {}, flags: { target: `${server.url}/scim`, token: 'tok-discovery-1' } }), ...overrides };
  const client = new ScimClient(config);
  cleanups.push(() => server.close(), () => client.close());
  return { server, client, config };
}

const fullRoutes = (): Record<string, Route> => ({
  '/ServiceProviderConfig': { status: 200, body: spc(), headers: { Server: 'AcmeSCIM/2.3.1 (linux)' } },
  '/ResourceTypes': { status: 200, body: list([userRt(), groupRt]) },
  '/Schemas': { status: 200, body: list([userSchema, enterpriseSchema, groupSchema]) },
});

describe('discover', () => {
  it('reads capabilities and schemas from a complete target', async () => {
    const { client, config } = await target(fullRoutes());
    const exchanges: Exchange[] = [];
    const d = await discover(client, config, exchanges);
    expect(d.source).toBe('discovered');
    expect(d.notes).toEqual([]);
    expect(d.capabilities).toEqual({ patch: true, etag: true, filter: true, bulk: false, sort: true, changePassword: false, groups: true, enterpriseUser: true });
    expect(d.product).toEqual({ name: 'AcmeSCIM', version: '2.3.1' });
    expect(exchanges.map((x) => [x.purpose, x.method, new URL(x.url).pathname]).sort()).toEqual([
      ['discovery', 'GET', '/scim/ResourceTypes'],
      ['discovery', 'GET', '/scim/Schemas'],
      ['discovery', 'GET', '/scim/ServiceProviderConfig'],
    ]);

    const user = d.schemas.User;
    expect(user.resourceType.endpoint).toBe('/Users');
    expect(user.core.attributes.map((a) => a.name)).toEqual(['userName', 'nickName', 'emails', 'favoriteColor']);
    expect(user.core.attributes[0]).toMatchObject({ required: true, uniqueness: 'server' });
    // Missing fields take the RFC 7643 §2.2 defaults; capitalised values are understood.
    expect(user.core.attributes[1]).toEqual({ name: 'nickName', type: 'string', multiValued: false, required: false, caseExact: false, mutability: 'readWrite', returned: 'default', uniqueness: 'none' });
    expect(user.core.attributes[2]!.type).toBe('complex');
    expect(user.core.attributes[2]!.subAttributes!.map((a) => `${a.name}:${a.type}`)).toEqual(['value:string', 'primary:boolean']);
    expect(user.core.attributes[3]).toMatchObject({ mutability: 'readWrite', canonicalValues: ['red', 'blue'] });
    expect(user.extensions.map((e) => e.id)).toEqual([URN.enterpriseUser]);
    expect(user.extensions[0]!.attributes.map((a) => a.name)).toEqual(['employeeNumber']);
    expect(d.schemas.Group!.core.attributes.map((a) => a.name)).toEqual(['displayName']);
  });

  it('accepts plain arrays instead of ListResponses', async () => {
    const { client, config } = await target({
      '/ServiceProviderConfig': { status: 200, body: spc() },
      '/ResourceTypes': { status: 200, body: [userRt(), groupRt] },
      '/Schemas': { status: 200, body: [userSchema, enterpriseSchema, groupSchema] },
    });
    const d = await discover(client, config);
    expect(d.source).toBe('discovered');
    expect(d.schemas.User.core.attributes.map((a) => a.name)).toContain('favoriteColor');
    expect(d.schemas.Group).toBeDefined();
  });

  it('falls back for the one piece that fails and says what failed', async () => {
    const routes = fullRoutes();
    delete routes['/Schemas'];
    const { client, config } = await target(routes);
    const d = await discover(client, config);
    expect(d.source).toBe('partial');
    expect(d.notes).toEqual(['GET /Schemas answered 404; using the RFC 7643 schemas']);
    const builtin = builtinResourceSchemas();
    expect(d.schemas.User.core).toEqual(builtin.User.core);
    expect(d.schemas.User.extensions).toEqual(builtin.User.extensions);
    expect(d.capabilities.sort).toBe(true);
  });

  it('refuses a target where nothing answers like SCIM, naming each answer', async () => {
    const { client, config } = await target({
      '/ServiceProviderConfig': 'not-json',
      '/ResourceTypes': { status: 500, body: { detail: 'boom' } },
    });
    const err = await discover(client, config).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TargetError);
    expect((err as TargetError).kind).toBe('protocol');
    expect((err as TargetError).message).toMatch(
      /does not look like a SCIM server at http:\/\/127\.0\.0\.1:\d+\/scim: GET \/ServiceProviderConfig answered 200 \(text\/html\), GET \/ResourceTypes answered 500 \(application\/scim\+json\), GET \/Schemas answered 404/,
    );
  });

  it('falls back entirely when nothing can be read but the config states the capabilities, with one note per endpoint', async () => {
    const { client, config } = await target(
      {
        '/ServiceProviderConfig': 'not-json',
        '/ResourceTypes': { status: 500, body: { detail: 'boom' } },
      },
      { capabilities: { etag: false } },
    );
    const d = await discover(client, config);
    expect(d.source).toBe('fallback');
    expect(d.notes).toEqual([
      'GET /ServiceProviderConfig answered 200 (text/html) with an HTML page instead of JSON (18 bytes), starting "<html>login</html>"; assuming patch and filter are supported and etag, bulk, sort and changePassword are not (override with capabilities in the config)',
      'GET /ResourceTypes answered 500; using the RFC 7643 User and Group resource types',
      'GET /Schemas answered 404; using the RFC 7643 schemas',
    ]);
    expect(d.capabilities).toEqual({ patch: true, etag: false, filter: true, bulk: false, sort: false, changePassword: false, groups: true, enterpriseUser: true });
    expect(d.schemas).toEqual(builtinResourceSchemas());
  });

  it('notes a missing ServiceProviderConfig flag and a schema the resource type names but /Schemas lacks', async () => {
    const routes = fullRoutes();
    const body = spc();
    delete (body as Record<string, unknown>).etag;
    routes['/ServiceProviderConfig'] = { status: 200, body };
    routes['/Schemas'] = { status: 200, body: list([userSchema, groupSchema]) };
    const { client, config } = await target(routes);
    const d = await discover(client, config);
    expect(d.source).toBe('partial');
    expect(d.notes).toEqual([
      'GET /ServiceProviderConfig has no boolean etag.supported; assuming false',
      `GET /Schemas has no ${URN.enterpriseUser} (extension of User); using the RFC 7643 one`,
    ]);
    expect(d.capabilities.etag).toBe(false);
    expect(d.schemas.User.extensions[0]!.id).toBe(URN.enterpriseUser);
  });

  it('has no groups and no enterprise user when the resource types do not offer them', async () => {
    const routes = fullRoutes();
    routes['/ResourceTypes'] = { status: 200, body: list([userRt([])]) };
    const { client, config } = await target(routes);
    const d = await discover(client, config);
    expect(d.capabilities.groups).toBe(false);
    expect(d.capabilities.enterpriseUser).toBe(false);
    expect(d.schemas.Group).toBeUndefined();
    expect(d.schemas.User.extensions).toEqual([]);
    expect(d.source).toBe('discovered');
  });

  it('lets configured capabilities win and keeps the schemas in line with them', async () => {
    const routes = fullRoutes();
    routes['/ResourceTypes'] = { status: 200, body: list([userRt([]), groupRt]) };
    const { client, config } = await target(routes, { capabilities: { etag: false, groups: false, enterpriseUser: true } });
    const d = await discover(client, config);
    expect(d.capabilities).toMatchObject({ etag: false, groups: false, enterpriseUser: true });
    expect(d.schemas.Group).toBeUndefined();
    expect(d.schemas.User.extensions.map((e) => e.id)).toEqual([URN.enterpriseUser]);
    expect(d.schemas.User.resourceType.schemaExtensions).toEqual([{ schema: URN.enterpriseUser, required: false }]);
    expect(d.notes).toEqual([
      'capability etag set to false by the configuration (discovered true)',
      'capability groups set to false by the configuration (discovered true)',
      'capability enterpriseUser set to true by the configuration (discovered false)',
    ]);
  });

  it('reads a product name from the ServiceProviderConfig before the Server header', async () => {
    const routes = fullRoutes();
    routes['/ServiceProviderConfig'] = { status: 200, body: spc({ productName: 'Example IdP', productVersion: '7' }), headers: { Server: 'nginx' } };
    const { client, config } = await target(routes);
    expect((await discover(client, config)).product).toEqual({ name: 'Example IdP', version: '7' });
  });

  it('stops on a rejected credential instead of falling back', async () => {
    for (const status of [401, 403]) {
      const routes = fullRoutes();
      routes['/Schemas'] = { status, body: { detail: 'no' } };
      const { client, config, server } = await target(routes);
      const err = await discover(client, config).then(() => undefined, (e: unknown) => e);
      expect(err).toBeInstanceOf(TargetError);
      expect((err as TargetError).kind).toBe('auth');
      expect((err as TargetError).message).toBe(`target ${server.url} rejected the credential (${status})`);
    }
  });

  it('lets a connection failure through as a TargetError', async () => {
    const port = await closedPort();
    const config = loadConfig({ env: {}, flags: { target: `http://127.0.0.1:${port}` } });
    const client = new ScimClient(config);
    cleanups.push(() => client.close());
    const err = await discover(client, config).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(TargetError);
    expect((err as TargetError).kind).toBe('refused');
  });

  it('uses the configured endpoint paths and notes a resource type endpoint that differs', async () => {
    const routes: Record<string, Route> = {
      '/v2/spc': { status: 200, body: spc() },
      '/v2/types': { status: 200, body: list([{ ...userRt(), endpoint: '/people' }, groupRt]) },
      '/v2/schemas': { status: 200, body: list([userSchema, enterpriseSchema, groupSchema]) },
    };
    const { client, config } = await target(routes);
    const d = await discover(client, { ...config, endpoints: { ...config.endpoints, serviceProviderConfig: '/v2/spc', resourceTypes: '/v2/types', schemas: '/v2/schemas' } });
    expect(d.source).toBe('discovered');
    expect(d.notes).toEqual(['the User resource type says endpoint /people; the configuration uses /Users']);
  });
});
