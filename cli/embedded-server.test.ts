import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { prepareEmbeddedServer, runsEmbedded, startEmbeddedServer } from './embedded-server.ts';

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

  it('takes the thread prepared ahead, and starts it with the options given then', async () => {
    prepareEmbeddedServer();
    // The options reach the prepared thread: the extra tokens exist only when asked for.
    const server = await startEmbeddedServer({ extraTokens: true, basePath: '/scim/v2' });
    try {
      expect(server.tokens?.limited).toBeTruthy();
      const res = await fetch(`${server.url}/ServiceProviderConfig`, { headers: { authorization: `Bearer ${server.token}` } });
      expect(res.status).toBe(200);
      expect(server.url).toMatch(/\/scim\/v2$/);
    } finally {
      await server.close();
    }
    // Taken once: the next start is a thread of its own.
    const next = await startEmbeddedServer({});
    try {
      expect(next.tokens?.limited).toBeUndefined();
    } finally {
      await next.close();
    }
  });

  it('a prepared thread nobody claims does not keep the process alive', () => {
    const dir = mkdtempSync(join(tmpdir(), 'scim-prepared-'));
    try {
      const module = new URL('./embedded-server.ts', import.meta.url).href;
      // The thread must be alive (loading, then waiting for its options) when this process ends.
      const script = join(dir, 'prepare.mjs');
      writeFileSync(script, `import { prepareEmbeddedServer } from ${JSON.stringify(module)};\nprepareEmbeddedServer();\nsetTimeout(() => console.log('done'), 1500);\n`);
      const child = spawnSync(process.execPath, ['--import', 'tsx', script], { encoding: 'utf8', timeout: 20_000 });
      expect(child.error).toBeUndefined();
      expect(child.stdout).toContain('done');
      expect(child.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('runsEmbedded', () => {
  it('is true only without --target, --config and SCIM_BASE_URL', () => {
    expect(runsEmbedded({}, {})).toBe(true);
    expect(runsEmbedded({ target: 'http://x' }, {})).toBe(false);
    expect(runsEmbedded({ config: 'c.json' }, {})).toBe(false);
    expect(runsEmbedded({}, { SCIM_BASE_URL: 'http://x' })).toBe(false);
  });
});
