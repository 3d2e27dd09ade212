// Observes every exchange of a run and applies the cross-cutting checks (response-checks.ts) to it.
// After the run each check becomes one scenario result: pass when every response it applied to
// held, else fail or warn (by the check's level) with the count of responses that broke it and the
// first of them as the example (first in the order of the selection, not of arrival: concurrent
// scenarios finish in any order, and the example stays the same from run to run); its finding is
// the check's own, whatever scenario saw it.
import type { Exchange, ScenarioResult } from '../../schemas/run-result.ts';
import { CHECKS, type CheckId } from '../../scenarios/checks.ts';
import type { Scenario } from '../../scenarios/scenario.ts';
import type { ExchangeListener } from '../client.ts';
import { findingKey, type FindingExtras } from '../findings.ts';
import { labelOf } from '../request-log.ts';
import { sectionOf } from '../section.ts';
import { addressed, RESPONSE_CHECKS, type CheckEnv, type ResponseView } from './response-checks.ts';

/** Exchanges the checks look at: the scenarios' own requests and reads, not discovery or cleanup. */
const OBSERVED_PURPOSES = new Set(['setup', 'patch', 'verify']);

/** The finding of a check: returned-never is shared with the scenarios that assert it directly. */
export function checkFindingKey(id: CheckId): string {
  return id === 'returned-never' ? 'returned-never' : findingKey('check', id);
}

interface Tally {
  checked: number;
  broken: number;
  first?: { scenario: string; rank: number; problem: string; exchange: Exchange };
}

export class CheckObserver {
  readonly #env: CheckEnv;
  readonly #tallies = new Map<CheckId, Tally>();
  #rank = new Map<string, number>();

  constructor(env: CheckEnv) {
    this.#env = env;
    for (const c of CHECKS) this.#tallies.set(c.id, { checked: 0, broken: 0 });
  }

  readonly listener: ExchangeListener = (exchange, group, _elapsedMs, parsed) => {
    if (!OBSERVED_PURPOSES.has(exchange.purpose) || exchange.status === undefined || exchange.truncated) return;
    this.observe(exchange, labelOf(group) ?? '(unlabelled)', parsed);
  };

  /**
   * The selection's scenario ids, in order: the example of a broken check is the response of the
   * earliest of them (exchanges of no selected scenario, such as the set-up probe, come first).
   */
  order(ids: readonly string[]): void {
    this.#rank = new Map(ids.map((id, i) => [id, i]));
  }

  /** `parsed`: the response body already parsed by the client (not parsed again here). */
  observe(exchange: Exchange, scenario: string, parsed?: { json: unknown }): void {
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(exchange.responseHeaders ?? {})) headers[k.toLowerCase()] = v;
    const json = parsed ? parsed.json : parse(exchange.responseBody);
    const view: ResponseView = { method: exchange.method, url: exchange.url, status: exchange.status ?? 0, headers, json };
    const at = addressed(view, this.#env);
    for (const c of CHECKS) {
      const verdict = RESPONSE_CHECKS[c.id](view, this.#env, at);
      if (verdict === undefined) continue;
      const tally = this.#tallies.get(c.id)!;
      tally.checked += 1;
      if (verdict === null) continue;
      tally.broken += 1;
      // Within one scenario exchanges come one after the other: the first one seen stays.
      const rank = this.#rank.get(scenario) ?? -1;
      if (tally.first === undefined || rank < tally.first.rank) tally.first = { scenario, rank, problem: verdict, exchange };
    }
  }

  /** One result per selected check scenario, and the response counts of their findings. */
  results(checks: readonly Scenario[]): { results: ScenarioResult[]; extras: Map<string, FindingExtras> } {
    const results: ScenarioResult[] = [];
    const extras = new Map<string, FindingExtras>();
    for (const s of checks) {
      const id = s.check as CheckId;
      const tally = this.#tallies.get(id);
      const base = { id: s.id, title: s.title, family: s.family, level: s.level, refs: s.refs, section: sectionOf(s.refs), durationMs: 0 };
      if (!tally || tally.checked === 0) {
        results.push({ ...base, outcome: 'unsupported', reason: 'no response of the run was of the kind this check applies to' });
        continue;
      }
      if (!tally.first) {
        results.push({ ...base, outcome: 'pass' });
        continue;
      }
      const key = checkFindingKey(id);
      const strict = s.level === 'MUST' || s.level === 'DERIVED';
      const { exchange, scenario, problem } = tally.first;
      results.push({
        ...base,
        outcome: strict ? 'fail' : 'warn',
        reason: `${tally.broken} of ${tally.checked} responses: ${problem} (first in ${scenario}: ${exchange.method} ${pathOf(exchange.url)} -> ${exchange.status})`,
        expected: s.title,
        actual: problem,
        exchanges: [exchange],
        finding: key,
      });
      extras.set(key, { responses: { broken: tally.broken, checked: tally.checked } });
    }
    return { results, extras };
  }
}

function parse(body: string | undefined): unknown {
  if (body === undefined || body.trim() === '') return undefined;
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

function pathOf(url: string): string {
  try {
    const u = new URL(url);
    return `${u.pathname}${u.search}`;
  } catch {
    return url;
  }
}

export type { CheckEnv } from './response-checks.ts';
