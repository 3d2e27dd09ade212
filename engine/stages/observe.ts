// Stage 3 of a scenario's walk: observe what the request did. Reads the target back (once), and,
// before any other write, the other resources the request names (a PATCH of one user must leave
// every other user as it was), and gathers the observation the judge decides on.
import { diffResources } from '../../patch/index.ts';
import type { Exchange } from '../../schemas/run-result.ts';
import type { ResourceSchema, ScimResource } from '../../schemas/scim-schema.ts';
import type { Scenario } from '../../scenarios/scenario.ts';
import { placeholderAliases } from '../../scenarios/resolve-placeholders.ts';
import type { RunContext } from '../run-context.ts';
import type { ScimResponse } from '../client.ts';
import { assertUsable } from '../answer-check.ts';
import { comparable, describeAnswer, isObject, type Observation, type ObservedResponse } from '../judge.ts';
import { problem, type Problem } from '../findings.ts';
import { TargetError } from '../target-error.ts';
import type { Acted } from './act.ts';
import { kindOf, type Created, type Target } from './set-up.ts';
import { runOracle } from './oracle.ts';
import { observeLifecycle } from '../lifecycle/observe-lifecycle.ts';
import { protocolReads } from '../protocol-reads.ts';

export async function observe(ctx: RunContext, scenario: Scenario, schema: ResourceSchema, target: Target, created: Created, acted: Acted, exchanges: Exchange[]): Promise<{ obs: Observation; bystanders: Problem[] }> {
  const request = scenario.request;
  const { before } = target;
  // The bystanders first: read right after the request, before any other write can hide a change.
  // A bulk request names the resources its operations write; its own reads judge them (protocol-reads.ts).
  const bystanders = acted.raw === undefined && request.endpoint !== 'bulk' ? await checkBystanders(ctx, scenario, created.resources, request.body, exchanges) : [];
  const after = before ? observed(assertUsable(`GET ${acted.path}`, await ctx.client.request('GET', acted.path, { purpose: 'verify', exchanges }), { serverErrors: false })) : undefined;
  if (after && after.status >= 500) throw new TargetError('protocol', `the target failed the verifying GET: ${describeAnswer(after)}`, { status: after.status });
  const obs: Observation = {
    schema,
    patch: observed(acted.response),
    created: created.resources,
    projected: !!(request.query && ('attributes' in request.query || 'excludedAttributes' in request.query)),
    ...bodyKindOf(request, acted.method),
    ...(before ? { before } : {}),
    ...(after ? { after } : {}),
    ...(ctx.profile ? { errorFormat: ctx.profile.profile.errorFormat } : {}),
    ...(acted.pages ? { pages: acted.pages.map(observed) } : {}),
  };
  const extra = await protocolReads(ctx, scenario, acted, created, exchanges);
  if (extra) obs.extra = extra;
  await observeLifecycle(ctx, scenario, created.resources, acted, obs, exchanges);
  return { obs, bystanders };
}

/**
 * What the oracle expects of a PATCH (patch/), added once the target's answers are all in: pure
 * computation, run while the scenario's cleanup requests are on their way.
 */
export function addOracle(ctx: RunContext, scenario: Scenario, schema: ResourceSchema, target: Target, acted: Acted, obs: Observation): void {
  if (!target.before || acted.raw !== undefined || !acted.isPatch) return;
  const oracle = runOracle(target.before, acted.body, schema, { ...ctx.patchOptions, ...scenario.oracleOptions });
  if (oracle) obs.oracle = oracle;
}

/** What a 200 answer is when the request does not address the resource itself. */
function bodyKindOf(request: Scenario['request'], method: string): { bodyKind?: 'ListResponse' | 'ServiceProviderConfig' } {
  const endpoint = request.endpoint ?? 'resource';
  if (endpoint === 'serviceProviderConfig') return { bodyKind: 'ServiceProviderConfig' };
  if (endpoint === 'search' || endpoint === 'root-search' || endpoint === 'resourceTypes' || endpoint === 'schemas' || (endpoint === 'collection' && method === 'GET')) return { bodyKind: 'ListResponse' };
  return {};
}

/**
 * The other resources the request names (by placeholder) must be as they were: a PATCH of one
 * resource never changes another. Derived membership (`groups`) and meta may follow a group
 * change, so they are left out of the comparison.
 */
async function checkBystanders(ctx: RunContext, scenario: Scenario, created: Record<string, ScimResource>, body: unknown, exchanges: Exchange[]): Promise<Problem[]> {
  const named = scenario.request.target;
  // The target, or the alias a scenario deleted to address it, is no bystander.
  const target = typeof named === 'string' ? named : 'deleted' in named ? named.deleted : undefined;
  const problems: Problem[] = [];
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
      problems.push(problem('bystander', `${alias} (not the request's target) answered ${describeAnswer(observed(res))} after the request`));
      continue;
    }
    for (const d of diffResources(comparable(before, schema), comparable(res.json, schema), schema, { ignore: ['meta', 'groups'] })) {
      problems.push(problem('bystander', `${alias} (not the request's target) changed: ${d}`));
    }
  }
  return problems;
}

export function observed(res: ScimResponse): ObservedResponse {
  return { status: res.status, json: res.json, text: res.text, headers: res.headers };
}
