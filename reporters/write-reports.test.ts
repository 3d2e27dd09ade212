import { mkdir, mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it, expect } from 'vitest';
import { sampleResult } from '../fixtures/sample-runs/sample-result.ts';
import { manyFailures } from '../fixtures/sample-runs/many-failures.ts';
import { writeInTurn, writeReports } from './write-reports.ts';
import { renderHtml } from './html-reporter.ts';
import { renderJunit } from './junit-reporter.ts';

let tmp = '';
beforeEach(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'scim-reports-'));
});
afterEach(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('writeReports', () => {
  it('writes the five files into a new nested directory and returns their paths', async () => {
    const dir = join(tmp, 'runs', 'one');
    const paths = await writeReports(sampleResult(), dir);
    expect(paths).toEqual({
      json: join(dir, 'result.json'),
      markdown: join(dir, 'report.md'),
      html: join(dir, 'report.html'),
      junit: join(dir, 'junit.xml'),
      summary: join(dir, 'summary.md'),
    });
    expect((await readdir(dir)).sort()).toEqual(['junit.xml', 'report.html', 'report.md', 'result.json', 'summary.md']);
    expect(JSON.parse(await readFile(paths.json, 'utf8'))).toEqual(sampleResult());
    expect(await readFile(paths.markdown, 'utf8')).toContain('9 scenarios: 2 pass, 2 fail');
    expect(await readFile(paths.html, 'utf8')).toContain('<span data-count="fail">2</span>');
    expect(await readFile(paths.junit, 'utf8')).toContain('<testsuites name="scim-conformance ExampleIdM" tests="9" failures="2"');
    expect(await readFile(paths.summary, 'utf8')).toContain('### 6 distinct problems');
  });

  it('passes the gate the run gave to every view', async () => {
    const dir = join(tmp, 'gated');
    const paths = await writeReports(sampleResult(), dir, { gate: { exitCode: 0, lines: ['gate: PASS (exit 0); 4 known outcome(s) from the expectation file'] } });
    for (const file of [paths.markdown, paths.html, paths.junit, paths.summary]) {
      expect(await readFile(file, 'utf8'), file).toContain('Gate: PASS (exit 0)');
    }
  });

  it('sizes reports for people: 150 failures from 5 root causes', async () => {
    const result = manyFailures({ failures: 150, causes: 5, bodyBytes: 3000 });
    const paths = await writeReports(result, join(tmp, 'cascade'));
    const size = async (file: string) => (await stat(file)).size;
    // result.json keeps every exchange: putting them all into a view would break its limit.
    // Written in pieces, several batches each: byte for byte what one string would have been.
    const text = await readFile(paths.json, 'utf8');
    expect(text.length).toBeGreaterThan(3 * 256 * 1024);
    expect(text).toBe(JSON.stringify(result, null, 2) + '\n');
    expect(await readFile(paths.html, 'utf8')).toBe(renderHtml(result));
    expect(await readFile(paths.junit, 'utf8')).toBe(renderJunit(result));
    const json = JSON.parse(text) as typeof result;
    expect(json.scenarios.flatMap((s) => s.exchanges ?? [])).toHaveLength(150 * 3);
    expect(json).toEqual(result);
    expect(await size(paths.json)).toBeGreaterThan(1_000_000);

    expect(await size(paths.markdown)).toBeLessThan(300_000);
    expect(await size(paths.html)).toBeLessThan(1_000_000);
    expect((await readFile(paths.summary, 'utf8')).length).toBeLessThan(60_000);

    // Still complete: every finding and every failing scenario is named in each view.
    const md = await readFile(paths.markdown, 'utf8');
    const html = await readFile(paths.html, 'utf8');
    for (const f of result.findings) {
      expect(md).toContain(`<a id="finding-${f.key}"></a>`);
      expect(html).toContain(`id="finding-${f.key}"`);
    }
    for (const s of result.scenarios.filter((x) => x.outcome === 'fail')) {
      expect(md).toContain(`<a id="${s.id}"></a>`);
      expect(html).toContain(`<li id="${s.id}"`);
    }
  });

  it('refuses an invalid result with a one-line message and writes nothing', async () => {
    const bad = sampleResult();
    (bad.run as unknown as Record<string, unknown>).seed = 'forty-two';
    const dir = join(tmp, 'bad');
    await expect(writeReports(bad, dir)).rejects.toThrow(/^result\.json: the run result is invalid: run\.seed must be integer$/);
    await expect(readdir(dir)).rejects.toThrow(/ENOENT/);
  });

  it('writes the files in turn and leaves none of them (and no temporary file) when one fails to render', async () => {
    const dir = join(tmp, 'in-turn');
    await mkdir(dir, { recursive: true });
    const files = ['a.txt', 'b.txt', 'c.txt'].map((f) => join(dir, f));
    const rendered: string[] = [];
    await expect(
      writeInTurn([
        [files[0]!, () => (rendered.push('a'), 'A')],
        [files[1]!, () => {
          throw new Error('render bug');
        }],
        [files[2]!, () => (rendered.push('c'), 'C')],
      ]),
    ).rejects.toThrow('render bug');
    expect(rendered).toEqual(['a']);
    expect(await readdir(dir)).toEqual([]);
    await writeInTurn(files.map((f, i) => [f, () => `text ${i}`] as const));
    expect((await readdir(dir)).sort()).toEqual(['a.txt', 'b.txt', 'c.txt']);
    expect(await readFile(files[2]!, 'utf8')).toBe('text 2');
  });
});
