// Sharding end to end: two shards run at the same time against ONE reference server, their results
// merged, and compared with a single run of every scenario. Each shard has its own run id, ledger
// and userName marker, so the shards never touch each other's resources, and both clean up.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer } from '../server/index.ts';
import { loadConfig } from '../engine/config.ts';
import { executeRun } from '../engine/run.ts';
import { selectShard } from '../engine/shard.ts';
import { mergeResults } from '../engine/merge.ts';
import { Ledger } from '../engine/ledger.ts';
import { validateWith } from '../schemas/validate.ts';
import { builtinResourceSchemas } from '../schemas/rfc7643.ts';
import { generateScenarios } from '../scenarios/generate.ts';
import { getState } from '../fixtures/states.ts';
import type { RunResult } from '../schemas/run-result.ts';

let server: RunningServer;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'scim-shard-'));
  server = await startServer({}, { host: '127.0.0.1', port: 0 });
});

afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

const outcomes = (r: RunResult) => r.scenarios.map((s) => [s.id, s.outcome]);

describe('run --shard K/N and merge', () => {
  it('two concurrent shards against one server merge into the single run, and both clean up', async () => {
    const config = loadConfig({ env: { SCIM_BASE_URL: server.url, SCIM_TOKEN: server.token, SCIM_OUT_DIR: dir, SCIM_CONCURRENCY: '8', SCIM_SEED: '11' } });
    const shardRun = (index: number) =>
      executeRun(config, {
        embedded: false,
        runId: `shard-${index}-of-2`,
        select: (all) => selectShard(all, { index, count: 2 }),
        shard: { index, count: 2 },
      });
    const [one, two] = await Promise.all([shardRun(1), shardRun(2)]);

    // Own run ids, so own ledger markers: no shard can mistake the other's resources for its own.
    expect(new Ledger({ runId: one.run.id }).marker).not.toBe(new Ledger({ runId: two.run.id }).marker);
    expect(one.summary.total).toBeGreaterThan(0);
    expect(two.summary.total).toBeGreaterThan(0);
    expect(one.leftovers).toEqual([]);
    expect(two.leftovers).toEqual([]);
    // Everything either shard created is gone from the server, shared resources included.
    for (const r of [one, two]) {
      const created = Ledger.readFile(join(dir, r.run.id, 'ledger.ndjson'));
      expect(created.length).toBeGreaterThan(0);
      for (const e of created) {
        expect(e.deleted, `${r.run.id}: ${e.kind} ${e.id}`).toBe(true);
        expect(server.store.find(e.id), `${e.kind} ${e.id} still on the server`).toBeUndefined();
      }
    }
    expect(server.store.size).toBe(0);

    const merged = mergeResults([
      { source: 'shard-1', result: one },
      { source: 'shard-2', result: two },
    ]);
    expect(validateWith('run-result', merged)).toEqual({ ok: true });

    const single = await executeRun(config, { embedded: false, runId: 'single' });
    expect(single.leftovers).toEqual([]);
    expect(merged.scenarios.map((s) => s.id)).toEqual(single.scenarios.map((s) => s.id));
    expect(outcomes(merged)).toEqual(outcomes(single));
    expect(merged.summary).toEqual(single.summary);
    expect(server.store.size).toBe(0);

    // The run folder holds every exchange, streamed, each tagged with its scenario.
    const lines = readFileSync(join(dir, 'single', 'exchanges.ndjson'), 'utf8').trim().split('\n');
    // The set-up probe before the scenarios is tagged as such, not as a scenario.
    const tagged = new Set(lines.map((l) => (JSON.parse(l) as { scenario?: string }).scenario).filter((t) => t !== undefined && t !== 'set-up probe'));
    // Cross-cutting checks send nothing of their own: they judge the others' exchanges.
    const sending = single.scenarios.filter((s) => s.outcome !== 'unsupported' && s.family !== 'checks');
    expect(tagged.size).toBe(sending.length);

    // Referenced users are shared: set-up POSTs stay close to one per resource a scenario's state owns;
    // a shared key, and a shared state (the list families' users and groups), is created once per session.
    const posts = lines.map((l) => JSON.parse(l) as { method: string; purpose: string }).filter((e) => e.method === 'POST' && e.purpose === 'setup');
    const byId = new Map(single.scenarios.map((s) => [s.id, s]));
    const states = generateScenarios({ schemas: builtinResourceSchemas() }).filter((s) => byId.has(s.id) && byId.get(s.id)!.outcome !== 'unsupported' && s.family !== 'checks').map((s) => getState(s.state.name));
    const owned = states.filter((st) => !st.shared).reduce((n, st) => n + st.resources.filter((r) => r.shared === undefined).length, 0);
    const sharedKeys = new Set(states.flatMap((st) => st.resources.flatMap((r) => (r.shared === undefined ? [] : [r.shared]))));
    const sharedStates = [...new Set(states.filter((st) => st.shared))].reduce((n, st) => n + st.resources.length, 0);
    expect(sharedStates).toBeGreaterThan(0);
    expect(posts.length).toBeLessThanOrEqual(owned + sharedKeys.size + sharedStates + 10);
  }, 120_000);
});
