import { describe, expect, it } from 'vitest';
import { createProgress } from './progress.ts';
import type { ScenarioResult } from '../schemas/run-result.ts';

function fakeStream(tty: boolean) {
  const chunks: string[] = [];
  return { chunks, stream: { isTTY: tty, columns: 80, write: (s: string) => chunks.push(s) } as unknown as NodeJS.WriteStream };
}
const result = (outcome: ScenarioResult['outcome'], id = 'patch.x'): ScenarioResult => ({
  id, title: id, family: 'x', level: 'MUST', refs: [], section: 'other', outcome, durationMs: 1,
});

describe('createProgress', () => {
  it('prints plain lines without a terminal, ending with the final count', () => {
    const { chunks, stream } = fakeStream(false);
    const p = createProgress({ quiet: false, stream, intervalMs: 60_000 });
    p.start(3, 'http://127.0.0.1:1');
    p.update({ done: 1, total: 3, last: result('pass') });
    p.update({ done: 2, total: 3, last: result('fail') });
    p.update({ done: 3, total: 3, last: result('warn') });
    p.stop();
    expect(chunks[0]).toContain('Running 3 scenarios');
    expect(chunks.at(-1)).toMatch(/^\[3\/3\] .*1 fail · 1 warn\n$/);
    expect(chunks.some((c) => c.includes('\r'))).toBe(false);
  });
  it('rewrites one line on a terminal and is silent when quiet', () => {
    const tty = fakeStream(true);
    const p = createProgress({ quiet: false, stream: tty.stream });
    p.start(1, 't');
    p.update({ done: 1, total: 1, last: result('pass', 'patch.add.one') });
    p.stop();
    expect(tty.chunks.some((c) => c.startsWith('\r[1/1]') && c.includes('patch.add.one'))).toBe(true);
    const quiet = fakeStream(true);
    const q = createProgress({ quiet: true, stream: quiet.stream });
    q.start(1, 't');
    q.update({ done: 1, total: 1, last: result('pass') });
    q.stop();
    expect(quiet.chunks).toEqual([]);
  });
});
