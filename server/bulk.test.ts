// /Bulk of the reference server (RFC 7644 §3.7).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from './index.ts';
import type { RunningServer } from './index.ts';
import { clientFor, GROUP_URN, USER_URN } from './http-test-client.ts';
import type { Call } from './http-test-client.ts';
import { BULK_LIMITS, BULK_REQUEST_URN, BULK_RESPONSE_URN, bulkIdRefs, resolveRefs, withoutRefs } from './bulk.ts';

const bulk = (Operations: unknown[], extra: Record<string, unknown> = {}) => ({ schemas: [BULK_REQUEST_URN], Operations, ...extra });
const user = (userName: string) => ({ schemas: [USER_URN], userName });

describe('bulkId references', () => {
  it('finds and resolves them anywhere in a value', () => {
    expect([...bulkIdRefs({ members: [{ value: 'bulkId:a' }, { value: 'x' }], p: 'bulkId:b' })]).toEqual(['a', 'b']);
    expect(resolveRefs({ members: [{ value: 'bulkId:a' }, { value: 'bulkId:z' }] }, new Map([['a', 'id-1']]))).toEqual({ members: [{ value: 'id-1' }, { value: 'bulkId:z' }] });
  });
});

describe('reference server: /Bulk', () => {
  let server: RunningServer;
  let call: Call;
  beforeAll(async () => {
    server = await startServer({ basePath: '/scim/v2', extraTokens: true });
    call = clientFor(server);
  });
  afterAll(async () => {
    await server.close();
  });

  it('advertises bulk with its limits', async () => {
    const res = await call('GET', '/ServiceProviderConfig');
    expect(res.body.bulk).toEqual({ supported: true, maxOperations: BULK_LIMITS.maxOperations, maxPayloadSize: BULK_LIMITS.maxPayloadSize });
  });

  it('creates a user and a group that refers to it (group first), with string statuses and locations', async () => {
    const res = await call('POST', '/Bulk', {
      body: bulk([
        { method: 'POST', path: '/Groups', bulkId: 'g', data: { schemas: [GROUP_URN], displayName: 'bulk-g', members: [{ value: 'bulkId:u' }] } },
        { method: 'POST', path: '/Users', bulkId: 'u', data: user('bulk-u') },
      ]),
    });
    expect(res.status).toBe(200);
    expect(res.body.schemas).toEqual([BULK_RESPONSE_URN]);
    const [g, u] = res.body.Operations;
    expect(g).toMatchObject({ method: 'POST', bulkId: 'g', status: '201' });
    expect(u).toMatchObject({ method: 'POST', bulkId: 'u', status: '201' });
    const group = await call('GET', new URL(g.location).pathname.replace('/scim/v2', ''));
    const created = await call('GET', new URL(u.location).pathname.replace('/scim/v2', ''));
    expect(group.body.members.map((m: { value: string }) => m.value)).toEqual([created.body.id]);
  });

  it('answers each failed operation with its Error and stops after failOnErrors errors', async () => {
    const res = await call('POST', '/Bulk', {
      body: bulk(
        [
          { method: 'DELETE', path: '/Users/no-such-id' },
          { method: 'POST', path: '/Users', bulkId: 'late', data: user('bulk-late') },
        ],
        { failOnErrors: 1 },
      ),
    });
    expect(res.body.Operations).toHaveLength(1);
    expect(res.body.Operations[0]).toMatchObject({ method: 'DELETE', status: '404', response: { status: '404' } });
    expect(res.body.Operations[0].location).toMatch(/\/Users\/no-such-id$/);
  });

  it('resolves a circle of references: each group created, then given the other as member', async () => {
    const g = (id: string, other: string) => ({ method: 'POST', path: '/Groups', bulkId: id, data: { schemas: [GROUP_URN], displayName: `circle-${id}`, members: [{ value: `bulkId:${other}` }] } });
    const res = await call('POST', '/Bulk', { body: bulk([g('a', 'b'), g('b', 'a')]) });
    expect(res.body.Operations.map((o: { status: string }) => o.status)).toEqual(['201', '201']);
    const [a, b] = await Promise.all(res.body.Operations.map((o: { location: string }) => call('GET', new URL(o.location).pathname.replace('/scim/v2', ''))));
    expect(a!.body.members.map((m: { value: string }) => m.value)).toEqual([b!.body.id]);
    expect(b!.body.members.map((m: { value: string }) => m.value)).toEqual([a!.body.id]);
  });

  it('answers 409 for a circle it cannot resolve, and leaves nothing behind', async () => {
    const before = server.store.list('Group').length;
    const res = await call('POST', '/Bulk', {
      body: bulk([
        { method: 'POST', path: '/Groups', bulkId: 'a', data: { schemas: [GROUP_URN], displayName: 'c-a', members: [{ value: 'bulkId:b' }], externalId: 'bulkId:b' } },
        { method: 'PATCH', path: '/Groups/bulkId:a', bulkId: 'b', data: { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [] } },
      ]),
    });
    expect(res.body.Operations.map((o: { status: string }) => o.status).sort()).toEqual(['409', '409']);
    expect(server.store.list('Group').length).toBe(before);
  });
  it('drops references to bulkIds not created yet', () => {
    expect(withoutRefs({ members: [{ value: 'bulkId:b' }, { value: 'x' }], manager: 'bulkId:b', a: 1 }, new Set(['b']))).toEqual({ members: [{ value: 'x' }], a: 1 });
  });

  it('refuses too many operations and too large a payload with 413, a body without the BulkRequest schema with 400', async () => {
    const many = Array.from({ length: BULK_LIMITS.maxOperations + 1 }, (_, i) => ({ method: 'DELETE', path: `/Users/x${i}` }));
    const tooMany = await call('POST', '/Bulk', { body: bulk(many) });
    expect(tooMany.status).toBe(413);
    expect(tooMany.body.detail).toContain(String(BULK_LIMITS.maxOperations));
    const big = await call('POST', '/Bulk', { body: bulk([{ method: 'DELETE', path: '/Users/x', data: { pad: 'x'.repeat(BULK_LIMITS.maxPayloadSize) } }]) });
    expect(big.status).toBe(413);
    expect(big.body.detail).toContain('maxPayloadSize');
    const noSchema = await call('POST', '/Bulk', { body: { Operations: [] } });
    expect(noSchema.status).toBe(400);
    expect(noSchema.body.scimType).toBe('invalidSyntax');
  });

  it('refuses a bulk request of the read-only credential', async () => {
    const res = await call('POST', '/Bulk', { body: bulk([{ method: 'POST', path: '/Users', bulkId: 'x', data: user('bulk-ro') }]), token: server.tokens.limited! });
    expect(res.status).toBe(403);
  });
});
