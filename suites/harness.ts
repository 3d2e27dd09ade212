// The thin loop shared by the suite files: one vitest test per scenario of a family, named by its
// scenario id, executed by the engine's runner. Allure labels come from the scenario's data.
import { afterAll, describe, inject, it } from 'vitest';
import * as allure from 'allure-js-commons';
import { loadConfig, type TargetConfig } from '../engine/config.ts';
import { executeRun } from '../engine/run.ts';
import { openSession, type Session } from '../engine/session.ts';
import { newRunId } from '../engine/run.ts';
import { runScenario } from '../engine/runner.ts';
import { refLink } from '../reporters/refs.ts';
import type { Scenario } from '../scenarios/scenario.ts';
import type { ScenarioResult } from '../schemas/run-result.ts';

let sessionPromise: Promise<Session> | undefined;

function session(): Promise<Session> {
  sessionPromise ??= (async () => openSession(await suiteConfig(), { runId: newRunId(), seed: Number(process.env['SCIM_SEED'] ?? 1) }))();
  return sessionPromise;
}

/** The target of the suites: the embedded server of the global set-up, or the environment's. */
async function suiteConfig(): Promise<TargetConfig> {
  const embedded = inject('embeddedTarget');
  const loaded = loadConfig(
    embedded
      ? { env: { SCIM_BASE_URL: embedded.url, SCIM_TOKEN: embedded.token, SCIM_OUT_DIR: process.env['SCIM_OUT_DIR'] ?? 'runs' } }
      : { env: process.env, ...(process.env['SCIM_CONFIG'] ? { file: process.env['SCIM_CONFIG'] } : {}) },
  );
  // The embedded server's limited and other-tenant tokens, so the security family runs in full.
  return embedded?.limited && embedded.otherTenant
    ? { ...loaded, credentials: { limited: { kind: 'bearer' as const, token: embedded.limited }, otherTenant: { kind: 'bearer' as const, token: embedded.otherTenant } } }
    : loaded;
}

const SEVERITY: Record<Scenario['level'], string> = {
  MUST: 'critical',
  DERIVED: 'critical',
  AMBIG: 'normal',
  SHOULD: 'normal',
  INTEROP: 'minor',
  MAY: 'trivial',
};

async function label(scenario: Scenario, result: ScenarioResult): Promise<void> {
  await allure.epic(result.section.split(' ')[0] ?? 'RFC');
  await allure.feature(result.section);
  await allure.story(scenario.family);
  await allure.severity(SEVERITY[scenario.level]);
  await allure.tags(scenario.level, scenario.family);
  await allure.description(scenario.title);
  for (const ref of scenario.refs) {
    const link = refLink(ref);
    if (link.href) await allure.link(link.href, ref);
  }
  if (result.exchanges?.length) {
    await allure.attachment('exchanges.json', JSON.stringify(result.exchanges, null, 2), { contentType: 'application/json' });
  }
  if (result.curl) await allure.attachment('reproduce.sh', result.curl, { contentType: 'text/plain' });
}

/** Declares the tests of one family. Call at the top level of a suite file. */
export async function defineFamily(family: string): Promise<void> {
  const s = await session();
  const scenarios = s.scenarios.filter((x) => x.family === family);
  describe.concurrent(family, () => {
    afterAll(async () => {
      await s.close();
    });
    for (const scenario of scenarios) {
      it(scenario.id, async ({ skip }) => {
        const result = await runScenario(s.context, scenario);
        await label(scenario, result);
        if (result.outcome === 'unsupported') skip(result.reason);
        if (result.outcome === 'fail' || result.outcome === 'error' || result.outcome === 'blocked') {
          throw new Error(`${result.outcome}: ${result.reason ?? ''}${result.actual ? `\nactual: ${result.actual}` : ''}`);
        }
      });
    }
  });
}

/**
 * The cross-cutting checks (family `checks`) judge every exchange of a run, not one request: their
 * suite runs the whole selection once and declares one test per check with the outcome it got.
 */
export async function defineChecks(): Promise<void> {
  const config = await suiteConfig();
  const result = await executeRun(config, { embedded: false, seed: Number(process.env['SCIM_SEED'] ?? 1) });
  const checks = result.scenarios.filter((r) => r.family === 'checks');
  const byId = new Map((await session()).scenarios.filter((x) => x.family === 'checks').map((x) => [x.id, x]));
  describe('checks', () => {
    for (const r of checks) {
      it(r.id, async ({ skip }) => {
        const scenario = byId.get(r.id);
        if (scenario) await label(scenario, r);
        if (r.outcome === 'unsupported') skip(r.reason);
        if (r.outcome === 'fail' || r.outcome === 'error' || r.outcome === 'blocked') throw new Error(`${r.outcome}: ${r.reason ?? ''}`);
      });
    }
  });
}
