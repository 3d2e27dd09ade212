// A scenario that needs a capability the target does not advertise is `unsupported`, never a pass
// or a fail, and its reason names the capability and where the target said so.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer } from '../server/index.ts';
import { loadConfig } from '../engine/config.ts';
import { executeRun } from '../engine/run.ts';
import type { RunResult } from '../schemas/run-result.ts';

let server: RunningServer;
let dir: string;
let result: RunResult;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'scim-capabilities-'));
  server = await startServer({ etag: false }, { host: '127.0.0.1', port: 0 });
  const config = loadConfig({ env: { SCIM_BASE_URL: server.url, SCIM_TOKEN: server.token, SCIM_OUT_DIR: dir } });
  result = await executeRun(config, { embedded: false, seed: 11, select: (all) => all.filter((s) => s.family === 'versioning' || s.family === 'atomic') });
});

afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('capabilities the target does not advertise', () => {
  it('reports every ETag scenario unsupported with the capability and the sentence why', () => {
    expect(result.run.capabilities.etag).toBe(false);
    const versioning = result.scenarios.filter((s) => s.family === 'versioning');
    const needEtag = versioning.filter((s) => s.outcome === 'unsupported');
    expect(needEtag.length).toBeGreaterThan(0);
    for (const s of needEtag) {
      expect(s.capability).toBe('etag');
      expect(s.reason).toBe('needs ETags (ServiceProviderConfig etag.supported is false)');
      expect(s.exchanges).toBeUndefined();
    }
    // Scenarios that do not need ETags still run and pass; nothing is failed for a missing option.
    expect(result.scenarios.filter((s) => s.outcome === 'fail' || s.outcome === 'error')).toEqual([]);
    expect(result.scenarios.filter((s) => s.family === 'atomic').every((s) => s.outcome === 'pass')).toBe(true);
    expect(result.leftovers).toEqual([]);
  });
});
