// Executes scenarios against a target: set-up (POST the starting state), the PATCH, one
// verifying GET, then judging against the expectation and the oracle. Cleanup is the ledger's.
import { randomUUID } from 'node:crypto';
import { applyPatch, diffResources, parsePatchRequest, PatchError, type PatchOptions } from '../patch/index.ts';
import type { Capabilities, Exchange, ScenarioResult } from '../schemas/run-result.ts';
import type { ResourceSchema, ScimResource } from '../schemas/scim-schema.ts';
import type { Capability, RawBody, ResourceKind, Scenario } from '../scenarios/scenario.ts';
import { placeholderAliases, resolvePlaceholders } from '../scenarios/resolve-placeholders.ts';
import { getState, type StartingState, type StateResource } from '../fixtures/states.ts';
import type { FixtureFactory } from '../fixtures/builders.ts';
import type { ScimClient, ScimResponse } from './client.ts';
import { TargetError } from './target-error.ts';
import { assertUsable, passed, unusableAnswer } from './answer-check.ts';
import { lostAnswer, mayHaveBeenApplied, recheckCreate, recheckPatch } from './recheck.ts';
import type { Ledger } from './ledger.ts';
import { checkExpectation, comparable, describeAnswer, isObject, type Observation, type ObservedResponse } from './judge.ts';
import { toCurl, type CurlAuth } from './curl.ts';
import { sectionOf } from './section.ts';
import type { ProfileRuntime } from './profile-runtime.ts';
import { labelExchanges } from './request-log.ts';
import type { SharedPool, SharedResource } from './shared-pool.ts';
import type { AuthConfig, ExtraCredentials } from './config.ts';
import { applyTemplate, type DataTemplates } from '../fixtures/templates.ts';
import { missingCredential, requestAuth } from './credentials.ts';
import { templateConflict } from '../fixtures/template-conflicts.ts';

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
  /** Discovery paths (configured endpoints), for scenarios that send a request there. */
  discoveryPaths?: { serviceProviderConfig: string; resourceTypes: string; schemas: string };
  /** Resources that states mark `shared`, created once per session; without it each scenario creates its own. */
  shared?: SharedPool;
  /** The target's profile when it is not plain RFC 7644: dialect, vendor contract, strict view. */
  profile?: ProfileRuntime;
  /** The target's own data rules, merged into every body the states build. */
  templates?: DataTemplates;
  /** The configured credential (a wrong one of its kind is derived from it) and the optional extra ones. */
  authConfig?: AuthConfig;
  credentials?: ExtraCredentials;
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

export async function runScenario(ctx: RunContext, original: Scenario): Promise<ScenarioResult> {
  const started = performance.now();
  const exchanges: Exchange[] = [];
  // Under a vendor profile the scenario runs with the vendor's contract; `original` is RFC 7644's.
  const plan = ctx.profile?.plan(original);
  const scenario = plan && 'scenario' in plan ? plan.scenario : original;
  let observation: Observation | undefined;
  labelExchanges(exchanges, scenario.id);
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
    if (ctx.profile) Object.assign(result, ctx.profile.strictView(original, observation, result));
    if (result.outcome !== 'pass' && result.outcome !== 'unsupported') {
      result.exchanges = exchanges;
      const patch = exchanges.find((e) => e.purpose === 'patch');
      if (patch) result.curl = toCurl(patch, original.request.credential === 'none' ? { kind: 'none' } : ctx.auth);
    }
    return result;
  };

  const missing = scenario.requires.find((c) => !ctx.capabilities[c]);
  if (missing) {
    return finish({ outcome: 'unsupported', capability: missing, reason: `needs ${CAPABILITY_WHY[missing]}` });
  }
  if (plan && 'unsupported' in plan) return finish({ outcome: 'unsupported', reason: plan.unsupported });
  const noCredential = missingCredential(scenario.request.credential, ctx.credentials);
  if (noCredential) return finish({ outcome: 'unsupported', capability: 'credentials', reason: noCredential });
  const conflict = templateConflict(scenario, ctx.templates);
  if (conflict) return finish({ outcome: 'unsupported', capability: 'templates', reason: conflict });
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
    const method = request.method ?? 'PATCH';
    const isPatch = method === 'PATCH';
    const requestPath = requestPathOf(ctx, scenario, targetId);
    const raw = isRaw(request.body) ? request.body.raw : undefined;
    const body = request.bodyFrom !== undefined ? freshBody(ctx, scenario, request.bodyFrom, created) : raw === undefined ? resolvePlaceholders(request.body, created) : undefined;
    let wire = body;
    if (ctx.profile && raw === undefined && isPatch) {
      const encoded = ctx.profile.encode(scenario, { body, ...(before ? { before } : {}), schema, options: { ...ctx.patchOptions, ...scenario.oracleOptions } });
      if ('unsupported' in encoded) return finish({ outcome: 'unsupported', reason: `not expressible in ${ctx.profile.profile.title}'s PATCH: ${encoded.unsupported}` });
      wire = encoded.body;
    }
    const headers: Record<string, string> = {};
    if (request.ifMatch) headers['If-Match'] = ifMatchValue(request.ifMatch, before, etag);

    const auth = requestAuth(request.credential, ctx.authConfig ?? { kind: 'none' }, ctx.credentials);
    const patch = await ctx.client.request(method, requestPath, {
      // The scenario's own request is its 'patch' exchange whatever the method (curl line, request log, tests).
      purpose: 'patch',
      ...(raw !== undefined ? { rawBody: raw } : wire !== undefined ? { body: wire } : {}),
      ...(request.contentType ? { contentType: request.contentType } : {}),
      ...(request.query ? { query: resolvePlaceholders(request.query, created) as Record<string, string> } : {}),
      ...(auth !== undefined ? { auth } : {}),
      headers,
      exchanges,
    }).catch(async (e: unknown) => {
      // The answer was lost, not the request: never re-sent, the resource is read back instead.
      if (!mayHaveBeenApplied(e) || !before || !isPatch) throw e;
      const oracle = raw === undefined ? runOracle(before, body, schema, { ...ctx.patchOptions, ...scenario.oracleOptions }) : undefined;
      const expected = oracle && 'resource' in oracle ? oracle.resource : undefined;
      throw new TargetError(e.kind, await recheckPatch(ctx.client, e, { path, before, schema, exchanges, ...(expected ? { expected } : {}) }));
    });
    assertUsable(`${method} ${requestPath}`, patch, { serverErrors: false });
    recordCreated(ctx, scenario, method, request, patch);

    // A 5xx where the scenario allows a client error (4xx) means the server blamed itself for a
    // client mistake: a failure (PATCH-ERR-06). Where only success is right, the target broke.
    const expectsClientError = [scenario.expect, scenario.acceptable, ...(scenario.alsoConformant ?? [])].some(
      (e) => e?.kind === 'error' && e.status.every((s) => s < 500),
    );
    if (patch.status >= 500 && !expectsClientError) {
      return finish({ outcome: 'error', reason: `the target failed the ${isPatch ? 'PATCH' : `${method} ${requestPath}`}: ${describeAnswer(observed(patch))}` });
    }

    const after = before ? observed(assertUsable(`GET ${path}`, await ctx.client.request('GET', path, { purpose: 'verify', exchanges }), { serverErrors: false })) : undefined;
    if (after && after.status >= 500) return finish({ outcome: 'error', reason: `the target failed the verifying GET: ${describeAnswer(after)}` });
    const bystanders = raw === undefined && request.bodyFrom === undefined ? await checkBystanders(ctx, scenario, created, request.body, exchanges) : [];

    const obs: Observation = {
      schema,
      patch: observed(patch),
      created,
      projected: !!(request.query && ('attributes' in request.query || 'excludedAttributes' in request.query)),
      ...bodyKindOf(request, method),
      ...(before ? { before } : {}),
      ...(after ? { after } : {}),
      ...(ctx.profile ? { errorFormat: ctx.profile.profile.errorFormat } : {}),
    };
    observation = obs;
    if (before && raw === undefined && isPatch) obs.oracle = runOracle(before, body, schema, { ...ctx.patchOptions, ...scenario.oracleOptions });

    if (bystanders.length > 0) {
      // A PATCH of one resource changed another: whatever the target answered, that is a failure.
      return finish({ outcome: 'fail', reason: bystanders[0]!, expected: 'other resources unchanged', actual: bystanders.join('; ') });
    }
    const problems = checkExpectation(scenario.expect, obs);
    if (problems.length === 0) return finish(passed(patch));
    if (scenario.alsoConformant?.some((alt) => checkExpectation(alt, obs).length === 0)) return finish(passed(patch));
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

/** Where the scenario's request goes: the target resource (under its own or another type's endpoint), a collection, or discovery. */
function requestPathOf(ctx: RunContext, scenario: Scenario, targetId: string): string {
  const request = scenario.request;
  const endpoint = ctx.endpoints[request.under ?? scenario.resource];
  switch (request.endpoint ?? 'resource') {
    case 'resource':
      return `${endpoint}/${encodeURIComponent(targetId)}`;
    case 'collection':
      return endpoint;
    case 'search':
      return `${endpoint}/.search`;
    default:
      return ctx.discoveryPaths?.[request.endpoint as 'serviceProviderConfig' | 'resourceTypes' | 'schemas'] ?? `/${request.endpoint!.charAt(0).toUpperCase()}${request.endpoint!.slice(1)}`;
  }
}

/** What a 200 answer is when the request does not address the resource itself. */
function bodyKindOf(request: Scenario['request'], method: string): { bodyKind?: 'ListResponse' | 'ServiceProviderConfig' } {
  const endpoint = request.endpoint ?? 'resource';
  if (endpoint === 'serviceProviderConfig') return { bodyKind: 'ServiceProviderConfig' };
  if (endpoint === 'search' || endpoint === 'resourceTypes' || endpoint === 'schemas' || (endpoint === 'collection' && method === 'GET')) return { bodyKind: 'ListResponse' };
  return {};
}

/** A new body built like `alias` of the state (its builder, with the template), for POST/PUT checks. */
function freshBody(ctx: RunContext, scenario: Scenario, alias: string, created: Record<string, ScimResource>): ScimResource {
  const r = getState(scenario.state.name).resources.find((x) => x.alias === alias);
  const schema = r ? ctx.schemas[r.kind] : undefined;
  if (!r || !schema) throw new Error(`scenario ${scenario.id} builds its body like alias ${alias}, which its state does not create`);
  return applyTemplate(r.build({ factory: ctx.factory, schema, schemas: ctx.schemas, created }), ctx.templates?.[r.kind === 'User' ? 'users' : 'groups'], ctx.factory);
}

/** A POST that created something (rightly or not) is in the ledger, so that cleanup deletes it. */
function recordCreated(ctx: RunContext, scenario: Scenario, method: string, request: Scenario['request'], res: ScimResponse): void {
  if (method !== 'POST' || request.endpoint !== 'collection' || (res.status !== 201 && res.status !== 200)) return;
  const json = res.json;
  if (!isObject(json) || typeof json['id'] !== 'string') return;
  const kind = request.under ?? scenario.resource;
  ctx.ledger.record({ kind, id: json['id'], location: `${ctx.endpoints[kind]}/${encodeURIComponent(json['id'])}` });
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
  const own = ownedAliases(scenario);
  for (const r of neededResources(scenario, state)) {
    const schema = ctx.schemas[r.kind];
    if (!schema) throw new Blocked(`state ${state.name} needs a ${r.kind} resource type, which the target lacks`);
    const made =
      r.shared !== undefined && ctx.shared && !own.has(r.alias)
        ? await ctx.shared.get(r.shared, () => createResource(ctx, state, r, schema, {}, exchanges))
        : await createResource(ctx, state, r, schema, created, exchanges);
    created[r.alias] = made.resource;
    if (made.etag) etags[r.alias] = made.etag;
  }
  return { resources: created, etags };
}

async function createResource(
  ctx: RunContext,
  state: StartingState,
  r: StateResource,
  schema: ResourceSchema,
  created: Record<string, ScimResource>,
  exchanges: Exchange[],
): Promise<SharedResource> {
  const body = applyTemplate(r.build({ factory: ctx.factory, schema, schemas: ctx.schemas, created }), ctx.templates?.[r.kind === 'User' ? 'users' : 'groups'], ctx.factory);
  const endpoint = ctx.endpoints[r.kind];
  // A lost or unusable answer may still mean "created": find it by its marked name so cleanup gets it.
  const recheck = { kind: r.kind, endpoint, body, ledger: ctx.ledger, exchanges };
  const attr = r.kind === 'User' ? 'userName' : 'displayName';
  const name = typeof body[attr] === 'string' ? (body[attr] as string) : undefined;
  if (name !== undefined) ctx.ledger.intend({ kind: r.kind, endpoint, attr, value: name });
  const res = await ctx.client.request('POST', endpoint, { purpose: 'setup', body, exchanges }).catch(async (e: unknown) => {
    if (!mayHaveBeenApplied(e)) throw e;
    throw new TargetError(e.kind, await recheckCreate(ctx.client, lostAnswer(e, `set-up POST ${endpoint}`), recheck));
  });
  const unusable = unusableAnswer(`POST ${endpoint}`, res, { serverErrors: true });
  if (unusable !== undefined) throw new TargetError('protocol', await recheckCreate(ctx.client, unusable, recheck));
  const json = res.json;
  if ((res.status !== 201 && res.status !== 200) || !isObject(json) || typeof json['id'] !== 'string') {
    const of = r.shared !== undefined ? `shared ${r.alias}` : `${r.alias} of state ${state.name}`;
    throw new Blocked(`set-up: POST ${ctx.endpoints[r.kind]} (${of}) answered ${describeAnswer(observed(res))}`);
  }
  ctx.ledger.record({ kind: r.kind, id: json['id'], location: `${ctx.endpoints[r.kind]}/${encodeURIComponent(json['id'])}`, ...(name !== undefined ? { name } : {}) });
  const etag = res.headers['etag'];
  return { resource: json, ...(etag ? { etag } : {}) };
}

/** Aliases the scenario PATCHes or deletes: never shared, since the change would reach other scenarios. */
function ownedAliases(scenario: Scenario): Set<string> {
  const target = scenario.request.target;
  if (typeof target === 'string') return new Set([target]);
  if ('deleted' in target) return new Set([target.deleted]);
  return new Set();
}

/**
 * The state's resources up to the last one the scenario names (target, placeholders, assertions).
 * A builder only refers to aliases listed before it, so this prefix is all the scenario needs: a
 * PATCH of an unknown id creates nothing, a deleted-target scenario only what it deletes.
 */
function neededResources(scenario: Scenario, state: StartingState): StateResource[] {
  const named = ownedAliases(scenario);
  if (!isRaw(scenario.request.body)) for (const a of placeholderAliases(scenario.request.body)) named.add(a);
  for (const a of placeholderAliases(scenario.request.query)) named.add(a);
  for (const exp of [scenario.expect, scenario.acceptable, ...(scenario.alsoConformant ?? [])]) {
    for (const a of exp?.assertions ?? []) {
      for (const alias of placeholderAliases(a)) named.add(alias);
      if (a.kind === 'members') for (const alias of a.aliases) named.add(alias);
    }
  }
  let last = -1;
  state.resources.forEach((r, i) => {
    if (named.has(r.alias)) last = i;
  });
  // A body built like an alias needs what that alias's builder refers to: the resources before it.
  const from = scenario.request.bodyFrom;
  const fromAt = from === undefined ? -1 : state.resources.findIndex((r) => r.alias === from);
  if (fromAt > 0) last = Math.max(last, fromAt - 1);
  return state.resources.slice(0, last + 1);
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
  const del = assertUsable(`DELETE ${path}`, await ctx.client.request('DELETE', path, { purpose: 'setup', exchanges }), { serverErrors: true });
  if (del.status !== 204 && del.status !== 200) throw new Blocked(`set-up: DELETE ${path} answered ${describeAnswer(observed(del))}`);
  ctx.ledger.markDeleted(kind, String(res['id']));
  return { id: String(res['id']) };
}

/**
 * The other resources the request names (by placeholder) must be as they were: a PATCH of one
 * resource never changes another. Derived membership (`groups`) and meta may follow a group
 * change, so they are left out of the comparison.
 */
async function checkBystanders(
  ctx: RunContext,
  scenario: Scenario,
  created: Record<string, ScimResource>,
  body: unknown,
  exchanges: Exchange[],
): Promise<string[]> {
  const target = typeof scenario.request.target === 'string' ? scenario.request.target : undefined;
  const problems: string[] = [];
  // A Group PATCH names its members, whose derived `groups` legitimately follow it; the check is
  // for a write to one user that leaks into another (uniqueness, manager, cross-user paths).
  if (scenario.resource !== 'User') return problems;
  for (const alias of placeholderAliases(body)) {
    const before = created[alias];
    if (alias === target || !before) continue;
    const kind = kindOf(scenario, alias);
    const schema = ctx.schemas[kind];
    if (!schema) continue;
    const where = `${ctx.endpoints[kind]}/${encodeURIComponent(String(before['id']))}`;
    const res = assertUsable(`GET ${where}`, await ctx.client.request('GET', where, { purpose: 'verify', exchanges }), { serverErrors: true });
    if (res.status !== 200 || !isObject(res.json)) {
      problems.push(`${alias} (not the PATCH target) answered ${describeAnswer(observed(res))} after the PATCH`);
      continue;
    }
    for (const d of diffResources(comparable(before, schema), comparable(res.json, schema), schema, { ignore: ['meta', 'groups'] })) {
      problems.push(`${alias} (not the PATCH target) changed: ${d}`);
    }
  }
  return problems;
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
  options: { concurrency: number; onResult?: (p: RunProgress) => void; bail?: number },
): Promise<ScenarioResult[]> {
  const results: ScenarioResult[] = new Array(scenarios.length);
  let next = 0;
  let done = 0;
  let failures = 0;
  // --bail N: once N scenarios failed no new one starts; those under way finish. The ones never
  // started are left out of the results (the caller notes how many).
  const bailed = () => options.bail !== undefined && failures >= options.bail;
  const worker = async () => {
    while (next < scenarios.length && !bailed()) {
      const i = next++;
      const scenario = scenarios[i]!;
      const result = await runScenario(ctx, scenario);
      results[i] = result;
      if (result.outcome === 'fail') failures += 1;
      done += 1;
      options.onResult?.({ done, total: scenarios.length, last: result });
    }
  };
  const n = Math.max(1, Math.min(options.concurrency, scenarios.length));
  await Promise.all(Array.from({ length: n }, worker));
  return options.bail === undefined ? results : results.filter((r) => r !== undefined);
}

