import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it, expect } from 'vitest';
import { sampleResult } from '../fixtures/sample-runs/sample-result.ts';
import { decideGate } from './gate.ts';
import { expectationsFromResult, readExpectations, writeExpectations } from './expectations.ts';
import type { Expectations } from './expectations.ts';

let tmp = '';
beforeEach(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'scim-exp-'));
});
afterEach(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('expectationsFromResult', () => {
  it('lists every non-pass outcome, sorted by id, with the scenario reasons', () => {
    const exp = expectationsFromResult(sampleResult());
    expect(exp.version).toBe(1);
    expect(exp.target).toBe('ExampleIdM 4.2.1');
    expect(exp.expectations.map((e) => [e.id, e.outcome])).toEqual([
      ['patch.add.group.member', 'blocked'],
      ['patch.bad-path.unknown-attribute', 'error'],
      ['patch.etag.if-match-stale', 'unsupported'],
      ['patch.remove.path-required', 'fail'],
      ['patch.remove.value-path.no-match', 'warn'],
      ['patch.replace.response.returns-resource', 'warn'],
      ['patch.replace.value-path.sub-attribute', 'fail'],
    ]);
    expect(exp.expectations.find((e) => e.id === 'patch.remove.path-required')?.reason).toBe(
      'remove without path answered 200 instead of 400 noTarget',
    );
  });

  it('uses the given reason for all, and the URL when the product is unknown', () => {
    const r = sampleResult();
    delete r.run.target.product;
    const exp = expectationsFromResult(r, 'baseline 2025-11');
    expect(exp.target).toBe('https://scim.example.test/scim/v2');
    expect(new Set(exp.expectations.map((e) => e.reason))).toEqual(new Set(['baseline 2025-11']));
  });

  it('makes the gate pass on the same run, even strict', () => {
    const r = sampleResult();
    expect(decideGate(r, { strict: true, expectations: expectationsFromResult(r) }).exitCode).toBe(0);
  });
});

describe('writeExpectations / readExpectations', () => {
  it('round-trips through a file (in a new directory)', async () => {
    const file = join(tmp, 'ci', 'example.expectations.json');
    const exp = expectationsFromResult(sampleResult());
    await writeExpectations(file, exp);
    expect(await readExpectations(file)).toEqual(exp);
    expect((await readFile(file, 'utf8')).endsWith('}\n')).toBe(true);
  });

  it('refuses to write an invalid file', async () => {
    const bad = { version: 1, target: 't', expectations: [{ id: 'a', outcome: 'pass', reason: '' }] } as unknown as Expectations;
    await expect(writeExpectations(join(tmp, 'x.json'), bad)).rejects.toThrow(/^expectations: .*x\.json: expectations\[0\]\.outcome must be one of/);
  });

  const cases: Array<[string, string, RegExp]> = [
    ['not JSON', '{ "version": 1, ', /not valid JSON/],
    ['wrong version', JSON.stringify({ version: 2, target: 't', expectations: [] }), /: version must be 1$/],
    ['missing reason', JSON.stringify({ version: 1, target: 't', expectations: [{ id: 'a', outcome: 'fail' }] }), /: expectations\[0\]\.reason is required$/],
    ['pass listed', JSON.stringify({ version: 1, target: 't', expectations: [{ id: 'a', outcome: 'pass', reason: '' }] }), /expectations\[0\]\.outcome must be one of "fail", "warn", "unsupported", "blocked", "error"/],
    ['unknown field', JSON.stringify({ version: 1, target: 't', expectations: [], extra: 1 }), /: extra is not an allowed property$/],
    ['duplicate id', JSON.stringify({ version: 1, target: 't', expectations: [{ id: 'a', outcome: 'fail', reason: '' }, { id: 'a', outcome: 'warn', reason: '' }] }), /: scenario "a" is listed twice$/],
  ];
  it.each(cases)('reports a bad file in one line: %s', async (_name, content, message) => {
    const file = join(tmp, 'bad.json');
    await writeFile(file, content);
    const err = await readExpectations(file).then(() => undefined, (e: unknown) => e as Error);
    expect(err?.message).toMatch(message);
    expect(err?.message.startsWith(`expectations: ${file}: `)).toBe(true);
    expect(err?.message).not.toContain('\n');
  });

  it('reports a missing file', async () => {
    const file = join(tmp, 'nope.json');
    await expect(readExpectations(file)).rejects.toThrow(`expectations: ${file}: file not found`);
  });
});
