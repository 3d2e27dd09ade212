// `--deadline N` is the whole run, cleanup included: scenarios stop early enough to leave cleanup its
// share (engine/deadline.ts), and when cleanup cannot finish the run still ends by the deadline,
// lists what is left in result.json and prints the exact `cleanup` command, which then finishes it.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, type RunningServer } from '../server/index.ts';
import { runBudget } from '../engine/deadline.ts';
import type { Exchange, RunResult } from '../schemas/run-result.ts';
import { startHostileServer, type FaultRule, type HostileServer } from './hostile-server.ts';
import { cli, onlyRun, readResult, resourcesOn, STACK_TRACE, type Ran, scratch } from './cli-process.ts';

const TOKEN = 'deadline-test-token-c41f0b7e';
const space = scratch('scim-deadline-');

interface DeadlineRun {
  ran: Ran;
  result: RunResult;
  server: RunningServer;
  proxy: HostileServer;
  out: string;
}

async function runWithDeadline(name: string, rules: FaultRule[], seconds: number, args: string[]): Promise<DeadlineRun> {
  const server = await startServer({ tokens: { admin: TOKEN } }, { host: '127.0.0.1', port: 0 });
  const proxy = await startHostileServer(server.url, rules, { seed: 11 });
  space.keep(proxy, server);
  const out = join(space.root, name);
  // The helper kills the command if it runs 30 s: far less than what the faults below would take
  // without the deadline (a minute per hanging DELETE, minutes of Retry-After waits).
  const ran = await cli(['run', '--target', proxy.url, '--token', TOKEN, '--seed', '5', '--out-dir', out, '--deadline', String(seconds), '-q', ...args], {}, 30_000);
  return { ran, result: readResult(onlyRun(out)), server, proxy, out };
}

/** The `scim-conformance cleanup ...` line the run printed, as arguments (without the program name). */
function printedCleanup(stderr: string): string[] | undefined {
  const line = stderr.split('\n').find((l) => l.trim().startsWith('scim-conformance cleanup '));
  return line?.trim().split(' ').slice(1);
}

describe('--deadline with a cleanup that cannot finish', () => {
  it('ends by the deadline, lists what is left and prints the exact cleanup command, which then deletes it', async () => {
    // Cleanup's DELETEs hang (the timeout is a minute) until the test lets them through. The first
    // DELETE is the run's probe before the scenarios (engine/stages/probe.ts); the family has no other.
    const rules: FaultRule[] = [{ method: 'DELETE', after: 1, fault: { kind: 'hang' } }];
    // 10 s: scenarios until 5 s (room for the run's start on a busy machine), cleanup until 9.5 s.
    const d = await runWithDeadline('cut-cleanup', rules, 10, ['--family', 'replace', '--timeout-ms', '60000']);
    expect(d.ran.stderr + d.ran.stdout).not.toMatch(STACK_TRACE);
    expect([0, 1]).toContain(d.ran.code);
    expect(d.result.run.durationMs).toBeLessThanOrEqual(10_000);
    // The scenarios themselves ran (the deadline left them time), then cleanup was cut.
    expect(d.result.summary.pass).toBeGreaterThan(0);
    const left = d.result.leftovers;
    expect(left.length).toBeGreaterThan(0);
    expect(left.length).toBe(resourcesOn(d.server));
    for (const l of left) expect(l.reason).toMatch(/^deadline: (the run reached its deadline during DELETE \/(Users|Groups)\/\S+|not deleted, the run's deadline came before cleanup reached it)$/);
    expect(d.result.run.notes).toContain(`cleanup stopped at the deadline with ${left.length} resource(s) not deleted (see leftovers); finish it with: scim-conformance cleanup --run ${d.result.run.id}`);

    const args = printedCleanup(d.ran.stderr);
    expect(d.ran.stderr).toContain(`cleanup stopped at the deadline: ${left.length} resource(s) this run created are still on the target`);
    expect(args).toEqual(['cleanup', '--run', d.result.run.id, '--target', d.proxy.url, '--out-dir', d.out]);
    expect(d.ran.stderr + d.ran.stdout).not.toContain(TOKEN);

    rules.splice(0);
    const cleaned = await cli([...args!, '--token', TOKEN], {}, 30_000);
    expect(cleaned.code, cleaned.stderr + cleaned.stdout).toBe(0);
    expect(cleaned.stdout).toContain(`Deleted ${left.length} of ${left.length} resources.`);
    expect(resourcesOn(d.server)).toBe(0);
  });
});

describe('--deadline against a target that answers 429 to every third request', () => {
  it('stops starting scenarios in time, ends by the deadline and accounts for everything it created', async () => {
    // The whole suite with a 1 s Retry-After on every third request would take many minutes.
    const d = await runWithDeadline('every-third', [{ every: 3, fault: { kind: 'throttle', seconds: 1 } }], 8, []);
    expect(d.ran.stderr + d.ran.stdout).not.toMatch(STACK_TRACE);
    expect([0, 1]).toContain(d.ran.code);
    expect(d.result.run.durationMs).toBeLessThanOrEqual(8000);
    // Scenarios stopped at their share of the deadline (the rest never started); cleanup came after.
    const budget = runBudget(Date.parse(d.result.run.startedAt), 8000);
    expect(d.result.notRun?.count).toBeGreaterThan(0);
    const log = readFileSync(join(onlyRun(d.out), 'exchanges.ndjson'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Exchange);
    const answered = (purpose: RegExp) => log.filter((e) => purpose.test(e.purpose) && e.status !== undefined).map((e) => Date.parse(e.startedAt));
    // (A timer may fire a little late on a busy machine: 250 ms of slack.)
    expect(Math.max(...answered(/^(setup|patch|verify)/))).toBeLessThanOrEqual(budget.scenariosUntil + 250);
    // Cleanup came after the scenarios' last write (read-backs of a lost answer may still run beside it).
    expect(Math.max(...answered(/^cleanup/))).toBeGreaterThanOrEqual(Math.max(...answered(/^(setup|patch)/)));
    // What is still on the target is exactly what result.json lists, and the command to finish it was printed.
    expect(resourcesOn(d.server)).toBe(d.result.leftovers.length);
    if (d.result.leftovers.length > 0) expect(printedCleanup(d.ran.stderr)?.slice(0, 3)).toEqual(['cleanup', '--run', d.result.run.id]);
  });
});
