import { describe, expect, it } from 'vitest';
import { builtinResourceSchemas } from '../../schemas/rfc7643.ts';
import { addressed, resolvedPath, RESPONSE_CHECKS, type CheckEnv, type ResponseView } from './response-checks.ts';

const BASE = 'http://127.0.0.1:9/scim/v2';
const env: CheckEnv = { baseUrl: BASE, endpoints: { User: '/Users', Group: '/Groups' }, schemas: builtinResourceSchemas() };
const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const user = (meta: Record<string, unknown> = {}) => ({ schemas: [USER], id: 'u1', userName: 'bjensen', meta: { resourceType: 'User', location: `${BASE}/Users/u1`, version: 'W/"1"', ...meta } });
const view = (over: Partial<ResponseView>): ResponseView => ({
  method: 'GET',
  url: `${BASE}/Users/u1`,
  status: 200,
  headers: { 'content-type': 'application/scim+json', etag: 'W/"1"' },
  json: user(),
  ...over,
});
const check = (id: keyof typeof RESPONSE_CHECKS, v: ResponseView) => RESPONSE_CHECKS[id](v, env, addressed(v, env));

describe('cross-cutting checks on one response', () => {
  it('hold for a correct answer', () => {
    for (const id of ['response-schema', 'returned-never', 'meta-location', 'meta-location-absolute', 'meta-resource-type', 'content-type-json', 'content-type-scim', 'etag-header'] as const) {
      expect(check(id, view({})), id).toBeNull();
    }
  });

  it('each says what is wrong with a broken answer', () => {
    expect(check('returned-never', view({ json: { ...user(), password: 'x' } }))).toMatch(/"password"/);
    expect(check('meta-location', view({ json: user({ location: `${BASE}/Users/other` }) }))).toMatch(/does not point at \/Users\/u1/);
    expect(check('meta-resource-type', view({ json: user({ resourceType: 'Group' }) }))).toMatch(/"Group"/);
    expect(check('content-type-json', view({ headers: { 'content-type': 'text/html' } }))).toMatch(/text\/html/);
    expect(check('content-type-scim', view({ headers: { 'content-type': 'application/json' } }))).toMatch(/application\/json/);
    expect(check('etag-header', view({ headers: { 'content-type': 'application/scim+json', etag: 'abc' } }))).toMatch(/not an entity-tag/);
    expect(check('etag-header', view({ headers: { 'content-type': 'application/scim+json', etag: 'W/"2"' } }))).toMatch(/differs from meta.version/);
    expect(check('response-schema', view({ json: { schemas: [USER], id: 'u1' } }))).toMatch(/userName/);
  });

  it('a relative meta.location points at the resource (legal), and is noted as relative', () => {
    const relative = view({ json: user({ location: '/Users/u1' }) });
    expect(check('meta-location', relative)).toBeNull();
    expect(check('meta-location-absolute', relative)).toMatch(/relative/);
    expect(resolvedPath('/Users/u1', BASE)).toBe('/scim/v2/Users/u1');
  });

  it('a create needs a Location header equal to meta.location', () => {
    const created = (headers: Record<string, string>) => view({ method: 'POST', url: `${BASE}/Users`, status: 201, headers: { 'content-type': 'application/scim+json', ...headers } });
    expect(check('location-header', created({ location: `${BASE}/Users/u1` }))).toBeNull();
    expect(check('location-header', created({}))).toMatch(/without a Location header/);
    expect(check('location-header', created({ location: `${BASE}/Users` }))).toMatch(/differs from meta.location/);
  });

  it('leaves out what it does not apply to: projections, errors, other origins', () => {
    expect(check('response-schema', view({ url: `${BASE}/Users/u1?attributes=userName`, json: { schemas: [USER], id: 'u1' } }))).toBeUndefined();
    expect(check('content-type-json', view({ status: 400, headers: { 'content-type': 'text/html' } }))).toBeUndefined();
    expect(addressed({ url: 'http://elsewhere/Users/u1' }, env)).toBeUndefined();
  });
});
