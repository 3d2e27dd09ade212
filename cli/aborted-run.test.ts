import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { abortedResult, writeAbortedRun, type AbortedRun } from './aborted-run.ts';
import { validateWith } from '../schemas/validate.ts';
import type { RunResult } from '../schemas/run-result.ts';

const base: AbortedRun = {
  runId: '20260101-100000-abcdef',
  seed: 42,
  startedAt: Date.parse('2026-01-01T10:00:00.000Z'),
  baseUrl: 'https://admin:s3cret@scim.example.test/scim/v2?api_key=k3y',
  embedded: false,
  profile: 'rfc7644',
  concurrency: 8,
  exitCode: 3,
  reason: 'target https://scim.example.test refused the connection',
};

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'scim-aborted-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('abortedResult', () => {
  it('is a valid run result with no scenarios, run.aborted and a run note saying why', () => {
    const r = abortedResult(base, base.startedAt + 1500);
    expect(validateWith('run-result', r)).toEqual({ ok: true });
    expect(r.scenarios).toEqual([]);
    expect(r.findings).toEqual([]);
    expect(r.summary).toEqual({ total: 0, pass: 0, fail: 0, warn: 0, unsupported: 0, blocked: 0, error: 0 });
    expect(r.run.aborted).toEqual({ exitCode: 3, reason: base.reason });
    expect(r.run.notes).toEqual([`aborted (exit 3): ${base.reason}`]);
    expect(r.run.durationMs).toBe(1500);
    expect(r.run.startedAt).toBe('2026-01-01T10:00:00.000Z');
  });

  it('keeps credentials in the URL out of the result', () => {
    const text = JSON.stringify(abortedResult(base));
    expect(text).not.toContain('s3cret');
    expect(text).not.toContain('k3y');
    expect(abortedResult(base).run.target.url).toBe('https://scim.example.test/scim/v2');
  });

  it('records the shard, so merge can name the shard that was aborted', () => {
    const r = abortedResult({ ...base, exitCode: 2, shard: { index: 2, count: 4 } });
    expect(r.run.shard).toEqual({ index: 2, count: 4 });
    expect(validateWith('run-result', r)).toEqual({ ok: true });
  });
});

describe('writeAbortedRun', () => {
  it('writes result.json and junit.xml into the run folder', async () => {
    const folder = join(dir, 'runs', base.runId);
    const paths = await writeAbortedRun(abortedResult(base), folder);
    expect(paths).toEqual({ json: join(folder, 'result.json'), junit: join(folder, 'junit.xml') });
    const written = JSON.parse(await readFile(paths.json, 'utf8')) as RunResult;
    expect(written.run.aborted?.reason).toBe(base.reason);
    expect(validateWith('run-result', written)).toEqual({ ok: true });
    const junit = await readFile(paths.junit, 'utf8');
    expect(junit).toContain(`<error message="${base.reason}" type="unreachable">`);
  });

  it('refuses to write a result its schema rejects', async () => {
    const bad = { ...abortedResult(base), scenarios: 'none' } as unknown as RunResult;
    await expect(writeAbortedRun(bad, dir)).rejects.toThrow(/result is invalid: scenarios/);
  });
});
