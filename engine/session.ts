// A session with one target: client, discovery, ledger, fixtures and the generated scenarios.
// Both drivers use it: the CLI's own runner (engine/run.ts) and the vitest suites (suites/).
import type { Leftover } from '../schemas/run-result.ts';
import type { Scenario } from '../scenarios/scenario.ts';
import { generateScenarios } from '../scenarios/generate.ts';
import { createFixtureFactory } from '../fixtures/builders.ts';
import type { TargetConfig } from './config.ts';
import { ScimClient, type ExchangeListener } from './client.ts';
import { SharedPool } from './shared-pool.ts';
import { createRedactor } from './redact.ts';
import { discover, type Discovery } from './discovery.ts';
import { Ledger } from './ledger.ts';
import { budgetSignals, type RunBudget } from './deadline.ts';
import type { RunContext } from './run-context.ts';
import { TargetKnowledge } from './adapt.ts';
import { profileFor } from './profiles.ts';
import { applyProfile, createProfileRuntime } from './profile-runtime.ts';

export interface Session {
  runId: string;
  /** The target's service root after the profile's base path is applied. */
  baseUrl: string;
  seed: number;
  discovery: Discovery;
  scenarios: Scenario[];
  context: RunContext;
  ledger: Ledger;
  /** Deletes what the session created (newest first) and closes the connection pool. */
  close(): Promise<Leftover[]>;
}

export async function openSession(
  config: TargetConfig,
  options: {
    runId: string;
    seed: number;
    ledgerFile?: string;
    signal?: AbortSignal;
    /** The run's deadline, split between scenarios and cleanup (engine/deadline.ts runBudget). */
    budget?: RunBudget;
    onExchange?: ExchangeListener[];
  },
): Promise<Session> {
  const profile = profileFor(config.profile);
  // The profile's base path, endpoints and media type (templateValues filled) make the real target.
  config = applyProfile(config, profile);
  const profileRuntime = createProfileRuntime(profile);
  const client = new ScimClient(config, createRedactor(config));
  for (const listener of options.onExchange ?? []) client.onExchange(listener);
  // At the scenarios' deadline requests under way stop too (reads that keep cleanup complete go on
  // until the cleanup deadline); close() then gives cleanup the time up to its own deadline.
  const deadline = budgetSignals(options.budget);
  client.setRunSignal(deadline?.scenarios, deadline?.cleanup);
  const ledger = new Ledger({ runId: options.runId, ...(options.ledgerFile ? { file: options.ledgerFile } : {}) });
  let discovery: Discovery;
  try {
    discovery = await discover(client, config);
  } catch (e) {
    deadline?.dispose();
    await client.close();
    throw e;
  }
  const scenarios = generateScenarios({ schemas: discovery.schemas, capabilities: discovery.capabilities });
  const context: RunContext = {
    client,
    ledger,
    factory: createFixtureFactory({ seed: options.seed, marker: ledger.marker }),
    capabilities: discovery.capabilities,
    schemas: discovery.schemas,
    schemasAdvertised: discovery.schemasAdvertised === true,
    knowledge: new TargetKnowledge(),
    endpoints: { User: config.endpoints.users, Group: config.endpoints.groups },
    patchOptions: profile.patchOptions,
    auth: config.auth.kind === 'header' ? { kind: 'header', headerName: config.auth.name } : { kind: config.auth.kind },
    shared: new SharedPool(),
    authConfig: config.auth,
    discoveryPaths: { serviceProviderConfig: config.endpoints.serviceProviderConfig, resourceTypes: config.endpoints.resourceTypes, schemas: config.endpoints.schemas },
    ...(config.templates ? { templates: config.templates } : {}),
    ...(config.credentials ? { credentials: config.credentials } : {}),
    ...(profileRuntime ? { profile: profileRuntime } : {}),
    // The runner starts no scenario after this: the rest of the deadline is cleanup's.
    ...(options.budget !== undefined ? { deadline: options.budget.scenariosUntil } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  };
  let closed: Promise<Leftover[]> | undefined;
  return {
    runId: options.runId,
    baseUrl: config.baseUrl,
    seed: options.seed,
    discovery,
    scenarios,
    context,
    ledger,
    close() {
      closed ??= (async () => {
        // Cleanup runs up to its own deadline; what it cannot delete by then is a leftover.
        client.setRunSignal(deadline?.cleanup, deadline?.cleanup);
        try {
          return await ledger.cleanup(client, { concurrency: config.concurrency, ...(deadline ? { signal: deadline.cleanup } : {}) });
        } finally {
          deadline?.dispose();
          await client.close();
        }
      })();
      return closed;
    },
  };
}
