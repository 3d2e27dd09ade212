// The bulk family's request, made concrete for the target, and what it created put in the ledger.
// A scenario's BulkRequest is data with a few tokens: `@User` / `@Group` at the start of a path stand
// for the target's endpoints, `@User/$unknown` for an id that never existed, `{ "$new": "User" }` as
// data for a fresh marked resource (template applied, other keys override), `{ "$pad": "maxPayloadSize" }`
// for a string that takes the request past the advertised limit, and `{ "$repeat": "maxOperations",
// "op": {...} }` in Operations for one operation more than the advertised limit.
import { randomUUID } from 'node:crypto';
import type { Exchange } from '../schemas/run-result.ts';
import type { ScimResource } from '../schemas/scim-schema.ts';
import { applyTemplate } from '../fixtures/templates.ts';
import type { ResourceKind } from '../scenarios/scenario.ts';
import type { RunContext } from './run-context.ts';
import type { ScimResponse } from './client.ts';
import { isObject } from './judge.ts';
import { TargetError } from './target-error.ts';

type Json = Record<string, unknown>;

/** Largest request the suite sends to prove a limit: past it, the scenario cannot run here. */
const MAX_OPERATIONS_SENT = 5000;
const MAX_PAYLOAD_SENT = 8 * 1024 * 1024;

/** The advertised bulk limits, read from the target's ServiceProviderConfig. */
export async function bulkLimits(ctx: RunContext, exchanges: Exchange[]): Promise<{ maxOperations?: number; maxPayloadSize?: number }> {
  const path = ctx.discoveryPaths?.serviceProviderConfig ?? '/ServiceProviderConfig';
  const res = await ctx.client.request('GET', path, { purpose: 'setup', exchanges });
  const bulk = isObject(res.json) && isObject(res.json['bulk']) ? res.json['bulk'] : {};
  const num = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : undefined);
  const maxOperations = num(bulk['maxOperations']);
  const maxPayloadSize = num(bulk['maxPayloadSize']);
  return { ...(maxOperations !== undefined ? { maxOperations } : {}), ...(maxPayloadSize !== undefined ? { maxPayloadSize } : {}) };
}

/** The kind a bulk path addresses, by the target's endpoints. */
export function kindOfPath(ctx: Pick<RunContext, 'endpoints'>, path: string): ResourceKind | undefined {
  for (const kind of ['User', 'Group'] as const) {
    const endpoint = ctx.endpoints[kind];
    if (path === endpoint || path.startsWith(`${endpoint}/`)) return kind;
  }
  return undefined;
}

/** Replaces `@User` / `@Group` and `$unknown` in a path. */
export function concretePath(ctx: Pick<RunContext, 'endpoints'>, path: string): string {
  return path.replace(/^@(User|Group)/, (_m, kind: ResourceKind) => ctx.endpoints[kind]).replace(/\$unknown$/, () => randomUUID());
}

/** The BulkRequest as sent: tokens replaced, the ledger told of each POST before it is sent. */
export async function prepareBulk(ctx: RunContext, body: unknown, exchanges: Exchange[]): Promise<unknown> {
  if (!isObject(body) || !Array.isArray(body['Operations'])) return body;
  const needsLimits = JSON.stringify(body).includes('"$repeat"') || JSON.stringify(body).includes('"$pad"');
  const limits = needsLimits ? await bulkLimits(ctx, exchanges) : {};
  const limit = (name: 'maxOperations' | 'maxPayloadSize', cap: number): number => {
    const value = limits[name];
    if (value === undefined) throw new TargetError('protocol', `the ServiceProviderConfig advertises bulk without a usable bulk.${name}, so the limit cannot be exceeded on purpose`);
    if (value > cap) throw new TargetError('protocol', `bulk.${name} is ${value}: exceeding it takes a larger request than the suite sends (${cap})`);
    return value;
  };
  const operations: unknown[] = [];
  for (const op of body['Operations'] as unknown[]) {
    if (isObject(op) && typeof op['$repeat'] === 'string') {
      const n = limit('maxOperations', MAX_OPERATIONS_SENT) + 1;
      for (let i = 0; i < n; i++) operations.push(concreteOp(ctx, op['op']));
    } else operations.push(concreteOp(ctx, op));
  }
  const out: Json = { ...body, Operations: operations };
  const padded = JSON.stringify(out).includes('"$pad"') ? pad(out, limit('maxPayloadSize', MAX_PAYLOAD_SENT) + 1024) : out;
  for (const op of postOperations(ctx, padded)) ctx.ledger.intend({ kind: op.kind, endpoint: ctx.endpoints[op.kind], attr: op.attr, value: op.name });
  return padded;
}

function concreteOp(ctx: RunContext, op: unknown): unknown {
  if (!isObject(op)) return op;
  const out: Json = { ...op };
  if (typeof out['path'] === 'string') out['path'] = concretePath(ctx, out['path']);
  const data = out['data'];
  if (isObject(data) && (data['$new'] === 'User' || data['$new'] === 'Group')) {
    const kind = data['$new'];
    const { $new: _omit, ...overrides } = data;
    const fresh: ScimResource = kind === 'User' ? ctx.factory.user('minimal') : ctx.factory.group();
    const templated = applyTemplate(fresh, ctx.templates?.[kind === 'User' ? 'users' : 'groups'], ctx.factory);
    out['data'] = { ...templated, ...overrides };
  }
  return out;
}

function pad(value: unknown, size: number): unknown {
  if (Array.isArray(value)) return value.map((v) => pad(v, size));
  if (!isObject(value)) return value;
  if (value['$pad'] !== undefined && Object.keys(value).length === 1) return 'x'.repeat(size);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, pad(v, size)]));
}

interface PostOp {
  kind: ResourceKind;
  attr: 'userName' | 'displayName';
  name: string;
  bulkId: string | undefined;
}

/** The POST operations of a BulkRequest with the marked name each creates. */
export function postOperations(ctx: Pick<RunContext, 'endpoints'>, body: unknown): PostOp[] {
  const ops = isObject(body) && Array.isArray(body['Operations']) ? body['Operations'] : [];
  const out: PostOp[] = [];
  for (const op of ops) {
    if (!isObject(op) || String(op['method']).toUpperCase() !== 'POST' || typeof op['path'] !== 'string') continue;
    const kind = kindOfPath(ctx, op['path']);
    const attr = kind === 'Group' ? 'displayName' : 'userName';
    const name = isObject(op['data']) ? op['data'][attr] : undefined;
    if (kind && typeof name === 'string') out.push({ kind, attr, name, bulkId: typeof op['bulkId'] === 'string' ? op['bulkId'] : undefined });
  }
  return out;
}

/** The id at the end of a location (absolute or relative), or undefined. */
export function idOfLocation(location: unknown): string | undefined {
  if (typeof location !== 'string' || location === '') return undefined;
  const path = location.replace(/[?#].*$/, '').replace(/\/+$/, '');
  try {
    const id = decodeURIComponent(path.slice(path.lastIndexOf('/') + 1));
    return id === '' ? undefined : id;
  } catch {
    return undefined;
  }
}

const succeeded = (status: unknown): boolean => /^2\d\d$/.test(String(status));

/**
 * Everything the bulk request created goes in the ledger: by the location of each POST's result, and
 * where the answer does not say (no location, no result, no BulkResponse at all), by a filter on the
 * marked name the POST carried, so that cleanup deletes it whatever the target answered.
 */
export async function recordBulkCreated(ctx: RunContext, sent: unknown, response: ScimResponse, exchanges: Exchange[]): Promise<void> {
  const results = isObject(response.json) && Array.isArray(response.json['Operations']) ? response.json['Operations'].filter(isObject) : [];
  for (const op of postOperations(ctx, sent)) {
    const result = results.find((r) => op.bulkId !== undefined && r['bulkId'] === op.bulkId);
    const id = result && succeeded(result['status']) ? idOfLocation(result['location']) : undefined;
    if (id !== undefined) {
      ctx.ledger.record({ kind: op.kind, id, location: `${ctx.endpoints[op.kind]}/${encodeURIComponent(id)}`, name: op.name });
      continue;
    }
    // A failed operation created nothing, unless the answer does not say so clearly.
    if (result && /^[45]\d\d$/.test(String(result['status']))) continue;
    await findByName(ctx, op, exchanges);
  }
}

async function findByName(ctx: RunContext, op: PostOp, exchanges: Exchange[]): Promise<void> {
  if (!ctx.capabilities.filter) return;
  const endpoint = ctx.endpoints[op.kind];
  const res = await ctx.client.request('GET', endpoint, { purpose: 'verify', query: { filter: `${op.attr} eq "${op.name}"` }, exchanges }).catch(() => undefined);
  const found = res && isObject(res.json) && Array.isArray(res.json['Resources']) ? res.json['Resources'].filter(isObject) : [];
  for (const r of found) {
    if (typeof r['id'] === 'string' && String(r[op.attr]).toLowerCase() === op.name.toLowerCase()) {
      ctx.ledger.record({ kind: op.kind, id: r['id'], location: `${endpoint}/${encodeURIComponent(r['id'])}`, name: op.name });
    }
  }
}
