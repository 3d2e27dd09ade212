// Stage 1 of a scenario's walk: set up its starting state. POSTs the state's resources (shared ones
// once per session), fitted to what the target takes (engine/adapt.ts), and resolves the resource
// the request goes to. A refusal that names an attribute is retried once without it; the scenario
// is blocked only when it needs what was left out.
import { randomUUID } from 'node:crypto';
import type { Exchange } from '../../schemas/run-result.ts';
import type { ResourceSchema, ScimResource } from '../../schemas/scim-schema.ts';
import type { ResourceKind, Scenario } from '../../scenarios/scenario.ts';
import { placeholderAliases } from '../../scenarios/resolve-placeholders.ts';
import { getState, type StartingState, type StateResource } from '../../fixtures/states.ts';
import { applyTemplate } from '../../fixtures/templates.ts';
import type { RunContext } from '../run-context.ts';
import type { ScimResponse } from '../client.ts';
import { TargetError } from '../target-error.ts';
import { assertUsable, unusableAnswer } from '../answer-check.ts';
import { lostAnswer, mayHaveBeenApplied, recheckCreate } from '../recheck.ts';
import { describeAnswer, isObject } from '../judge.ts';
import type { SharedResource } from '../shared-pool.ts';
import { attributeNamedBy, fitToSchema, scenarioMentions, type Dropped } from '../adapt.ts';
import { findingKey } from '../findings.ts';

/** Thrown inside a scenario when its starting state cannot be set up. */
export class Blocked extends Error {
  constructor(
    message: string,
    readonly key: string,
  ) {
    super(message);
  }
}

export interface Created {
  resources: Record<string, ScimResource>;
  /** The ETag header that came with each creation, by alias. */
  etags: Record<string, string>;
}

export interface Target {
  id: string;
  before?: ScimResource;
  etag?: string;
}

export async function setUp(ctx: RunContext, scenario: Scenario, exchanges: Exchange[]): Promise<Created> {
  const state = getState(scenario.state.name);
  const created: Record<string, ScimResource> = {};
  const etags: Record<string, string> = {};
  const own = ownedAliases(scenario);
  const take = (r: StateResource, made: Made): void => {
    created[r.alias] = made.resource;
    if (made.etag) etags[r.alias] = made.etag;
    // Leaving an attribute out costs only the scenarios that use it.
    for (const d of made.dropped ?? []) {
      if (scenarioMentions(scenario, d.path)) {
        throw new Blocked(`set-up: the scenario needs ${r.kind} ${d.path}, which was left out of its starting state: ${d.why}`, findingKey('setup-refused', r.kind, d.path));
      }
    }
  };
  if (state.shared && ctx.shared && !state.resources.some((r) => own.has(r.alias))) {
    const unit = await ctx.shared.unit(`state:${state.name}`, () => createAll(ctx, state, exchanges));
    for (const r of state.resources) take(r, unit[r.alias]!);
    return { resources: created, etags };
  }
  for (const r of neededResources(scenario, state)) {
    const made =
      r.shared !== undefined && ctx.shared && !own.has(r.alias)
        ? await ctx.shared.get(r.shared, () => createResource(ctx, state, r, schemaOf(ctx, state, r), {}, exchanges))
        : await createResource(ctx, state, r, schemaOf(ctx, state, r), created, exchanges);
    take(r, made);
  }
  return { resources: created, etags };
}

function schemaOf(ctx: RunContext, state: StartingState, r: StateResource): ResourceSchema {
  const schema = ctx.schemas[r.kind];
  if (!schema) throw new Blocked(`state ${state.name} needs a ${r.kind} resource type, which the target lacks`, findingKey('setup-refused', r.kind, 'no-resource-type'));
  return schema;
}

/** Every resource of a shared state, in order, each builder seeing those before it. */
async function createAll(ctx: RunContext, state: StartingState, exchanges: Exchange[]): Promise<Record<string, Made>> {
  const made: Record<string, Made> = {};
  const created: Record<string, ScimResource> = {};
  for (const r of state.resources) {
    made[r.alias] = await createResource(ctx, state, r, schemaOf(ctx, state, r), created, exchanges);
    created[r.alias] = made[r.alias]!.resource;
  }
  return made;
}

type Made = SharedResource & { dropped?: Dropped[] };

/** The body a state resource is built as, fitted to what the target takes. */
export function buildBody(ctx: RunContext, r: StateResource, schema: ResourceSchema, created: Record<string, ScimResource>): { body: ScimResource; dropped: Dropped[] } {
  const built = r.build({ factory: ctx.factory, schema, schemas: ctx.schemas, created });
  const fitted = fitToSchema(built, schema, { advertised: ctx.schemasAdvertised === true, refused: ctx.knowledge?.refused(r.kind) ?? new Map() });
  return { body: applyTemplate(fitted.body, ctx.templates?.[r.kind === 'User' ? 'users' : 'groups'], ctx.factory), dropped: fitted.dropped };
}

async function createResource(
  ctx: RunContext,
  state: StartingState,
  r: StateResource,
  schema: ResourceSchema,
  created: Record<string, ScimResource>,
  exchanges: Exchange[],
): Promise<Made> {
  const { body, dropped } = buildBody(ctx, r, schema, created);
  const of = r.shared !== undefined ? `shared ${r.alias}` : `${r.alias} of ${state.shared ? 'shared ' : ''}state ${state.name}`;
  let res = await post(ctx, r.kind, body, exchanges);
  // A refusal that names an attribute of the body: once more without it, and the run remembers it.
  if (res.status === 400 || res.status === 409 || res.status === 422) {
    const named = attributeNamedBy(res.json, body);
    if (named !== undefined && ctx.knowledge) {
      const why = `the target refused it on create: ${describeAnswer(res)}`;
      ctx.knowledge.refuse(r.kind, named, why);
      const again = fitToSchema(body, schema, { advertised: false, refused: new Map([[named.toLowerCase(), why]]) });
      dropped.push(...again.dropped);
      res = await post(ctx, r.kind, again.body, exchanges);
    }
  }
  const json = res.json;
  if ((res.status !== 201 && res.status !== 200) || !isObject(json) || typeof json['id'] !== 'string') {
    const named = attributeNamedBy(json, body);
    throw new Blocked(`set-up: POST ${ctx.endpoints[r.kind]} (${of}) answered ${describeAnswer(res)}`, findingKey('setup-refused', r.kind, named ?? res.status));
  }
  const etag = res.headers['etag'];
  return { resource: json, ...(etag ? { etag } : {}), dropped };
}

async function post(ctx: RunContext, kind: ResourceKind, body: ScimResource, exchanges: Exchange[]): Promise<ScimResponse> {
  const endpoint = ctx.endpoints[kind];
  // A lost or unusable answer may still mean "created": find it by its marked name so cleanup gets it.
  const recheck = { kind, endpoint, body, ledger: ctx.ledger, exchanges };
  const attr = kind === 'User' ? 'userName' : 'displayName';
  const name = typeof body[attr] === 'string' ? (body[attr] as string) : undefined;
  if (name !== undefined) ctx.ledger.intend({ kind, endpoint, attr, value: name });
  const res = await ctx.client.request('POST', endpoint, { purpose: 'setup', body, exchanges }).catch(async (e: unknown) => {
    if (!mayHaveBeenApplied(e)) throw e;
    throw new TargetError(e.kind, await recheckCreate(ctx.client, lostAnswer(e, `set-up POST ${endpoint}`), recheck), { status: e.status });
  });
  const unusable = unusableAnswer(`POST ${endpoint}`, res, { serverErrors: true });
  if (unusable !== undefined) throw new TargetError('protocol', await recheckCreate(ctx.client, unusable, recheck), { status: res.status });
  const json = res.json;
  if ((res.status === 201 || res.status === 200) && isObject(json) && typeof json['id'] === 'string') {
    ctx.ledger.record({ kind, id: json['id'], location: `${endpoint}/${encodeURIComponent(json['id'])}`, ...(name !== undefined ? { name } : {}) });
  }
  return res;
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
      if (a.kind === 'members-of') for (const alias of [a.group, ...a.aliases]) named.add(alias);
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

/** The resource the request goes to: a created alias, an id that never existed, or one deleted just now. */
export async function resolveTarget(ctx: RunContext, scenario: Scenario, { resources: created, etags }: Created, exchanges: Exchange[]): Promise<Target> {
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
  if (del.status !== 204 && del.status !== 200) throw new Blocked(`set-up: DELETE ${path} answered ${describeAnswer(del)}`, findingKey('setup-refused', kind, 'delete'));
  ctx.ledger.markDeleted(kind, String(res['id']));
  return { id: String(res['id']) };
}

export function kindOf(scenario: Scenario, alias: string): ResourceKind {
  const r = getState(scenario.state.name).resources.find((x) => x.alias === alias);
  return r?.kind ?? scenario.resource;
}

export function isRaw(body: unknown): body is { raw: string } {
  return isObject(body) && typeof body['raw'] === 'string' && Object.keys(body).length === 1;
}
