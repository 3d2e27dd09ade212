import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { measureStartup, renderStartup, timeCommand, type StartupResult } from './startup.ts';

/** Modules cli/main.ts loads before any command runs: its static imports that are not type-only. */
const eagerImports = (source: string) => [...source.matchAll(/^import (?!type )[^;]*?from '([^']+)';/gm)].map((m) => m[1]!);

const result = (over: Partial<StartupResult>): StartupResult => ({ name: '--version', from: 'dist', runs: 5, medianMs: 120, minMs: 100, maxMs: 180, limitMs: 300, ...over });

describe('startup bench', () => {
  it('judges the median against the bound: met under it, missed over it', () => {
    const table = renderStartup([result({ medianMs: 120 }), result({ name: 'list', medianMs: 650, limitMs: 600 })]);
    expect(table).toContain('| --version | dist/, plain node | 5 | 120 | 100 | 180 | met (< 300 ms) |');
    expect(table).toContain('| list | dist/, plain node | 5 | 650 | 100 | 180 | missed (< 600 ms) |');
  });

  it('shows no verdict for a row without a bound', () => {
    const table = renderStartup([result({ name: 'v', from: 'sources', limitMs: undefined })]);
    expect(table).toContain('| v | sources, tsx | 5 | 120 | 100 | 180 | – |');
    expect(table).not.toMatch(/met|missed/);
  });

  it('labels node alone as such', () => {
    expect(renderStartup([result({ name: 'node -e 0', from: 'bare', limitMs: undefined })])).toContain('| node -e 0 | none | 5 |');
  });

  it('refuses a command that fails instead of timing it', async () => {
    await expect(timeCommand(process.execPath, ['-e', 'process.exit(3)'])).rejects.toThrow(/exited with 3/);
  });

  it('measures the real command the given number of times', async () => {
    const [row] = await measureStartup(1, [{ name: 'v', args: ['--version'], from: 'sources' }]);
    expect(row).toMatchObject({ name: 'v', from: 'sources', runs: 1 });
    expect(row!.minMs).toBeGreaterThan(0);
    expect(row!.minMs).toBeLessThanOrEqual(row!.medianMs);
    expect(row!.medianMs).toBeLessThanOrEqual(row!.maxMs);
  });

  it('fails on a command line the CLI rejects', async () => {
    await expect(measureStartup(1, [{ name: 'bad', args: ['--no-such-flag'], from: 'sources' }])).rejects.toThrow(/exited with 2/);
  });

  it('cli/main.ts loads no command module before its command runs (what keeps --version and --help fast)', () => {
    const eager = eagerImports(readFileSync(new URL('../cli/main.ts', import.meta.url), 'utf8'));
    expect(eager).toContain('commander');
    expect(eager.filter((m) => /-command\.ts$|server|engine\/(run|runner)\.ts|scenarios|reporters/.test(m))).toEqual([]);
    // The check sees an eager import of a command.
    expect(eagerImports("import { runCommand } from './run-command.ts';\nimport type { X } from './list-command.ts';\n")).toEqual(['./run-command.ts']);
  });
});
