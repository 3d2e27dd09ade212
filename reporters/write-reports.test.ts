import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it, expect } from 'vitest';
import { sampleResult } from '../fixtures/sample-runs/sample-result.ts';
import { writeReports } from './write-reports.ts';

let tmp = '';
beforeEach(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'scim-reports-'));
});
afterEach(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('writeReports', () => {
  it('writes the four files into a new nested directory and returns their paths', async () => {
    const dir = join(tmp, 'runs', 'one');
    const paths = await writeReports(sampleResult(), dir);
    expect(paths).toEqual({
      json: join(dir, 'result.json'),
      markdown: join(dir, 'report.md'),
      html: join(dir, 'report.html'),
      junit: join(dir, 'junit.xml'),
    });
    expect((await readdir(dir)).sort()).toEqual(['junit.xml', 'report.html', 'report.md', 'result.json']);
    expect(JSON.parse(await readFile(paths.json, 'utf8'))).toEqual(sampleResult());
    expect(await readFile(paths.markdown, 'utf8')).toContain('9 scenarios: 2 pass, 2 fail');
    expect(await readFile(paths.html, 'utf8')).toContain('<span data-count="fail">2</span>');
    expect(await readFile(paths.junit, 'utf8')).toContain('<testsuites name="scim-conformance ExampleIdM" tests="9" failures="2"');
  });

  it('refuses an invalid result with a one-line message and writes nothing', async () => {
    const bad = sampleResult();
    (bad.run as unknown as Record<string, unknown>).seed = 'forty-two';
    const dir = join(tmp, 'bad');
    await expect(writeReports(bad, dir)).rejects.toThrow(/^result\.json: the run result is invalid: run\.seed must be integer$/);
    await expect(readdir(dir)).rejects.toThrow(/ENOENT/);
  });
});
