// Expectation files: the known non-pass outcomes of one target (scenario id, outcome, reason), so
// CI can gate on regressions only. Format: schemas/json/expectations.schema.json.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Outcome, RunResult } from '../schemas/run-result.ts';
import { validateWith } from '../schemas/validate.ts';

/** 'pass' is never listed: a scenario that is not in the file is expected to pass. */
export type ExpectedOutcome = Exclude<Outcome, 'pass'>;

export interface ExpectationEntry {
  id: string;
  outcome: ExpectedOutcome;
  reason: string;
}

export interface Expectations {
  version: 1;
  /** Which target the file describes: product/version or URL. */
  target: string;
  expectations: ExpectationEntry[];
}

function problem(file: string, what: string): Error {
  return new Error(`expectations: ${file}: ${what}`);
}

/** Validates and returns the file's problem in one line, or undefined. */
function check(data: unknown): string | undefined {
  const r = validateWith('expectations', data);
  if (!r.ok) {
    const [first] = r.errors;
    const more = r.errors.length > 1 ? ` (and ${r.errors.length - 1} more problem${r.errors.length > 2 ? 's' : ''})` : '';
    return `${first?.path || '(root)'} ${first?.message ?? 'is invalid'}${more}`;
  }
  const seen = new Set<string>();
  for (const entry of (data as Expectations).expectations) {
    if (seen.has(entry.id)) return `scenario "${entry.id}" is listed twice`;
    seen.add(entry.id);
  }
  return undefined;
}

export async function readExpectations(file: string): Promise<Expectations> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw problem(file, code === 'ENOENT' ? 'file not found' : `cannot read the file (${code ?? String(err)})`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw problem(file, `not valid JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  const bad = check(data);
  if (bad !== undefined) throw problem(file, bad);
  return data as Expectations;
}

/** An expectation file describing this run: every scenario that did not pass, sorted by id. */
export function expectationsFromResult(result: RunResult, reason?: string): Expectations {
  const { product, version, url } = result.run.target;
  const target = product ? `${product}${version ? ` ${version}` : ''}` : url;
  const expectations: ExpectationEntry[] = result.scenarios
    .filter((s): s is typeof s & { outcome: ExpectedOutcome } => s.outcome !== 'pass')
    .map((s) => ({ id: s.id, outcome: s.outcome, reason: reason ?? s.reason ?? s.outcome }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { version: 1, target, expectations };
}

export async function writeExpectations(file: string, exp: Expectations): Promise<void> {
  const bad = check(exp);
  if (bad !== undefined) throw problem(file, bad);
  const sorted: Expectations = {
    ...exp,
    expectations: [...exp.expectations].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
  };
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, JSON.stringify(sorted, null, 2) + '\n', 'utf8');
}
