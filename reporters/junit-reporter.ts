// JUnit XML for CI dashboards: one <testsuite> per RFC section, one <testcase> per scenario.
// fail → <failure>, error and blocked → <error>, unsupported → <skipped>, warn → a pass with a note.
import type { RunResult, ScenarioResult } from '../schemas/run-result.ts';
import { compareSections } from './refs.ts';

/**
 * XML 1.0 cannot carry most control characters even escaped, nor lone surrogates or U+FFFE/FFFF:
 * they are dropped, then the five markup characters are escaped.
 */
export function xmlEscape(value: string | number): string {
  return String(value)
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const seconds = (ms: number) => (ms / 1000).toFixed(3);

export function renderJunit(result: RunResult): string {
  const sections = new Map<string, ScenarioResult[]>();
  for (const s of result.scenarios) sections.set(s.section, [...(sections.get(s.section) ?? []), s]);

  const totals = { tests: 0, failures: 0, errors: 0, skipped: 0 };
  const suites: string[] = [];
  for (const [section, list] of [...sections.entries()].sort(([a], [b]) => compareSections(a, b))) {
    const failures = list.filter((s) => s.outcome === 'fail').length;
    const errors = list.filter((s) => s.outcome === 'error' || s.outcome === 'blocked').length;
    const skipped = list.filter((s) => s.outcome === 'unsupported').length;
    const time = list.reduce((t, s) => t + s.durationMs, 0);
    totals.tests += list.length;
    totals.failures += failures;
    totals.errors += errors;
    totals.skipped += skipped;
    suites.push(
      `  <testsuite name="${xmlEscape(section)}" tests="${list.length}" failures="${failures}" errors="${errors}" skipped="${skipped}" time="${seconds(time)}" timestamp="${xmlEscape(result.run.startedAt.replace(/Z$/, ''))}">\n` +
        list.map((s) => testcase(s, section)).join('\n') +
        '\n  </testsuite>',
    );
  }
  const { run } = result;
  const name = `${run.suite.name} ${run.target.product ?? run.target.url}`;
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<testsuites name="${xmlEscape(name)}" tests="${totals.tests}" failures="${totals.failures}" errors="${totals.errors}" skipped="${totals.skipped}" time="${seconds(run.durationMs)}">\n` +
    suites.join('\n') +
    '\n</testsuites>\n'
  );
}

function testcase(s: ScenarioResult, section: string): string {
  const open = `    <testcase name="${xmlEscape(s.id)}" classname="${xmlEscape(section)}" time="${seconds(s.durationMs)}"`;
  const reason = s.reason ?? s.outcome;
  const body = detailText(s);
  switch (s.outcome) {
    case 'pass':
      return `${open}/>`;
    case 'warn':
      return `${open}>\n      <system-out>${xmlEscape(`warn [${s.level}]: ${reason}\n${body}`)}</system-out>\n    </testcase>`;
    case 'unsupported':
      return `${open}>\n      <skipped message="${xmlEscape(`unsupported: ${reason}`)}"/>\n    </testcase>`;
    case 'fail':
      return `${open}>\n      <failure message="${xmlEscape(reason)}" type="${xmlEscape(s.level)}">${xmlEscape(body)}</failure>\n    </testcase>`;
    case 'error':
    case 'blocked':
      return `${open}>\n      <error message="${xmlEscape(reason)}" type="${s.outcome}">${xmlEscape(body)}</error>\n    </testcase>`;
  }
}

function detailText(s: ScenarioResult): string {
  const lines = [`level: ${s.level}`, `title: ${s.title}`];
  if (s.expected !== undefined) lines.push(`expected: ${s.expected}`);
  if (s.actual !== undefined) lines.push(`actual: ${s.actual}`);
  if (s.refs.length > 0) lines.push(`refs: ${s.refs.join(', ')}`);
  if (s.curl !== undefined) lines.push(`reproduce: ${s.curl}`);
  return lines.join('\n');
}
