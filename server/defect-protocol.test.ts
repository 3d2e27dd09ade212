// The protocol defects bend exactly what their names say.
import { afterEach, describe, expect, it } from 'vitest';
import { startServer } from './index.ts';
import type { RunningServer } from './index.ts';
import { clientFor, GROUP_URN, USER_URN } from './http-test-client.ts';
import { BULK_LIMITS, BULK_REQUEST_URN } from './bulk.ts';
import type { DefectName } from './defects.ts';
import { UNLISTED_EXTENSION } from './defect-protocol.ts';

let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});
async function withDefect(name: DefectName) {
  server = await startServer({ defects: [name] });
  return clientFor(server);
}
const bulk = (Operations: unknown[], extra = {}) => ({ body: { schemas: [BULK_REQUEST_URN], Operations, ...extra } });
const postUser = (bulkId: string, userName: string) => ({ method: 'POST', path: '/Users', bulkId, data: { schemas: [USER_URN], userName } });

describe('protocol defects', () => {
  it('bulk-id-unresolved runs the operation with the literal reference', async () => {
    const call = await withDefect('bulk-id-unresolved');
    const res = await call('POST', '/Bulk', bulk([postUser('u', 'a'), { method: 'POST', path: '/Groups', bulkId: 'g', data: { schemas: [GROUP_URN], displayName: 'g', members: [{ value: 'bulkId:u' }] } }]));
    expect(res.body.Operations.map((o: { status: string }) => o.status)).toEqual(['201', '400']);
  });

  it('bulk-fail-on-errors-ignored, bulk-max-operations-unenforced', async () => {
    let call = await withDefect('bulk-fail-on-errors-ignored');
    const res = await call('POST', '/Bulk', bulk([{ method: 'DELETE', path: '/Users/x' }, postUser('late', 'late')], { failOnErrors: 1 }));
    expect(res.body.Operations).toHaveLength(2);
    await server!.close();
    call = await withDefect('bulk-max-operations-unenforced');
    const many = await call('POST', '/Bulk', bulk(Array.from({ length: BULK_LIMITS.maxOperations + 1 }, () => ({ method: 'DELETE', path: '/Users/x' }))));
    expect(many.status).toBe(200);
  });

  it('bulk-status-number, bulk-without-location', async () => {
    let call = await withDefect('bulk-status-number');
    expect((await call('POST', '/Bulk', bulk([postUser('u', 'n')]))).body.Operations[0].status).toBe(201);
    await server!.close();
    call = await withDefect('bulk-without-location');
    expect((await call('POST', '/Bulk', bulk([postUser('u', 'n')]))).body.Operations[0]).not.toHaveProperty('location');
  });

  it('the discovery defects', async () => {
    let call = await withDefect('spc-without-authentication-schemes');
    expect((await call('GET', '/ServiceProviderConfig')).body).not.toHaveProperty('authenticationSchemes');
    await server!.close();
    call = await withDefect('resource-type-unlisted-extension');
    const user = (await call('GET', '/ResourceTypes/User')).body;
    expect(user.schemaExtensions.map((e: { schema: string }) => e.schema)).toContain(UNLISTED_EXTENSION);
    await server!.close();
    call = await withDefect('schemas-not-a-list');
    expect(Object.keys((await call('GET', '/Schemas')).body)).toEqual(['Resources']);
    await server!.close();
    call = await withDefect('discovery-filter-ignored');
    expect((await call('GET', '/Schemas?filter=id%20eq%20%22x%22')).status).toBe(200);
    expect((await call('GET', '/Users?filter=userName%20eq%20%22x%22')).status).toBe(200);
  });

  it('me-404', async () => {
    const call = await withDefect('me-404');
    const res = await call('GET', '/Me');
    expect(res.status).toBe(404);
    expect(res.body.status).toBe('404');
  });
});
