import { describe, expect, it } from 'vitest';
import { builtinResourceSchemas } from '../schemas/rfc7643.ts';
import { URN } from '../schemas/scim-schema.ts';
import type { BulkRead, ProtocolAssertion } from '../scenarios/protocol.ts';
import type { Observation, ObservedResponse } from './judge.ts';
import { BULK_RESPONSE_URN, checkProtocolAssertion } from './protocol-judge.ts';
import { readKey } from './protocol-reads.ts';

const schemas = builtinResourceSchemas();
const answer = (status: number, json: unknown, headers: Record<string, string> = {}): ObservedResponse => ({ status, json, text: JSON.stringify(json ?? ''), headers });
const obs = (patch: ObservedResponse, extra: Record<string, ObservedResponse> = {}, created = {}): Observation => ({ schema: schemas.User, patch, created, projected: false, extra });
const keys = (a: ProtocolAssertion, o: Observation) => checkProtocolAssertion(a, o).map((p) => p.key);

const SPC = {
  schemas: [URN.serviceProviderConfig],
  patch: { supported: true },
  bulk: { supported: true, maxOperations: 10, maxPayloadSize: 1000 },
  filter: { supported: true, maxResults: 100 },
  changePassword: { supported: false },
  sort: { supported: false },
  etag: { supported: true },
  authenticationSchemes: [{ type: 'oauthbearertoken', name: 'Bearer', description: 'A bearer token' }],
};

describe('discovery rules', () => {
  it('accept a complete ServiceProviderConfig and name what a broken one lacks', () => {
    expect(keys({ kind: 'discovery', rule: 'spc-valid' }, obs(answer(200, SPC)))).toEqual([]);
    expect(keys({ kind: 'discovery', rule: 'spc-attribute:bulk' }, obs(answer(200, SPC)))).toEqual([]);
    const { authenticationSchemes: _a, ...noAuth } = SPC;
    expect(keys({ kind: 'discovery', rule: 'spc-authentication-schemes' }, obs(answer(200, noAuth)))).toEqual(['discovery:authentication-schemes']);
    expect(keys({ kind: 'discovery', rule: 'spc-valid' }, obs(answer(200, noAuth)))).toEqual(['discovery:spc-invalid']);
    expect(keys({ kind: 'discovery', rule: 'spc-attribute:bulk' }, obs(answer(200, { ...SPC, bulk: { supported: false } })))).toEqual(['discovery:spc-attribute:bulk']);
    expect(keys({ kind: 'discovery', rule: 'spc-authentication-schemes' }, obs(answer(200, { ...SPC, authenticationSchemes: [{ type: 'httpbasic', name: 'Basic' }] })))).toEqual(['discovery:authentication-schemes']);
  });

  it('cross-check resource types against /Schemas, and skip when /Schemas is not offered', () => {
    const types = { schemas: [URN.listResponse], totalResults: 1, Resources: [{ schemas: [URN.resourceType], name: 'User', endpoint: '/Users', schema: URN.user, schemaExtensions: [{ schema: URN.enterpriseUser, required: false }] }] };
    const list = (ids: string[]) => answer(200, { schemas: [URN.listResponse], totalResults: ids.length, Resources: ids.map((id) => ({ id })) });
    const rule: ProtocolAssertion = { kind: 'discovery', rule: 'resource-types-schemas-listed' };
    expect(keys(rule, obs(answer(200, types), { schemas: list([URN.user, URN.enterpriseUser]) }))).toEqual([]);
    expect(keys(rule, obs(answer(200, types), { schemas: list([URN.user]) }))).toEqual(['discovery:schema-not-listed']);
    expect(keys(rule, obs(answer(200, types), { schemas: answer(404, {}) }))).toEqual([]);
    expect(keys(rule, obs(answer(200, types), { schemas: answer(200, [{ id: URN.user }]) }))).toEqual(['discovery:list-response:Schema']);
  });

  it('judge attribute definitions', () => {
    const schema = (attrs: unknown[]) => answer(200, { schemas: [URN.schema], id: URN.user, attributes: attrs });
    const good = { name: 'userName', type: 'string', multiValued: false, required: true, mutability: 'readWrite', returned: 'default', uniqueness: 'server' };
    expect(keys({ kind: 'discovery', rule: 'schema-attributes-characteristics' }, obs(schema([good])))).toEqual([]);
    expect(keys({ kind: 'discovery', rule: 'schema-user-name' }, obs(schema([good])))).toEqual([]);
    const { mutability: _m, ...noMutability } = good;
    expect(keys({ kind: 'discovery', rule: 'schema-attributes-characteristics' }, obs(schema([noMutability])))).toEqual(['discovery:attribute-characteristics']);
    expect(keys({ kind: 'discovery', rule: 'schema-attributes-core' }, obs(schema([{ name: 'x', type: 'text', multiValued: false }])))).toEqual(['discovery:attribute-core']);
    expect(keys({ kind: 'discovery', rule: 'schema-sub-attributes' }, obs(schema([{ name: 'name', type: 'complex', multiValued: false }])))).toEqual(['discovery:sub-attributes']);
    expect(keys({ kind: 'discovery', rule: 'schema-user-name' }, obs(schema([{ ...good, uniqueness: 'none' }])))).toEqual(['discovery:user-name-definition']);
  });

  it('want every item when pagination is to be ignored', () => {
    const rule: ProtocolAssertion = { kind: 'discovery', rule: 'list-unpaged:ResourceType' };
    const list = (names: string[], total: number) => answer(200, { schemas: [URN.listResponse], totalResults: total, Resources: names.map((name) => ({ name })) });
    expect(keys(rule, obs(list(['User', 'Group'], 2)))).toEqual([]);
    expect(keys(rule, obs(list(['Group'], 2)))).toEqual(['discovery:paged']);
  });

  it('warn once per capability when advertising and behaviour differ', () => {
    const bulkOk = answer(200, { schemas: [BULK_RESPONSE_URN], Operations: [] });
    const rule: ProtocolAssertion = { kind: 'discovery', rule: 'advertised:bulk' };
    expect(keys(rule, obs(bulkOk, { spc: answer(200, SPC) }))).toEqual([]);
    expect(keys(rule, obs(answer(501, {}), { spc: answer(200, SPC) }))).toEqual(['discovery:advertised-not-working:bulk']);
    expect(keys(rule, obs(bulkOk, { spc: answer(200, { ...SPC, bulk: { supported: false } }) }))).toEqual(['discovery:unadvertised:bulk']);
    expect(keys(rule, obs(answer(501, {}), { spc: answer(200, { ...SPC, bulk: { supported: false } }) }))).toEqual([]);
  });
});

describe('bulk rules', () => {
  const response = (ops: unknown[]) => answer(200, { schemas: [BULK_RESPONSE_URN], Operations: ops });
  const created = { method: 'POST', bulkId: 'u', status: '201', location: 'http://x/Users/id-1' };
  const bulk = (reads: BulkRead[] = []): ProtocolAssertion => ({ kind: 'bulk', ops: [{ method: 'POST', bulkId: 'u', status: [201] }], reads });

  it('accept a well-formed result and name each problem of a broken one', () => {
    expect(keys(bulk(), obs(response([created])))).toEqual([]);
    expect(keys(bulk(), obs(response([{ ...created, status: 201 }])))).toEqual(['bulk:status']);
    const { location: _l, ...noLocation } = created;
    expect(keys(bulk(), obs(response([noLocation])))).toEqual(['bulk:location']);
    expect(keys(bulk(), obs(response([created, { method: 'DELETE', status: '404', location: 'x', response: { schemas: [URN.error], status: '404' } }])))).toEqual(['bulk:operations']);
    expect(keys(bulk(), obs(answer(200, { Operations: [created] })))).toEqual(['bulk:response']);
    expect(keys({ kind: 'bulk', ops: [{ method: 'DELETE', status: [404] }] }, obs(response([{ method: 'DELETE', status: '404', location: 'x', response: 'not found' }])))).toEqual(['bulk:error-response']);
  });

  it('read back what the operations wrote: references resolved, literal bulkIds refused', () => {
    const reads = [{ path: '@Group/bulkId:g', want: { members: ['bulkId:u'] } }];
    const ops = [created, { method: 'POST', bulkId: 'g', status: '201', location: 'http://x/Groups/g-1' }];
    const a: ProtocolAssertion = { kind: 'bulk', ops: [{ method: 'POST', bulkId: 'u', status: [201] }, { method: 'POST', bulkId: 'g', status: [201] }], reads };
    expect(keys(a, obs(response(ops), { [readKey('@Group/bulkId:g')]: answer(200, { id: 'g-1', members: [{ value: 'id-1' }] }) }))).toEqual([]);
    expect(keys(a, obs(response(ops), { [readKey('@Group/bulkId:g')]: answer(200, { id: 'g-1', members: [{ value: 'bulkId:u' }] }) }))).toEqual(['bulk:reference']);
    expect(keys(a, obs(response(ops), { [readKey('@Group/bulkId:g')]: answer(200, { id: 'g-1', members: [] }) }))).toEqual(['bulk:reference']);
  });

  it('require the 413 to name the limit', () => {
    expect(keys({ kind: 'bulk-limit', limit: 'maxOperations' }, obs(answer(413, { detail: 'maxOperations is 10' })))).toEqual([]);
    expect(keys({ kind: 'bulk-limit', limit: 'maxOperations' }, obs(answer(413, { detail: 'Too large' })))).toEqual(['bulk:limit']);
  });
});

describe('/Me rules', () => {
  it('want a resource for 200 and a Location for 308', () => {
    expect(keys({ kind: 'me', form: 'resource' }, obs(answer(200, { schemas: [URN.user], id: 'me' })))).toEqual([]);
    expect(keys({ kind: 'me', form: 'resource' }, obs(answer(200, { hello: 1 })))).toEqual(['me:resource']);
    expect(keys({ kind: 'me', form: 'redirect' }, obs(answer(308, undefined, { location: '/Users/me' })))).toEqual([]);
    expect(keys({ kind: 'me', form: 'redirect' }, obs(answer(308, undefined)))).toEqual(['me:redirect']);
    expect(keys({ kind: 'me', form: 'resource', attributes: ['userName'] }, obs(answer(200, { schemas: [URN.user], id: 'me', userName: 'a', title: 'b' })))).toEqual(['attributes-ignored']);
  });
});

describe('a 5xx the scenario names itself', () => {
  it('is judged (501 for /Me), while another 5xx is still an error of the target', async () => {
    const { judgeScenario } = await import('./stages/verdict.ts');
    const { meScenarios } = await import('../scenarios/catalog/me.ts');
    const get = meScenarios().find((s) => s.id === 'me.get')!;
    const error = (status: number) => obs(answer(status, { schemas: [URN.error], status: String(status), detail: 'x' }, { 'content-type': 'application/scim+json' }));
    expect(judgeScenario(get, error(501), [], 'GET /Me').outcome).toBe('pass');
    expect(judgeScenario(get, error(500), [], 'GET /Me').outcome).toBe('error');
    expect(judgeScenario(get, error(404), [], 'GET /Me').outcome).toBe('warn');
  });
});
