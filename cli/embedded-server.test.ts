import { describe, expect, it } from 'vitest';
import { startEmbeddedServer } from './embedded-server.ts';

describe('startEmbeddedServer', () => {
  it.each(['worker', 'main'] as const)('serves SCIM on loopback from the %s thread and closes', async (thread) => {
    const server = await startEmbeddedServer({}, thread);
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const res = await fetch(`${server.url}/ServiceProviderConfig`, { headers: { authorization: `Bearer ${server.token}` } });
      expect(res.status).toBe(200);
      expect((await fetch(`${server.url}/Users`)).status).toBe(401);
    } finally {
      await server.close();
    }
    await expect(fetch(`${server.url}/ServiceProviderConfig`)).rejects.toThrow();
  });
});
