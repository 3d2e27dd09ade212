// JUnit XML for a run that ended before any scenario ran (exit 2: a credential the target rejects,
// an empty selection; exit 3: target unreachable or not a SCIM server): one test case in error that
// says why, so a CI job that publishes junit.xml shows the reason instead of "no test results".
import type { RunResult } from '../schemas/run-result.ts';
import { xmlEscape } from './junit-reporter.ts';

const KIND: Record<2 | 3, string> = { 2: 'usage', 3: 'unreachable' };

export function renderAbortedJunit(result: RunResult): string {
  const { run } = result;
  const aborted = run.aborted;
  if (!aborted) throw new Error('renderAbortedJunit: the result is not an aborted run');
  const time = (run.durationMs / 1000).toFixed(3);
  const name = `${run.suite.name} ${run.target.product ?? run.target.url}`;
  const detail = [
    `exit code: ${aborted.exitCode} (${KIND[aborted.exitCode]})`,
    `target: ${run.target.url}${run.target.embedded ? ' (embedded reference server)' : ''}`,
    `profile: ${run.profile}`,
    ...run.notes.map((n) => `note: ${n}`),
  ].join('\n');
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<testsuites name="${xmlEscape(name)}" tests="1" failures="0" errors="1" skipped="0" time="${time}">\n` +
    `  <testsuite name="run" tests="1" failures="0" errors="1" skipped="0" time="${time}" timestamp="${xmlEscape(run.startedAt.replace(/Z$/, ''))}">\n` +
    `    <testcase name="${xmlEscape(`${run.suite.name} run`)}" classname="run" time="${time}">\n` +
    `      <error message="${xmlEscape(aborted.reason)}" type="${KIND[aborted.exitCode]}">${xmlEscape(detail)}</error>\n` +
    '    </testcase>\n' +
    '  </testsuite>\n' +
    '</testsuites>\n'
  );
}
