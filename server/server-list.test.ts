// Lists of the reference server beyond the basics: root /.search across resource types, RFC 9865
// cursor pagination, filters naming undefined attributes, and the list defects.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from './index.ts';
import type { RunningServer } from './index.ts';
import type { DefectName } from './defects.ts';
import { clientFor, GROUP_URN, USER_URN } from './http-test-client.ts';
import type { Call } from './http-test-client.ts';

const SEARCH = 'urn:ietf:params:scim:api:messages:2.0:SearchRequest';

async function seed(call: Call, prefix: string): Promise<string[]> {
  const ids: string[] = [];
  for (const n of [1, 2, 3]) {
    const res = await call('POST', '/Users', { body: { schemas: [USER_URN], userName: `${prefix}l${n}-x@example.com`, title: n === 2 ? 'Boss' : 'Dev' } });
    ids.push(res.body.id);
  }
  await call('POST', '/Groups', { body: { schemas: [GROUP_URN], displayName: `${prefix}g1-team` } });
  return ids;
}

describe('reference server: lists', () => {
  let server: RunningServer;
  let call: Call;
  const q = (s: string) => encodeURIComponent(s);

  beforeAll(async () => {
    server = await startServer();
    call = clientFor(server);
    await seed(call, 'p-');
  });
  afterAll(async () => {
    await server.close();
  });

  it('advertises cursor and index pagination (RFC 9865 §4)', async () => {
    const res = await call('GET', '/ServiceProviderConfig');
    expect(res.body.pagination).toMatchObject({ cursor: true, index: true });
  });

  it('root /.search lists every resource type the filter can match, each with its schemas', async () => {
    const users = await call('POST', '/.search', { body: { schemas: [SEARCH], filter: 'userName sw "p-"' } });
    expect(users.status).toBe(200);
    expect(users.body.totalResults).toBe(3);
    const groups = await call('POST', '/.search', { body: { schemas: [SEARCH], filter: 'displayName sw "p-"' } });
    expect(groups.body.Resources.map((r: any) => r.schemas[0])).toEqual([GROUP_URN]);
    const sorted = await call('POST', '/.search', { body: { schemas: [SEARCH], filter: 'userName sw "p-"', sortBy: 'userName', sortOrder: 'descending', count: 2 } });
    expect(sorted.body.Resources.map((r: any) => r.userName)).toEqual(['p-l3-x@example.com', 'p-l2-x@example.com']);
    expect((await call('GET', '/.search')).status).toBe(405);
  });

  it('walks cursors to the end, and refuses a foreign cursor with 400 invalidCursor', async () => {
    const seen: string[] = [];
    let res = await call('GET', `/Users?filter=${q('userName sw "p-"')}&cursor=&count=2`);
    seen.push(...res.body.Resources.map((r: any) => r.id));
    expect(typeof res.body.nextCursor).toBe('string');
    res = await call('GET', `/Users?filter=${q('userName sw "p-"')}&cursor=${res.body.nextCursor}&count=2`);
    seen.push(...res.body.Resources.map((r: any) => r.id));
    expect(res.body.nextCursor).toBeUndefined();
    expect(typeof res.body.previousCursor).toBe('string');
    expect(new Set(seen).size).toBe(3);
    const bad = await call('GET', `/Users?cursor=nope&count=2`);
    expect([bad.status, bad.body.scimType]).toEqual([400, 'invalidCursor']);
  });

  it('refuses a filter on an undefined attribute with 400 invalidFilter, even with nothing to match', async () => {
    const res = await call('GET', `/Users?filter=${q('noSuch eq "x"')}`);
    expect([res.status, res.body.scimType]).toEqual([400, 'invalidFilter']);
    const sub = await call('GET', `/Users?filter=${q('name.noSuch eq "x"')}`);
    expect(sub.status).toBe(400);
    const ok = await call('GET', `/Users?filter=${q('emails[type eq "work"] or name.familyName pr')}`);
    expect(ok.status).toBe(200);
  });
});

describe('reference server: list defects', () => {
  it.each([
    ['filter-co-as-sw', '/Users?filter=' + encodeURIComponent('userName sw "d-" and userName co "l2"'), (b: any) => b.totalResults === 0],
    ['total-results-page', '/Users?filter=' + encodeURIComponent('userName sw "d-"') + '&count=1', (b: any) => b.totalResults === 1],
    ['count-zero-all', '/Users?filter=' + encodeURIComponent('userName sw "d-"') + '&count=0', (b: any) => b.Resources.length === 3],
    ['sort-order-ignored', '/Users?filter=' + encodeURIComponent('userName sw "d-"') + '&sortBy=userName&sortOrder=descending', (b: any) => b.Resources[0].userName.startsWith('d-l1')],
  ])('%s bends the answer', async (defect, path, bent) => {
    const server = await startServer({ defects: [defect as DefectName] });
    try {
      const call = clientFor(server);
      await seed(call, 'd-');
      const res = await call('GET', path);
      expect(res.status).toBe(200);
      expect(bent(res.body)).toBe(true);
    } finally {
      await server.close();
    }
  });
});
