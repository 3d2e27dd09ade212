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
import { deadlineSignal } from './deadline.ts';
import type { RunContext } from './runner.ts';
import { profileFor } from './profiles.ts';
import { applyProfile, createProfileRuntime } from './profile-runtime.ts';

export interface Session {
  runId: string;
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
  options: { runId: string; seed: number; ledgerFile?: string; signal?: AbortSignal; deadline?: number; onExchange?: ExchangeListener[] },
): Promise<Session> {
  const profile = profileFor(config.profile);
  // The profile's base path, endpoints and media type (templateValues filled) make the real target.
  config = applyProfile(config, profile);
  const profileRuntime = createProfileRuntime(profile);
  const client = new ScimClient(config, createRedactor(config));
  for (const listener of options.onExchange ?? []) client.onExchange(listener);
  // At the deadline requests under way stop too; close() detaches it so that cleanup still runs.
  const deadline = deadlineSignal(options.deadline);
  client.setRunSignal(deadline?.signal);
  const ledger = new Ledger({ runId: options.runId, ...(options.ledgerFile ? { file: options.ledgerFile } : {}) });
  let discovery: Discovery;
  try {
    discovery = await discover(client, config);
  } catch (e) {
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
    endpoints: { User: config.endpoints.users, Group: config.endpoints.groups },
    patchOptions: profile.patchOptions,
    auth: config.auth.kind === 'header' ? { kind: 'header', headerName: config.auth.name } : { kind: config.auth.kind },
    shared: new SharedPool(),
    authConfig: config.auth,
    discoveryPaths: { serviceProviderConfig: config.endpoints.serviceProviderConfig, resourceTypes: config.endpoints.resourceTypes, schemas: config.endpoints.schemas },
    ...(config.templates ? { templates: config.templates } : {}),
    ...(config.credentials ? { credentials: config.credentials } : {}),
    ...(profileRuntime ? { profile: profileRuntime } : {}),
    ...(options.deadline !== undefined ? { deadline: options.deadline } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  };
  let closed: Promise<Leftover[]> | undefined;
  return {
    runId: options.runId,
    seed: options.seed,
    discovery,
    scenarios,
    context,
    ledger,
    close() {
      closed ??= (async () => {
        deadline?.dispose();
        client.setRunSignal(undefined);
        try {
          return await ledger.cleanup(client, { concurrency: config.concurrency });
        } finally {
          await client.close();
        }
      })();
      return closed;
    },
  };
}
