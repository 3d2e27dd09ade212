// Executes scenarios against a target: set-up (POST the starting state), the PATCH, one
// verifying GET, then judging against the expectation and the oracle. Cleanup is the ledger's.
import { randomUUID } from 'node:crypto';
import { applyPatch, parsePatchRequest, PatchError, type PatchOptions } from '../patch/index.ts';
import type { Capabilities, Exchange, ScenarioResult } from '../schemas/run-result.ts';
import type { ResourceSchema, ScimResource } from '../schemas/scim-schema.ts';
import type { Capability, RawBody, ResourceKind, Scenario } from '../scenarios/scenario.ts';
import { resolvePlaceholders } from '../scenarios/resolve-placeholders.ts';
import { getState } from '../fixtures/states.ts';
import type { FixtureFactory } from '../fixtures/builders.ts';
import type { ScimClient, ScimResponse } from './client.ts';
import { TargetError } from './target-error.ts';
import type { Ledger } from './ledger.ts';
import { checkExpectation, clip, describeAnswer, isObject, type Observation, type ObservedResponse } from './judge.ts';
import { toCurl, type CurlAuth } from './curl.ts';
import { sectionOf } from './section.ts';

export interface RunContext {
  client: ScimClient;
  ledger: Ledger;
  factory: FixtureFactory;
  capabilities: Capabilities;
  schemas: { User: ResourceSchema; Group?: ResourceSchema };
  endpoints: { User: string; Group: string };
  /** Semantics the oracle applies for this target's profile. */
  patchOptions: PatchOptions;
  auth: { kind: CurlAuth; headerName?: string };
  /** Epoch ms after which no new scenario starts. */
  deadline?: number;
  /** Set when the run is being interrupted (Ctrl-C): scenarios not started become errors. */
  signal?: AbortSignal;
}

const CAPABILITY_WHY: Record<Capability, string> = {
  patch: 'PATCH (ServiceProviderConfig patch.supported is false)',
  etag: 'ETags (ServiceProviderConfig etag.supported is false)',
  filter: 'filtering (ServiceProviderConfig filter.supported is false)',
  bulk: 'bulk operations (ServiceProviderConfig bulk.supported is false)',
  sort: 'sorting (ServiceProviderConfig sort.supported is false)',
  changePassword: 'password changes (ServiceProviderConfig changePassword.supported is false)',
  groups: 'a Group resource type (/ResourceTypes lists none)',
  enterpriseUser: 'the enterprise User extension (the User resource type does not list it)',
};

/** Thrown inside a scenario when the starting state cannot be set up. */
class Blocked extends Error {}

export async function runScenario(ctx: RunContext, scenario: Scenario): Promise<ScenarioResult> {
  const started = performance.now();
  const exchanges: Exchange[] = [];
  const base = {
    id: scenario.id,
    title: scenario.title,
    family: scenario.family,
    level: scenario.level,
    refs: scenario.refs,
    section: sectionOf(scenario.refs),
  };
  const finish = (rest: Omit<ScenarioResult, keyof typeof base | 'durationMs'>): ScenarioResult => {
    const result: ScenarioResult = { ...base, ...rest, durationMs: Math.round(performance.now() - started) };
    if (result.outcome !== 'pass' && result.outcome !== 'unsupported') {
      result.exchanges = exchanges;
      const patch = exchanges.find((e) => e.purpose === 'patch');
      if (patch) result.curl = toCurl(patch, ctx.auth);
    }
    return result;
  };

  const missing = scenario.requires.find((c) => !ctx.capabilities[c]);
  if (missing) {
    return finish({ outcome: 'unsupported', capability: missing, reason: `needs ${CAPABILITY_WHY[missing]}` });
  }
  if (ctx.signal?.aborted) return finish({ outcome: 'error', reason: 'run interrupted before this scenario started' });
  if (ctx.deadline !== undefined && Date.now() > ctx.deadline) return finish({ outcome: 'error', reason: 'deadline: the run passed its deadline before this scenario started' });

  const schema = ctx.schemas[scenario.resource];
  if (!schema) return finish({ outcome: 'unsupported', capability: 'groups', reason: `needs ${CAPABILITY_WHY.groups}` });

  try {
    const setup = await setUp(ctx, scenario, exchanges);
    const created = setup.resources;
    const { id: targetId, before, etag } = await resolveTarget(ctx, scenario, setup, exchanges);
    const path = `${ctx.endpoints[scenario.resource]}/${encodeURIComponent(targetId)}`;

    const request = scenario.request;
    const raw = isRaw(request.body) ? request.body.raw : undefined;
    const body = raw === undefined ? resolvePlaceholders(request.body, created) : undefined;
    const headers: Record<string, string> = {};
    if (request.ifMatch) headers['If-Match'] = ifMatchValue(request.ifMatch, before, etag);

    const patch = await ctx.client.request('PATCH', path, {
      purpose: 'patch',
      ...(raw !== undefined ? { rawBody: raw } : { body }),
      ...(request.contentType ? { contentType: request.contentType } : {}),
      ...(request.query ? { query: request.query } : {}),
      headers,
      exchanges,
    });

    const expectsClientError = scenario.expect.kind === 'error' && scenario.expect.status.every((s) => s < 500);
    if (patch.status >= 500 && !expectsClientError) {
      return finish({ outcome: 'error', reason: `the target failed the PATCH: ${describeAnswer(observed(patch))}` });
    }

    const after = before ? observed(await ctx.client.request('GET', path, { purpose: 'verify', exchanges })) : undefined;
    if (after && after.status >= 500) return finish({ outcome: 'error', reason: `the target failed the verifying GET: ${describeAnswer(after)}` });

    const obs: Observation = {
      schema,
      patch: observed(patch),
      created,
      projected: !!(request.query && ('attributes' in request.query || 'excludedAttributes' in request.query)),
      ...(before ? { before } : {}),
      ...(after ? { after } : {}),
    };
    if (before && raw === undefined) obs.oracle = runOracle(before, body, schema, { ...ctx.patchOptions, ...scenario.oracleOptions });

    const problems = checkExpectation(scenario.expect, obs);
    if (problems.length === 0) return finish({ outcome: 'pass' });
    if (scenario.alsoConformant?.some((alt) => checkExpectation(alt, obs).length === 0)) return finish({ outcome: 'pass' });
    const expected = describeExpectation(scenario.expect);
    const actual = describeAnswer(obs.patch);
    if (patch.status >= 500) {
      return finish({ outcome: 'fail', reason: `a client mistake answered ${describeAnswer(obs.patch)} (no client error may cause a 5xx, PATCH-ERR-06)`, expected, actual });
    }
    if (scenario.acceptable && checkExpectation(scenario.acceptable, obs).length === 0) {
      return finish({ outcome: 'warn', reason: `acceptable but not preferred: ${problems[0]}`, expected, actual });
    }
    const strictLevel = scenario.level === 'MUST' || scenario.level === 'DERIVED' || scenario.level === 'AMBIG';
    return finish({
      outcome: strictLevel ? 'fail' : 'warn',
      reason: problems[0] ?? 'expectation not met',
      expected,
      actual: problems.length > 1 ? `${actual}; ${problems.slice(1).join('; ')}` : actual,
    });
  } catch (e) {
    if (e instanceof Blocked) return finish({ outcome: 'blocked', reason: e.message });
    if (e instanceof TargetError) return finish({ outcome: 'error', reason: e.message });
    return finish({ outcome: 'error', reason: `internal: ${e instanceof Error ? e.message : String(e)}` });
  }
}

interface Created {
  resources: Record<string, ScimResource>;
  /** The ETag header that came with each creation, by alias. */
  etags: Record<string, string>;
}

async function setUp(ctx: RunContext, scenario: Scenario, exchanges: Exchange[]): Promise<Created> {
  const state = getState(scenario.state.name);
  const created: Record<string, ScimResource> = {};
  const etags: Record<string, string> = {};
  for (const r of state.resources) {
    const schema = ctx.schemas[r.kind];
    if (!schema) throw new Blocked(`state ${state.name} needs a ${r.kind} resource type, which the target lacks`);
    const body = r.build({ factory: ctx.factory, schema, schemas: ctx.schemas, created });
    const res = await ctx.client.request('POST', ctx.endpoints[r.kind], { purpose: 'setup', body, exchanges });
    const json = res.json;
    if ((res.status !== 201 && res.status !== 200) || !isObject(json) || typeof json['id'] !== 'string') {
      throw new Blocked(`set-up: POST ${ctx.endpoints[r.kind]} (${r.alias} of state ${state.name}) answered ${describeAnswer(observed(res))}`);
    }
    ctx.ledger.record({ kind: r.kind, id: json['id'], location: `${ctx.endpoints[r.kind]}/${encodeURIComponent(json['id'])}` });
    created[r.alias] = json;
    const etag = res.headers['etag'];
    if (etag) etags[r.alias] = etag;
  }
  return { resources: created, etags };
}

async function resolveTarget(
  ctx: RunContext,
  scenario: Scenario,
  { resources: created, etags }: Created,
  exchanges: Exchange[],
): Promise<{ id: string; before?: ScimResource; etag?: string }> {
  const target = scenario.request.target;
  if (typeof target === 'string') {
    const before = created[target];
    if (!before) throw new Error(`scenario ${scenario.id} targets alias ${target}, which its state does not create`);
    const etag = etags[target];
    return { id: String(before['id']), before, ...(etag ? { etag } : {}) };
  }
  if (isObject(target) && 'unknown' in target) return { id: randomUUID() };
  const alias = (target as { deleted: string }).deleted;
  const res = created[alias];
  if (!res) throw new Error(`scenario ${scenario.id} deletes alias ${alias}, which its state does not create`);
  const kind = kindOf(scenario, alias);
  const path = `${ctx.endpoints[kind]}/${encodeURIComponent(String(res['id']))}`;
  const del = await ctx.client.request('DELETE', path, { purpose: 'setup', exchanges });
  if (del.status !== 204 && del.status !== 200) throw new Blocked(`set-up: DELETE ${path} answered ${describeAnswer(observed(del))}`);
  ctx.ledger.markDeleted(kind, String(res['id']));
  return { id: String(res['id']) };
}

function kindOf(scenario: Scenario, alias: string): ResourceKind {
  const r = getState(scenario.state.name).resources.find((x) => x.alias === alias);
  return r?.kind ?? scenario.resource;
}

function ifMatchValue(kind: 'current' | 'current-weak' | 'stale' | '*', before: ScimResource | undefined, etag: string | undefined): string {
  if (kind === '*') return '*';
  if (kind === 'stale') return `W/"stale-${randomUUID()}"`;
  const meta = before && isObject(before['meta']) ? before['meta'] : {};
  const current = etag ?? (typeof meta['version'] === 'string' ? meta['version'] : undefined);
  if (!current) return `W/"unknown"`;
  if (kind === 'current-weak') return current.startsWith('W/') ? current : `W/${current}`;
  return current;
}

function runOracle(
  before: ScimResource,
  body: unknown,
  schema: ResourceSchema,
  options: PatchOptions,
): { resource: ScimResource; changed: boolean } | { error: PatchError } | undefined {
  try {
    return applyPatch(before, parsePatchRequest(body, options), schema, options);
  } catch (e) {
    if (e instanceof PatchError) return { error: e };
    return undefined;
  }
}

function observed(res: ScimResponse): ObservedResponse {
  return { status: res.status, json: res.json, text: res.text, headers: res.headers };
}

function isRaw(body: unknown): body is RawBody {
  return isObject(body) && typeof body['raw'] === 'string' && Object.keys(body).length === 1;
}

function describeExpectation(exp: Scenario['expect']): string {
  if (exp.kind === 'success') return `${(exp.status ?? [200, 204]).join(' or ')} and the resource as the oracle computes it`;
  return `${exp.status.join(' or ')}${exp.scimType ? ` with scimType ${exp.scimType.join(' or ')}` : ''}${exp.unchanged === false ? '' : ', resource unchanged'}`;
}

export interface RunProgress {
  done: number;
  total: number;
  last: ScenarioResult;
}

/** Runs scenarios with bounded concurrency; results come back in the scenarios' order. */
export async function runScenarios(
  ctx: RunContext,
  scenarios: Scenario[],
  options: { concurrency: number; onResult?: (p: RunProgress) => void },
): Promise<ScenarioResult[]> {
  const results: ScenarioResult[] = new Array(scenarios.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < scenarios.length) {
      const i = next++;
      const scenario = scenarios[i]!;
      const result = await runScenario(ctx, scenario);
      results[i] = result;
      done += 1;
      options.onResult?.({ done, total: scenarios.length, last: result });
    }
  };
  const n = Math.max(1, Math.min(options.concurrency, scenarios.length));
  await Promise.all(Array.from({ length: n }, worker));
  return results;
}

export { clip };
