import { describe, expect, it } from 'vitest';
import { parseFormat, printRun, summaryJson, type Output, type Printed } from './run-output.ts';
import { decideGate, type GateOptions } from '../engine/gate.ts';
import { resultWith, sampleResult, scenarioWith } from '../fixtures/sample-runs/sample-result.ts';
import { validateWith } from '../schemas/validate.ts';
import { abortedResult } from './aborted-run.ts';
import type { RunResult } from '../schemas/run-result.ts';
import { UserError } from './user-error.ts';

function sink(tty = false): { text: string; isTTY: boolean; write(t: string): void } {
  return {
    text: '',
    isTTY: tty,
    write(t: string) {
      this.text += t;
    },
  };
}

function printed(result: RunResult, options: GateOptions = { strict: false }): Printed {
  return { result, gate: decideGate(result, options), options, dir: '/runs/r1', reports: { json: '/runs/r1/result.json', junit: '/runs/r1/junit.xml' } };
}

function print(p: Printed, format: Output['format'], quiet = false) {
  const stdout = sink();
  const stderr = sink();
  printRun(p, { format, quiet, verbose: false, stdout, stderr });
  return { stdout: stdout.text, stderr: stderr.text };
}

describe('parseFormat', () => {
  it('knows text, json and summary-json, text by default', () => {
    expect(parseFormat(undefined)).toBe('text');
    expect(parseFormat('JSON')).toBe('json');
    expect(parseFormat('summary-json')).toBe('summary-json');
  });
  it('refuses anything else with a usage error naming the formats', () => {
    expect(() => parseFormat('xml')).toThrow(UserError);
    expect(() => parseFormat('xml')).toThrow('--format: "xml" is not one of text, json, summary-json');
  });
});

describe('printRun', () => {
  it('text: summary, gate lines and report paths on stdout, nothing on stderr', () => {
    const { stdout, stderr } = print(printed(sampleResult()), 'text');
    expect(stderr).toBe('');
    expect(stdout).toContain('patch.remove.path-required'); // the console summary names the failures
    expect(stdout).toContain('gate: FAIL (exit 1): 4 unexpected outcome(s)\n');
    expect(stdout).toContain('Reports in /runs/r1/\n  /runs/r1/result.json\n  /runs/r1/junit.xml\n');
  });

  it('json: exactly the result object on stdout, the human text on stderr', () => {
    const result = sampleResult();
    const { stdout, stderr } = print(printed(result), 'json');
    expect(JSON.parse(stdout)).toEqual(result);
    expect(validateWith('run-result', JSON.parse(stdout))).toEqual({ ok: true });
    expect(stderr).toContain('gate: FAIL (exit 1)');
    expect(stderr).toContain('patch.remove.path-required');
  });

  it('summary-json: the compact form on stdout, valid against its schema', () => {
    const { stdout, stderr } = print(printed(sampleResult(), { strict: true }), 'summary-json');
    const s = JSON.parse(stdout) as ReturnType<typeof summaryJson>;
    expect(validateWith('run-summary', s)).toEqual({ ok: true });
    expect(s.gate).toEqual({ verdict: 'FAIL', exitCode: 1, strict: true, line: 'gate: FAIL (exit 1): 5 unexpected outcome(s)' });
    expect(s.summary.total).toBe(sampleResult().summary.total);
    expect(s.failing.map((f) => [f.id, f.outcome])).toContainEqual(['patch.replace.response.returns-resource', 'warn']);
    expect(s.failing.find((f) => f.id === 'patch.bad-path.unknown-attribute')?.reason).toBe('the target answered 500 with an HTML page');
    expect(s.findings.length).toBe(sampleResult().findings.length);
    expect(s.findings.every((f) => typeof f.scenarios === 'number' && f.scenarios > 0)).toBe(true);
    expect(s.run.dir).toBe('/runs/r1');
    expect(stdout).not.toContain('"exchanges"');
    expect(stderr).toContain('gate: FAIL');
  });

  it('summary-json names known outcomes and the verdict of a passing run', () => {
    const r = resultWith([scenarioWith('a', 'pass'), scenarioWith('b', 'fail', { reason: 'bug' })]);
    const options = { strict: false, expectations: { version: 1 as const, target: 'X', expectations: [{ id: 'b', outcome: 'fail' as const, reason: 'vendor bug 7' }] } };
    const s = summaryJson(printed(r, options));
    expect(validateWith('run-summary', s)).toEqual({ ok: true });
    expect(s.gate.verdict).toBe('PASS');
    expect(s.gate.expectations).toEqual({ target: 'X', entries: 1 });
    expect(s.known).toEqual([{ id: 'b', outcome: 'fail', reason: 'vendor bug 7' }]);
    expect(s.failing).toEqual([]);
  });

  it('--quiet: only the verdict line, wherever the human text goes', () => {
    const p = printed(sampleResult());
    expect(print(p, 'text', true)).toEqual({ stdout: 'gate: FAIL (exit 1): 4 unexpected outcome(s)\n', stderr: '' });
    const json = print(p, 'json', true);
    expect(json.stderr).toBe('gate: FAIL (exit 1): 4 unexpected outcome(s)\n');
    expect(JSON.parse(json.stdout)).toEqual(p.result);
  });

  it('an aborted run: where its files are (text), its result or summary on stdout (json formats)', () => {
    const aborted = abortedResult({ runId: 'r1', seed: 1, startedAt: Date.parse('2026-01-01T00:00:00Z'), baseUrl: 'http://127.0.0.1:9/scim', embedded: false, profile: 'rfc7644', concurrency: 8, exitCode: 3, reason: 'target http://127.0.0.1:9 refused the connection' });
    const p = printed(aborted);
    expect(p.gate.exitCode).toBe(3);
    const text = print(p, 'text');
    expect(text.stdout).toBe('The run ended before any scenario ran; its result and a JUnit error case are in /runs/r1/\n  /runs/r1/result.json\n  /runs/r1/junit.xml\n');
    expect(text.stderr).toBe('');
    expect(JSON.parse(print(p, 'json').stdout)).toEqual(aborted);
    const s = JSON.parse(print(p, 'summary-json').stdout) as ReturnType<typeof summaryJson>;
    expect(validateWith('run-summary', s)).toEqual({ ok: true });
    expect(s.gate.verdict).toBe('ABORTED');
    expect(s.aborted).toEqual({ exitCode: 3, reason: 'target http://127.0.0.1:9 refused the connection' });
    expect(print(p, 'text', true)).toEqual({ stdout: '', stderr: '' });
  });

  it('colours the human text only on a terminal and never with NO_COLOR', () => {
    const p = printed(sampleResult());
    const tty = sink(true);
    printRun(p, { format: 'text', quiet: false, verbose: false, stdout: tty, stderr: sink() });
    expect(tty.text).toContain('\u001b[');
    const noColor = sink(true);
    printRun(p, { format: 'text', quiet: false, verbose: false, stdout: noColor, stderr: sink(), noColor: true });
    expect(noColor.text).not.toContain('\u001b[');
    // With --format json the human text goes to stderr: stderr's terminal decides.
    const err = sink(false);
    printRun(p, { format: 'json', quiet: false, verbose: false, stdout: sink(true), stderr: err });
    expect(err.text).not.toContain('\u001b[');
  });
});
