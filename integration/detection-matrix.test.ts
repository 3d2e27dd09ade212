import { describe, expect, it } from 'vitest';
import { catchers, renderMatrix, sameExceptStamp } from './detection-matrix.ts';
import type { DefectDetection, MatrixInput } from './detection-matrix.ts';

const defect = (over: Partial<DefectDetection>): DefectDetection => ({
  name: 'x',
  breaks: 'Breaks x.',
  caughtAs: 'fail',
  fails: [],
  warns: [],
  errors: [],
  findings: [],
  ...over,
});

const input = (defects: DefectDetection[]): MatrixInput => ({
  generatedAt: new Date('2026-01-02T03:04:05Z'),
  seed: 7,
  concurrency: 16,
  clean: { total: 10, pass: 10, fail: 0, warn: 0, error: 0, blocked: 0, unsupported: 0 },
  defects,
  cap: 2,
});

describe('renderMatrix', () => {
  it('lists catalog scenarios first, MUST before weaker levels, and caps the list', () => {
    const text = renderMatrix(
      input([
        defect({
          name: 'bug',
          breaks: 'Breaks a | b.',
          fails: [
            { id: 'patch.attr.user.add.x', level: 'MUST' },
            { id: 'patch.b', level: 'SHOULD' },
            { id: 'patch.c', level: 'MUST' },
          ],
        }),
      ]),
    );
    expect(text).toContain('Last regenerated: 2026-01-02T03:04:05.000Z');
    expect(text).toContain('10 scenarios, 0 failures');
    expect(text).toContain('| `bug` | Breaks a \\| b. | fail (3 fail) |  | `patch.c` MUST, `patch.b` SHOULD, +1 more |');
  });

  it('shows the warnings of a defect caught as a warning and flags one nothing caught', () => {
    const text = renderMatrix(input([defect({ name: 'w', caughtAs: 'warn', warns: [{ id: 'patch.w', level: 'INTEROP' }] }), defect({ name: 'n' })]));
    expect(text).toContain('| `w` | Breaks x. | warn (1 warn) |  | `patch.w` INTEROP |');
    expect(text).toContain('| `n` | Breaks x. | fail (none) |  | **nothing** |');
  });

  it('prefers failures over warnings and errors', () => {
    const d = defect({ caughtAs: 'error', fails: [{ id: 'f', level: 'MUST' }], errors: [{ id: 'e', level: 'AMBIG' }] });
    expect(catchers(d)).toEqual({ outcome: 'fail', items: [{ id: 'f', level: 'MUST' }] });
    expect(catchers({ ...d, fails: [] }).outcome).toBe('error');
  });
});

describe('sameExceptStamp', () => {
  it('ignores only the regeneration time', () => {
    const a = renderMatrix(input([defect({})]));
    const b = renderMatrix({ ...input([defect({})]), generatedAt: new Date('2030-01-01T00:00:00Z') });
    expect(a).not.toBe(b);
    expect(sameExceptStamp(a, b)).toBe(true);
    expect(sameExceptStamp(a, renderMatrix(input([defect({ breaks: 'Other.' })])))).toBe(false);
  });
});

describe('findings and quirks in the matrix', () => {
  it('names the findings of each defect and lists the quirks with their penalty', () => {
    const text = renderMatrix({
      generatedAt: new Date('2026-01-01T00:00:00Z'),
      seed: 1,
      concurrency: 1,
      clean: { total: 2, pass: 2, fail: 0, warn: 0, error: 0, blocked: 0, unsupported: 0 },
      defects: [defect({ fails: [{ id: 'patch.a', level: 'MUST' }], findings: [{ key: 'state:wrong', title: 'Wrong state', outcome: 'fail', scenarios: 4 }] })],
      quirks: [{ name: 'q', description: 'Does q.', penalty: 'once', counts: { fail: 1, warn: 0, blocked: 0, error: 0, unsupported: 0 }, findings: [{ key: 'returned-never', title: 'Password returned', outcome: 'fail', scenarios: 8 }] }],
    });
    expect(text).toContain('Wrong state (fail, 4)');
    expect(text).toContain('## Quirks');
    expect(text).toMatch(/\| `q` \| Does q\. \| once \| 1 fail \| Password returned \(fail, 8\) \|/);
  });
});
