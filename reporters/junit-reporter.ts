// JUnit XML for CI dashboards: one <testsuite> per RFC section, one <testcase> per scenario.
// fail → <failure>, error and blocked → <error>, unsupported → <skipped>, warn → a pass with a note.
// Every problem's message names its finding; each suite lists the findings of its cases as
// properties, and a first, test-less suite "findings" carries the gate verdict and the whole
// list of distinct problems in its <system-out>. Scenarios that never ran are a count there.
import type { RunResult, ScenarioResult } from '../schemas/run-result.ts';
import type { FindingsView, ProblemView } from './findings-view.ts';
import { findingsView, notRunLine, problemsHeadline, reachText } from './findings-view.ts';
import type { GivenGate } from './gate-verdict.ts';
import { gateView } from './gate-verdict.ts';
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

export interface JunitOptions {
  gate?: GivenGate;
}

export function renderJunit(result: RunResult, options: JunitOptions = {}): string {
  return [...junitChunks(result, options)].join('');
}

/** The document in pieces (one test case at a time), for writing a long run's file without one big string. */
export function* junitChunks(result: RunResult, options: JunitOptions = {}): Generator<string> {
  const view = findingsView(result);
  const sections = new Map<string, ScenarioResult[]>();
  for (const s of result.scenarios) {
    const list = sections.get(s.section);
    if (list) list.push(s);
    else sections.set(s.section, [s]);
  }
  const count = (list: ScenarioResult[]) => ({
    tests: list.length,
    failures: list.filter((s) => s.outcome === 'fail').length,
    errors: list.filter((s) => s.outcome === 'error' || s.outcome === 'blocked').length,
    skipped: list.filter((s) => s.outcome === 'unsupported').length,
  });
  const totals = count(result.scenarios);
  const { run } = result;
  const name = `${run.suite.name} ${run.target.product ?? run.target.url}`;
  yield '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<testsuites name="${xmlEscape(name)}" tests="${totals.tests}" failures="${totals.failures}" errors="${totals.errors}" skipped="${totals.skipped}" time="${seconds(run.durationMs)}">\n`;
  yield findingsSuite(result, view, options.gate);
  for (const [section, list] of [...sections.entries()].sort(([a], [b]) => compareSections(a, b))) {
    const c = count(list);
    const time = list.reduce((t, s) => t + s.durationMs, 0);
    yield '\n' +
      `  <testsuite name="${xmlEscape(section)}" tests="${c.tests}" failures="${c.failures}" errors="${c.errors}" skipped="${c.skipped}" time="${seconds(time)}" timestamp="${xmlEscape(result.run.startedAt.replace(/Z$/, ''))}">\n` +
      suiteProperties(list, view);
    for (const [i, s] of list.entries()) yield `${i === 0 ? '' : '\n'}${testcase(s, section, view)}`;
    yield '\n  </testsuite>';
  }
  yield '\n</testsuites>\n';
}

function findingName(p: ProblemView): string {
  return p.ungrouped ? `#${p.number} (not grouped)` : `#${p.number} ${p.key}: ${p.title}`;
}

/** The findings of a suite's cases, as properties (none for a suite without problems). */
function suiteProperties(list: ScenarioResult[], view: FindingsView): string {
  const seen = new Set<ProblemView>();
  for (const s of list) {
    const p = view.byScenario.get(s.id);
    if (p) seen.add(p);
  }
  if (seen.size === 0) return '';
  const props = [...seen].map((p) => `      <property name="finding" value="${xmlEscape(`${findingName(p)} (${p.outcome}, ${p.level}, ${reachText(p)})`)}"/>`);
  return `    <properties>\n${props.join('\n')}\n    </properties>\n`;
}

/** A suite without tests that carries the gate verdict, the not-run count and every finding. */
function findingsSuite(result: RunResult, view: FindingsView, given: GivenGate | undefined): string {
  const gate = gateView(result, given);
  const notRun = notRunLine(result);
  const props = [
    `      <property name="gate" value="${xmlEscape(`${gate.headline}: ${gate.detail}`)}"/>`,
    `      <property name="distinct-problems" value="${view.problems.length}"/>`,
    ...(notRun ? [`      <property name="not-run" value="${xmlEscape(notRun)}"/>`] : []),
  ];
  const lines = [gate.headline, gate.detail, ...(notRun ? [notRun] : []), '', `${problemsHeadline(view)}${view.problems.length > 0 ? ':' : '.'}`];
  for (const p of view.problems) {
    lines.push(`${findingName(p)}`, `    ${p.outcome}, ${p.level}, ${reachText(p)}; example ${p.example.scenario}${p.refs.length > 0 ? `; refs ${p.refs.join(', ')}` : ''}`);
    if (p.hint !== undefined) lines.push(`    set-up: add to the config file (--config): ${p.hint.replace(/\s+/g, ' ')}`);
  }
  return (
    `  <testsuite name="findings" tests="0" failures="0" errors="0" skipped="0" time="0.000" timestamp="${xmlEscape(result.run.startedAt.replace(/Z$/, ''))}">\n` +
    `    <properties>\n${props.join('\n')}\n    </properties>\n` +
    `    <system-out>${xmlEscape(lines.join('\n'))}</system-out>\n` +
    '  </testsuite>'
  );
}

function testcase(s: ScenarioResult, section: string, view: FindingsView): string {
  const open = `    <testcase name="${xmlEscape(s.id)}" classname="${xmlEscape(section)}" time="${seconds(s.durationMs)}"`;
  const p = view.byScenario.get(s.id);
  const reason = `${s.reason ?? s.outcome}${p && !p.ungrouped ? ` [finding ${findingName(p)}]` : ''}`;
  const body = detailText(s, p);
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

function detailText(s: ScenarioResult, p: ProblemView | undefined): string {
  const lines = [`level: ${s.level}`, `title: ${s.title}`];
  if (p) lines.push(`finding: ${findingName(p)} (${reachText(p)}; example ${p.example.scenario})`);
  if (s.expected !== undefined) lines.push(`expected: ${s.expected}`);
  if (s.actual !== undefined) lines.push(`actual: ${s.actual}`);
  if (s.refs.length > 0) lines.push(`refs: ${s.refs.join(', ')}`);
  if (s.curl !== undefined) lines.push(`reproduce: ${s.curl}`);
  return lines.join('\n');
}
