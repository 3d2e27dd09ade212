import { describe, expect, it } from 'vitest';
import { createFixtureFactory } from '../fixtures/builders.ts';
import type { RunContext } from './run-context.ts';
import type { ScimResponse } from './client.ts';
import { concretePath, idOfLocation, postOperations, prepareBulk, recordBulkCreated } from './protocol-prepare.ts';

const BULK = 'urn:ietf:params:scim:api:messages:2.0:BulkRequest';

function fakeContext(answers: Record<string, unknown> = {}, filter = true) {
  const intents: unknown[] = [];
  const records: Array<{ kind: string; id: string; location: string }> = [];
  const requests: string[] = [];
  const ctx = {
    endpoints: { User: '/Users', Group: '/Groups' },
    factory: createFixtureFactory({ seed: 1, marker: 'scimconf-test' }),
    capabilities: { filter },
    ledger: { intend: (i: unknown) => intents.push(i), record: (r: { kind: string; id: string; location: string }) => records.push(r) },
    client: {
      request: async (method: string, path: string, options: { query?: Record<string, string> }) => {
        requests.push(`${method} ${path}${options.query ? ` ${JSON.stringify(options.query)}` : ''}`);
        return { status: 200, json: answers[path], text: '', headers: {} } as unknown as ScimResponse;
      },
    },
  } as unknown as RunContext;
  return { ctx, intents, records, requests };
}

describe('prepareBulk', () => {
  it('makes paths and fresh resources concrete and tells the ledger of each POST first', async () => {
    const { ctx, intents } = fakeContext();
    const body = await prepareBulk(ctx, { schemas: [BULK], Operations: [{ method: 'POST', path: '@User', bulkId: 'u', data: { $new: 'User', displayName: 'X' } }, { method: 'DELETE', path: '@Group/$unknown' }] }, []);
    const ops = (body as { Operations: Array<{ path: string; data?: Record<string, unknown> }> }).Operations;
    expect(ops[0]!.path).toBe('/Users');
    expect(ops[0]!.data!['userName']).toMatch(/^scimconf-test-/);
    expect(ops[0]!.data!['displayName']).toBe('X');
    expect(ops[1]!.path).toMatch(/^\/Groups\/[0-9a-f-]{36}$/);
    expect(intents).toEqual([{ kind: 'User', endpoint: '/Users', attr: 'userName', value: ops[0]!.data!['userName'] }]);
  });

  it('goes one operation past maxOperations and past maxPayloadSize, as the ServiceProviderConfig advertises', async () => {
    const { ctx } = fakeContext({ '/ServiceProviderConfig': { bulk: { supported: true, maxOperations: 3, maxPayloadSize: 100 } } });
    const many = (await prepareBulk(ctx, { schemas: [BULK], Operations: [{ $repeat: 'maxOperations', op: { method: 'DELETE', path: '@User/$unknown' } }] }, [])) as { Operations: unknown[] };
    expect(many.Operations).toHaveLength(4);
    const big = await prepareBulk(ctx, { schemas: [BULK], Operations: [{ method: 'DELETE', path: '@User/$unknown', data: { pad: { $pad: 'maxPayloadSize' } } }] }, []);
    expect(JSON.stringify(big).length).toBeGreaterThan(100 + 1024);
  });

  it('is an error of the target when the limit is not advertised', async () => {
    const { ctx } = fakeContext({ '/ServiceProviderConfig': { bulk: { supported: true } } });
    await expect(prepareBulk(ctx, { schemas: [BULK], Operations: [{ $repeat: 'maxOperations', op: {} }] }, [])).rejects.toThrow(/maxOperations/);
  });
});

describe('recordBulkCreated', () => {
  const sent = { Operations: [{ method: 'POST', path: '/Users', bulkId: 'u', data: { userName: 'scimconf-test-a' } }, { method: 'POST', path: '/Groups', bulkId: 'g', data: { displayName: 'scimconf-test-g' } }] };
  const answer = (json: unknown) => ({ status: 200, json, text: '', headers: {} }) as unknown as ScimResponse;

  it('records each created resource by its location', async () => {
    const { ctx, records, requests } = fakeContext();
    await recordBulkCreated(ctx, sent, answer({ Operations: [{ bulkId: 'u', status: '201', location: 'http://h/Users/u1' }, { bulkId: 'g', status: 201, location: '/Groups/g1' }] }), []);
    expect(records.map((r) => [r.kind, r.id, r.location])).toEqual([['User', 'u1', '/Users/u1'], ['Group', 'g1', '/Groups/g1']]);
    expect(requests).toEqual([]);
  });

  it('finds by its marked name what the answer does not locate, and trusts a failure', async () => {
    const { ctx, records, requests } = fakeContext({ '/Users': { Resources: [{ id: 'u9', userName: 'scimconf-test-a' }] } });
    await recordBulkCreated(ctx, sent, answer({ Operations: [{ bulkId: 'u', status: '201' }, { bulkId: 'g', status: '409' }] }), []);
    expect(records.map((r) => r.id)).toEqual(['u9']);
    expect(requests).toEqual(['GET /Users {"filter":"userName eq \\"scimconf-test-a\\""}']);
  });
});

describe('helpers', () => {
  it('read ids from locations and POSTs from a request', () => {
    expect(idOfLocation('https://h/scim/Users/abc%20d?x=1')).toBe('abc d');
    expect(idOfLocation(undefined)).toBeUndefined();
    expect(concretePath({ endpoints: { User: '/u', Group: '/g' } }, '@Group/x')).toBe('/g/x');
    expect(postOperations({ endpoints: { User: '/Users', Group: '/Groups' } }, { Operations: [{ method: 'post', path: '/Groups', data: { displayName: 'n' } }] })).toEqual([{ kind: 'Group', attr: 'displayName', name: 'n', bulkId: undefined }]);
  });
});
