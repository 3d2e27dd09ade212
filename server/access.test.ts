import { afterEach, describe, expect, it } from 'vitest';
import { URN } from '../schemas/scim-schema.ts';
import { clientFor } from './http-test-client.ts';
import { startServer, type RunningServer } from './index.ts';

let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const user = (name: string) => ({ schemas: [URN.user], userName: name, password: 'S3cret-pass!' });

describe('access control of the reference server', () => {
  it('generates the limited and other-tenant tokens when asked, and not otherwise', async () => {
    server = await startServer({}, { port: 0 });
    expect(server.tokens.limited).toBeUndefined();
    await server.close();
    server = await startServer({ extraTokens: true }, { port: 0 });
    expect(server.tokens.limited).toMatch(/^[0-9a-f]{64}$/);
    expect(server.tokens.otherTenant).not.toBe(server.tokens.limited);
  });

  it('the limited token reads but gets 403 on writes, and changes nothing', async () => {
    server = await startServer({ extraTokens: true }, { port: 0 });
    const call = clientFor(server);
    const created = await call('POST', '/Users', { body: user('ann') });
    const id = created.body.id as string;
    const limited = server.tokens.limited!;
    expect((await call('GET', `/Users/${id}`, { token: limited })).status).toBe(200);
    const patch = await call('PATCH', `/Users/${id}`, { token: limited, body: { schemas: [URN.patchOp], Operations: [{ op: 'replace', path: 'userName', value: 'x' }] } });
    expect(patch.status).toBe(403);
    expect(patch.body.schemas).toEqual([URN.error]);
    expect((await call('DELETE', `/Users/${id}`, { token: limited })).status).toBe(403);
    expect((await call('GET', `/Users/${id}`)).body.userName).toBe('ann');
  });

  it("another tenant sees only its own users: 404 by id, absent from lists", async () => {
    server = await startServer({ extraTokens: true }, { port: 0 });
    const call = clientFor(server);
    const id = (await call('POST', '/Users', { body: user('main-user') })).body.id as string;
    const other = server.tokens.otherTenant!;
    const theirs = (await call('POST', '/Users', { token: other, body: user('their-user') })).body.id as string;
    expect((await call('GET', `/Users/${id}`, { token: other })).status).toBe(404);
    expect((await call('DELETE', `/Users/${id}`, { token: other })).status).toBe(404);
    const list = await call('GET', '/Users', { token: other });
    expect(list.body.Resources.map((r: { id: string }) => r.id)).toEqual([theirs]);
    expect(list.body.totalResults).toBe(1);
    expect((await call('GET', `/Users/${theirs}`)).status).toBe(404);
  });

  it('each hole opens what it names', async () => {
    server = await startServer({ extraTokens: true, holes: ['no-auth', 'password-leak', 'cross-tenant-read', 'limited-can-write'] }, { port: 0 });
    const call = clientFor(server);
    const created = await call('POST', '/Users', { token: null, body: user('bob') });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect((await call('GET', `/Users/${id}`, { token: 'wrong' })).body.password).toBe('S3cret-pass!');
    expect((await call('GET', `/Users/${id}`, { token: server.tokens.otherTenant! })).status).toBe(200);
    expect((await call('DELETE', `/Users/${id}`, { token: server.tokens.limited! })).status).toBe(204);
  });
});
