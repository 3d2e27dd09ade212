// Stage 2 of a scenario's walk: send the scenario's own request (a PATCH, or the method it names)
// in the target's dialect. A lost answer is never re-sent: the resource is read back instead.
import { randomUUID } from 'node:crypto';
import type { Exchange } from '../../schemas/run-result.ts';
import type { ResourceSchema, ScimResource } from '../../schemas/scim-schema.ts';
import type { Scenario } from '../../scenarios/scenario.ts';
import { resolvePlaceholders, unresolvedPlaceholder } from '../../scenarios/resolve-placeholders.ts';
import { getState } from '../../fixtures/states.ts';
import type { RunContext } from '../run-context.ts';
import type { ScimResponse } from '../client.ts';
import { TargetError } from '../target-error.ts';
import { assertUsable } from '../answer-check.ts';
import { mayHaveBeenApplied, recheckPatch } from '../recheck.ts';
import { isObject } from '../judge.ts';
import { requestAuth } from '../credentials.ts';
import { buildBody, isRaw, type Created, type Target } from './set-up.ts';
import { runOracle } from './oracle.ts';
import { walkPages } from '../list-walk.ts';
import { ifNoneMatchHeader, omitAttributes, recordPutCreated } from '../lifecycle/request-extras.ts';
import { prepareBulk, recordBulkCreated } from '../protocol-prepare.ts';

export interface Acted {
  method: string;
  isPatch: boolean;
  /** Where the request went (path under the base URL). */
  requestPath: string;
  /** The target resource's own path. */
  path: string;
  /** The JSON body as the scenario means it (placeholders resolved), undefined for a raw body. */
  body: unknown;
  raw?: string;
  response: ScimResponse;
  /** The further pages of a page walk (request.walk). */
  pages?: ScimResponse[];
}

/** The request as the vendor's dialect writes it, or why the dialect cannot express it. */
export type Encoded = { wire: unknown } | { unsupported: string };

export function encodeRequest(ctx: RunContext, scenario: Scenario, created: Created, target: Target, schema: ResourceSchema): { body: unknown; raw?: string } & Encoded {
  const request = scenario.request;
  const isPatch = (request.method ?? 'PATCH') === 'PATCH';
  // A value the target did not return on creation (meta.created, an email it does not keep): the request cannot be written.
  const unresolved = unresolvedPlaceholder([request.query, isRaw(request.body) ? undefined : request.body], created.resources);
  if (unresolved !== undefined) return { body: undefined, unsupported: `the request needs ${unresolved}, which the target did not return when it created the resource` };
  const raw = isRaw(request.body) ? request.body.raw : undefined;
  const body = request.bodyFrom !== undefined ? omitAttributes(withOverrides(freshBody(ctx, scenario, request.bodyFrom, created.resources), request.body, created), request.omit) : raw === undefined ? resolvePlaceholders(request.body, created.resources) : undefined;
  const base = { body, ...(raw !== undefined ? { raw } : {}) };
  if (!ctx.profile || raw !== undefined || !isPatch) return { ...base, wire: body };
  const encoded = ctx.profile.encode(scenario, { body, ...(target.before ? { before: target.before } : {}), schema, options: { ...ctx.patchOptions, ...scenario.oracleOptions } });
  if ('unsupported' in encoded) return { ...base, unsupported: `not expressible in ${ctx.profile.profile.title}'s PATCH: ${encoded.unsupported}` };
  return { ...base, wire: encoded.body };
}

export async function act(ctx: RunContext, scenario: Scenario, target: Target, schema: ResourceSchema, encoded: { body: unknown; raw?: string; wire: unknown }, created: Created, exchanges: Exchange[]): Promise<Acted> {
  const request = scenario.request;
  const method = request.method ?? 'PATCH';
  const isPatch = method === 'PATCH';
  const path = `${ctx.endpoints[scenario.resource]}/${encodeURIComponent(target.id)}`;
  const requestPath = requestPathOf(ctx, scenario, target.id);
  const { body, raw } = encoded;
  const wire = request.endpoint === 'bulk' ? await prepareBulk(ctx, encoded.wire, exchanges) : encoded.wire;
  const headers: Record<string, string> = {};
  if (request.ifMatch) headers['If-Match'] = ifMatchValue(request.ifMatch, target.before, target.etag);
  Object.assign(headers, ifNoneMatchHeader(request, target));
  const auth = requestAuth(request.credential, ctx.authConfig ?? { kind: 'none' }, ctx.credentials);
  const response = await ctx.client
    .request(method, requestPath, {
      // The scenario's own request is its 'patch' exchange whatever the method (curl line, request log, tests).
      purpose: 'patch',
      ...(raw !== undefined ? { rawBody: raw } : wire !== undefined ? { body: wire } : {}),
      ...(request.contentType ? { contentType: request.contentType } : {}),
      ...(request.query ? { query: resolvePlaceholders(request.query, created.resources) as Record<string, string> } : {}),
      ...(auth !== undefined ? { auth } : {}),
      ...(request.credential !== undefined ? { credential: request.credential } : {}),
      headers,
      exchanges,
    })
    .catch(async (e: unknown) => {
      // The answer was lost, not the request: never re-sent, the resource is read back instead.
      if (!mayHaveBeenApplied(e) || !target.before || !isPatch) throw e;
      const oracle = raw === undefined ? runOracle(target.before, body, schema, { ...ctx.patchOptions, ...scenario.oracleOptions }) : undefined;
      const expected = oracle && 'resource' in oracle ? oracle.resource : undefined;
      throw new TargetError(e.kind, await recheckPatch(ctx.client, e, { path, before: target.before, schema, exchanges, ...(expected ? { expected } : {}) }), { status: e.status });
    });
  assertUsable(`${method} ${requestPath}`, response, { serverErrors: false });
  recordCreated(ctx, scenario, method, response);
  recordPutCreated(ctx, scenario, method, target.id, response);
  const pages = request.walk ? await walkPages(ctx.client, requestPath, (resolvePlaceholders(request.query ?? {}, created.resources) as Record<string, string>), response, request.walk, exchanges) : undefined;
  if (request.endpoint === 'bulk') await recordBulkCreated(ctx, wire, response, exchanges);
  return { method, isPatch, requestPath, path, body: request.endpoint === 'bulk' ? wire : body, ...(raw !== undefined ? { raw } : {}), response, ...(pages ? { pages } : {}) };
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
    case 'root-search':
      return '/.search';
    case 'me':
      return '/Me';
    case 'bulk':
      return '/Bulk';
    default: {
      const at = ctx.discoveryPaths?.[request.endpoint as 'serviceProviderConfig' | 'resourceTypes' | 'schemas'] ?? `/${request.endpoint!.charAt(0).toUpperCase()}${request.endpoint!.slice(1)}`;
      return request.subPath !== undefined ? `${at}/${request.subPath}` : at;
    }
  }
}

/** A new body built like `alias` of the state (its builder, with the template), for POST/PUT checks. */
function freshBody(ctx: RunContext, scenario: Scenario, alias: string, created: Record<string, ScimResource>): ScimResource {
  const r = getState(scenario.state.name).resources.find((x) => x.alias === alias);
  const schema = r ? ctx.schemas[r.kind] : undefined;
  if (!r || !schema) throw new Error(`scenario ${scenario.id} builds its body like alias ${alias}, which its state does not create`);
  return buildBody(ctx, r, schema, created).body;
}

/** With `bodyFrom`, an object `body` overrides attributes of the fresh body (a taken userName on a otherwise valid user). */
function withOverrides(fresh: ScimResource, overrides: unknown, created: Created): ScimResource {
  return isObject(overrides) ? { ...fresh, ...(resolvePlaceholders(overrides, created.resources) as ScimResource) } : fresh;
}

/** A POST that created something (rightly or not) is in the ledger, so that cleanup deletes it. */
function recordCreated(ctx: RunContext, scenario: Scenario, method: string, res: ScimResponse): void {
  const request = scenario.request;
  if (method !== 'POST' || request.endpoint !== 'collection' || (res.status !== 201 && res.status !== 200)) return;
  const json = res.json;
  if (!isObject(json) || typeof json['id'] !== 'string') return;
  const kind = request.under ?? scenario.resource;
  ctx.ledger.record({ kind, id: json['id'], location: `${ctx.endpoints[kind]}/${encodeURIComponent(json['id'])}` });
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
