// The lifecycle's additions to the scenario's own request: an If-None-Match header on a GET, and a
// PUT that created a resource (an upsert of an unknown id, which RFC 7644 does not allow but a
// server may do) recorded in the ledger so that cleanup deletes it.
import { randomUUID } from 'node:crypto';
import type { ScimResource } from '../../schemas/scim-schema.ts';
import type { Scenario } from '../../scenarios/scenario.ts';
import type { RunContext } from '../run-context.ts';
import type { ScimResponse } from '../client.ts';
import { isObject } from '../judge.ts';

/** The If-None-Match header the request asks for: the target's current ETag, or one it never had. */
export function ifNoneMatchHeader(request: Scenario['request'], target: { before?: ScimResource; etag?: string }): Record<string, string> {
  if (!request.ifNoneMatch) return {};
  if (request.ifNoneMatch === 'stale') return { 'If-None-Match': `W/"other-${randomUUID()}"` };
  const meta = target.before && isObject(target.before['meta']) ? target.before['meta'] : {};
  const current = target.etag ?? (typeof meta['version'] === 'string' ? meta['version'] : undefined);
  return { 'If-None-Match': current ?? 'W/"unknown"' };
}

/** A PUT answered with a resource whose id is not the target's created one: in the ledger. */
export function recordPutCreated(ctx: RunContext, scenario: Scenario, method: string, targetId: string, res: ScimResponse): void {
  if (method !== 'PUT' || (res.status !== 200 && res.status !== 201)) return;
  const json = res.json;
  if (!isObject(json) || typeof json['id'] !== 'string') return;
  const kind = scenario.request.under ?? scenario.resource;
  const isTargetAlias = typeof scenario.request.target === 'string';
  if (isTargetAlias && json['id'] === targetId) return;
  ctx.ledger.record({ kind, id: json['id'], location: `${ctx.endpoints[kind]}/${encodeURIComponent(json['id'])}` });
}

/** The fresh body without the attributes the scenario leaves out (names case-insensitive). */
export function omitAttributes(body: ScimResource, omit: string[] | undefined): ScimResource {
  if (!omit || omit.length === 0) return body;
  const drop = new Set(omit.map((n) => n.toLowerCase()));
  return Object.fromEntries(Object.entries(body).filter(([k]) => !drop.has(k.toLowerCase())));
}
