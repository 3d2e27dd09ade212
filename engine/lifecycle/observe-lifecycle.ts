// What the runner observes after a request of the resource lifecycle (create, PUT, DELETE) beyond
// the target's read-back: the created resource read back by its id, the PUT oracle's answer, the
// target's GET after a DELETE (judged apart after a success, as a 404 is then the right answer), and the groups a
// `members-of` assertion names, read after the request.
import type { Exchange } from '../../schemas/run-result.ts';
import type { ScimResource } from '../../schemas/scim-schema.ts';
import type { Assertion, Scenario } from '../../scenarios/scenario.ts';
import type { RunContext } from '../run-context.ts';
import type { ScimResponse } from '../client.ts';
import { assertUsable } from '../answer-check.ts';
import { isObject, type Observation, type ObservedResponse } from '../judge.ts';
import { putOracle, type PutOracle } from './put-oracle.ts';

export interface LifecycleObservation {
  method: string;
  /** PUT of a live resource: what RFC 7644 §3.5.1 makes of it. */
  put?: PutOracle;
  /** DELETE: the GET of the target after the request. */
  afterDelete?: ObservedResponse;
  /** Aliases named by `members-of` assertions, read after the request. */
  others: Record<string, ObservedResponse>;
  /** POST: the readOnly values the body sent (id, meta.created), which the server must not take. */
  sentReadOnly?: { id?: string; created?: string; lastModified?: string };
}

type MembersOf = Extract<Assertion, { kind: 'members-of' }>;

export function membersOfAssertions(scenario: Scenario): MembersOf[] {
  return [scenario.expect, scenario.acceptable, ...(scenario.alsoConformant ?? [])]
    .flatMap((e) => e?.assertions ?? [])
    .filter((a): a is MembersOf => a.kind === 'members-of');
}

export interface LifecycleAct {
  method: string;
  response: ScimResponse;
  body: unknown;
  raw?: string;
}

/** Adds the lifecycle observation to `obs` (in place); nothing for a PATCH without members-of assertions. */
export async function observeLifecycle(
  ctx: RunContext,
  scenario: Scenario,
  created: Record<string, ScimResource>,
  acted: LifecycleAct,
  obs: Observation,
  exchanges: Exchange[],
): Promise<void> {
  const method = acted.method;
  const groups = membersOfAssertions(scenario);
  if (method === 'PATCH' && groups.length === 0) return;
  const read = async (path: string): Promise<ObservedResponse> => {
    const res = assertUsable(`GET ${path}`, await ctx.client.request('GET', path, { purpose: 'verify', exchanges }), { serverErrors: false });
    return { status: res.status, json: res.json, text: res.text, headers: res.headers };
  };
  const lifecycle: LifecycleObservation = { method, others: {} };
  const json = acted.response.json;
  // A creating POST: what was stored is read back by its id, so `in: 'get'` assertions judge it.
  if (method === 'POST' && scenario.request.endpoint === 'collection' && (acted.response.status === 201 || acted.response.status === 200) && obs.after === undefined) {
    if (isObject(json) && typeof json['id'] === 'string') {
      const kind = scenario.request.under ?? scenario.resource;
      obs.after = await read(`${ctx.endpoints[kind]}/${encodeURIComponent(json['id'])}`);
    }
  }
  if (method === 'POST' && isObject(acted.body)) {
    const meta = acted.body['meta'];
    const id = acted.body['id'];
    const sent: Record<string, string> = {};
    if (typeof id === 'string') sent['id'] = id;
    for (const k of ['created', 'lastModified']) if (isObject(meta) && typeof meta[k] === 'string') sent[k] = meta[k];
    if (Object.keys(sent).length > 0) lifecycle.sentReadOnly = sent;
  }
  if (method === 'PUT' && obs.before && acted.raw === undefined) {
    const oracle = putOracle(obs.before, acted.body, obs.schema);
    if (oracle) lifecycle.put = oracle;
  }
  // After a successful DELETE the target's GET is judged as its consequence (404), not as a read-back;
  // a refused DELETE keeps the ordinary check that the resource is unchanged.
  if (method === 'DELETE' && obs.after) lifecycle.afterDelete = obs.after;
  for (const a of groups) {
    const group = created[a.group];
    if (!group || typeof group['id'] !== 'string') continue;
    lifecycle.others[a.group] = await read(`${ctx.endpoints.Group}/${encodeURIComponent(group['id'])}`);
  }
  obs.lifecycle = lifecycle;
}
