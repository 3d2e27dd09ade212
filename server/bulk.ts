// /Bulk (RFC 7644 §3.7): a BulkRequest's operations, each run through the same routes as a single
// request (ctx.dispatch: access control included), answered as one BulkResponse. bulkId references
// ("bulkId:x" anywhere in an operation's path or data) are resolved to the ids the POSTs with that
// bulkId created, in whatever order the operations come; operations that reference each other in a
// circle cannot all be created first, so each answers 409 (§3.7.1 allows it after a failed attempt).
import type { RequestContext, ServerState } from './context.ts';
import { ScimHttpError, resolveError } from './errors.ts';
import type { HttpResult } from './http-io.ts';
import { splitPath } from './router.ts';
import { isObject } from '../patch/json-value.ts';

export const BULK_REQUEST_URN = 'urn:ietf:params:scim:api:messages:2.0:BulkRequest';
export const BULK_RESPONSE_URN = 'urn:ietf:params:scim:api:messages:2.0:BulkResponse';

/** What ServiceProviderConfig advertises and /Bulk enforces. */
export const BULK_LIMITS = { maxOperations: 50, maxPayloadSize: 256 * 1024 } as const;

/** How the bulk processor behaves; a seeded defect may bend it (defect-protocol.ts). */
export interface BulkOptions {
  resolveBulkIds: boolean;
  honourFailOnErrors: boolean;
  enforceMaxOperations: boolean;
}

export const DEFAULT_BULK_OPTIONS: BulkOptions = { resolveBulkIds: true, honourFailOnErrors: true, enforceMaxOperations: true };

const METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const REF = /^bulkId:(.+)$/;
/** A reference as a segment of an operation's path (/Groups/bulkId:g). */
const PATH_REF = /bulkId:([^/?#]+)/g;


interface Operation {
  index: number;
  method: string;
  path: string;
  bulkId?: string;
  version?: string;
  data: unknown;
  /** bulkIds this operation references. */
  refs: Set<string>;
}

export interface BulkResult {
  method: string;
  bulkId?: string;
  version?: string;
  location?: string;
  status: string;
  response?: unknown;
}

/** Every "bulkId:x" reference in a value (path or data), by x. */
export function bulkIdRefs(value: unknown, out = new Set<string>()): Set<string> {
  if (typeof value === 'string') {
    const m = REF.exec(value);
    if (m) out.add(m[1]!);
  } else if (Array.isArray(value)) for (const v of value) bulkIdRefs(v, out);
  else if (isObject(value)) for (const v of Object.values(value)) bulkIdRefs(v, out);
  return out;
}

/** The value with each resolvable "bulkId:x" replaced by the id x created. */
export function resolveRefs(value: unknown, ids: ReadonlyMap<string, string>): unknown {
  if (typeof value === 'string') {
    const m = REF.exec(value);
    return m && ids.has(m[1]!) ? ids.get(m[1]!) : value;
  }
  if (Array.isArray(value)) return value.map((v) => resolveRefs(v, ids));
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveRefs(v, ids)]));
  return value;
}

function parseRequest(body: unknown, options: BulkOptions): { operations: Operation[]; failOnErrors?: number } {
  if (!isObject(body)) throw new ScimHttpError(400, 'The body must be a BulkRequest object', 'invalidSyntax');
  const schemas = body['schemas'];
  if (!Array.isArray(schemas) || !schemas.some((s) => typeof s === 'string' && s.toLowerCase() === BULK_REQUEST_URN.toLowerCase())) {
    throw new ScimHttpError(400, `A BulkRequest must list ${BULK_REQUEST_URN} in schemas`, 'invalidSyntax');
  }
  const ops = body['Operations'];
  if (!Array.isArray(ops)) throw new ScimHttpError(400, 'A BulkRequest must carry an Operations array', 'invalidSyntax');
  if (options.enforceMaxOperations && ops.length > BULK_LIMITS.maxOperations) {
    throw new ScimHttpError(413, `The bulk request has ${ops.length} operations; maxOperations is ${BULK_LIMITS.maxOperations}`);
  }
  const size = Buffer.byteLength(JSON.stringify(body));
  if (size > BULK_LIMITS.maxPayloadSize) {
    throw new ScimHttpError(413, `The bulk request is ${size} bytes; maxPayloadSize is ${BULK_LIMITS.maxPayloadSize}`);
  }
  const failOnErrors = body['failOnErrors'];
  if (failOnErrors !== undefined && (typeof failOnErrors !== 'number' || !Number.isInteger(failOnErrors) || failOnErrors < 1)) {
    throw new ScimHttpError(400, 'failOnErrors must be a positive integer', 'invalidValue');
  }
  const operations = ops.map((op, index): Operation => {
    const o = isObject(op) ? op : {};
    const method = typeof o['method'] === 'string' ? o['method'].toUpperCase() : '';
    const operation: Operation = { index, method, path: typeof o['path'] === 'string' ? o['path'] : '', data: o['data'], refs: new Set() };
    if (typeof o['bulkId'] === 'string') operation.bulkId = o['bulkId'];
    if (typeof o['version'] === 'string') operation.version = o['version'];
    if (options.resolveBulkIds) {
      bulkIdRefs(operation.data, operation.refs);
      for (const m of operation.path.matchAll(PATH_REF)) operation.refs.add(m[1]!);
    }
    return operation;
  });
  return { operations, ...(typeof failOnErrors === 'number' ? { failOnErrors } : {}) };
}

/** An operation that is not well formed, or undefined. */
function malformed(op: Operation): ScimHttpError | undefined {
  if (!METHODS.has(op.method)) return new ScimHttpError(400, `Operation ${op.index}: method must be one of POST, PUT, PATCH, DELETE`, 'invalidSyntax');
  if (!op.path.startsWith('/')) return new ScimHttpError(400, `Operation ${op.index}: path must be a resource path such as /Users`, 'invalidSyntax');
  if (op.method === 'POST' && (op.bulkId === undefined || op.bulkId === '')) return new ScimHttpError(400, `Operation ${op.index}: bulkId is required with POST`, 'invalidSyntax');
  if (op.method !== 'DELETE' && op.data === undefined) return new ScimHttpError(400, `Operation ${op.index}: data is required with ${op.method}`, 'invalidSyntax');
  return undefined;
}

/** A failed operation: its Error as `response`; a location unless it was a POST (§3.7: none after a POST failure). */
function errorResult(op: Operation, e: unknown, baseUrl: string, path = op.path): BulkResult {
  const resolved = resolveError(e);
  return {
    method: op.method,
    ...(op.bulkId !== undefined ? { bulkId: op.bulkId } : {}),
    ...(op.method !== 'POST' && path.startsWith('/') ? { location: `${baseUrl}${path}` } : {}),
    status: String(resolved.status),
    response: resolved.body,
  };
}

/** Handles POST /Bulk. */
export async function handleBulk(ctx: RequestContext, state: ServerState, dispatch: (sub: RequestContext) => Promise<HttpResult>, options: BulkOptions = DEFAULT_BULK_OPTIONS): Promise<HttpResult> {
  // A vendor emulation documents PATCH only: /Bulk is not one of its endpoints, as before bulk existed here.
  if (state.emulation) throw new ScimHttpError(404, `No such endpoint: /${ctx.segments.join('/')}`);
  if (ctx.segments.length > 1) throw new ScimHttpError(404, `No such endpoint: /${ctx.segments.join('/')}`);
  if (ctx.method !== 'POST') throw new ScimHttpError(405, `Method ${ctx.method} is not allowed on /Bulk; allowed: POST`, undefined, { Allow: 'POST' });
  const { operations, failOnErrors } = parseRequest(await ctx.readBody(), options);
  const declared = new Set(operations.map((o) => o.bulkId).filter((b): b is string => b !== undefined));
  const ids = new Map<string, string>();
  const failedIds = new Set<string>();
  const results = new Map<number, BulkResult>();
  let errors = 0;
  const pending = [...operations];
  const record = (op: Operation, result: BulkResult): void => {
    results.set(op.index, result);
    if (Number(result.status) >= 400) {
      errors += 1;
      if (op.bulkId !== undefined) failedIds.add(op.bulkId);
    }
  };
  while (pending.length > 0 && (failOnErrors === undefined || !options.honourFailOnErrors || errors < failOnErrors)) {
    // The first operation (in request order) whose references are all resolved or can never be.
    const at = pending.findIndex((op) => [...op.refs].every((r) => ids.has(r) || failedIds.has(r) || !declared.has(r)));
    if (at === -1) {
      // Only circular references are left: none of them can be created before the others.
      for (const [op, result] of await resolveCircle(ctx, dispatch, pending.splice(0), ids)) record(op, result);
      break;
    }
    const op = pending.splice(at, 1)[0]!;
    const bad = malformed(op);
    const unresolved = [...op.refs].find((r) => !ids.has(r));
    if (bad) record(op, errorResult(op, bad, ctx.render.baseUrl));
    else if (unresolved !== undefined) record(op, errorResult(op, new ScimHttpError(409, `Operation ${op.index}: bulkId ${unresolved} ${declared.has(unresolved) ? 'names an operation that failed' : 'is not defined in this request'}`, 'invalidValue'), ctx.render.baseUrl));
    else record(op, await run(ctx, dispatch, op, options.resolveBulkIds ? ids : new Map()));
  }
  const Operations = operations.filter((op) => results.has(op.index)).map((op) => results.get(op.index)!);
  return { status: 200, body: { schemas: [BULK_RESPONSE_URN], Operations } };
}

/** Drops what holds a reference to a bulkId not created yet: array items, attributes. */
export function withoutRefs(value: unknown, unresolved: ReadonlySet<string>): unknown {
  const holds = (v: unknown) => [...bulkIdRefs(v)].some((r) => unresolved.has(r));
  if (Array.isArray(value)) return value.filter((v) => !holds(v)).map((v) => withoutRefs(v, unresolved));
  if (isObject(value)) return Object.fromEntries(Object.entries(value).filter(([, v]) => !holds(v) || Array.isArray(v)).map(([k, v]) => [k, withoutRefs(v, unresolved)]));
  return value;
}

/**
 * RFC 7644 §3.7.1: circular references MUST be tried. Each POST of the circle is created without the
 * references to the others, then replaced (PUT) with all of them resolved; an operation whose PUT
 * fails is undone (DELETE) and answered 409, as the RFC allows after a failed attempt.
 */
async function resolveCircle(ctx: RequestContext, dispatch: (sub: RequestContext) => Promise<HttpResult>, circle: Operation[], ids: Map<string, string>): Promise<Array<[Operation, BulkResult]>> {
  const out = new Map<Operation, BulkResult>();
  const conflict = (op: Operation, why: string) => errorResult(op, new ScimHttpError(409, `Operation ${op.index}: ${why}`), ctx.render.baseUrl);
  const created: Array<[Operation, string]> = [];
  for (const op of circle) {
    if (op.method !== 'POST' || malformed(op) || !op.path.startsWith('/')) {
      out.set(op, conflict(op, 'is part of a circle of bulkId references that only POSTs can resolve'));
      continue;
    }
    const unresolved = new Set([...op.refs].filter((r) => !ids.has(r)));
    const result = await run(ctx, dispatch, op, ids, { data: withoutRefs(op.data, unresolved) });
    out.set(op, result);
    const id = op.bulkId !== undefined ? ids.get(op.bulkId) : undefined;
    if (result.status === '201' && id !== undefined) created.push([op, id]);
  }
  for (const [op, id] of created) {
    const path = `${op.path.replace(/\/+$/, '')}/${encodeURIComponent(id)}`;
    const put = await run(ctx, dispatch, { ...op, method: 'PUT', bulkId: undefined as never }, ids, { path });
    if (Number(put.status) < 300) {
      out.set(op, { ...out.get(op)!, ...(put.version !== undefined ? { version: put.version } : {}) });
      continue;
    }
    await run(ctx, dispatch, { ...op, method: 'DELETE' }, ids, { path });
    if (op.bulkId !== undefined) ids.delete(op.bulkId);
    out.set(op, conflict(op, `the circle of bulkId references could not be resolved (${put.status})`));
  }
  return circle.map((op) => [op, out.get(op)!]);
}

async function run(ctx: RequestContext, dispatch: (sub: RequestContext) => Promise<HttpResult>, op: Operation, ids: Map<string, string>, override: { path?: string; data?: unknown } = {}): Promise<BulkResult> {
  const path = (override.path ?? op.path).replace(PATH_REF, (m, id: string) => ids.get(id) ?? m);
  const segments = splitPath(path.replace(/[?#].*$/, ''));
  if (segments === undefined || segments.length === 0) return errorResult(op, new ScimHttpError(400, `Operation ${op.index}: path ${path} cannot be decoded`, 'invalidPath'), ctx.render.baseUrl, path);
  const headers = { ...ctx.headers };
  delete headers['if-match'];
  delete headers['if-none-match'];
  if (op.version !== undefined) headers['if-match'] = op.version;
  const data = resolveRefs('data' in override ? override.data : op.data, ids);
  const sub: RequestContext = { ...ctx, method: op.method, segments, query: new URLSearchParams(), headers, readBody: () => Promise.resolve(structuredClone(data)) };
  try {
    const result = await dispatch(sub);
    const body = isObject(result.body) ? result.body : undefined;
    const id = typeof body?.['id'] === 'string' ? body['id'] : undefined;
    if (op.method === 'POST' && op.bulkId !== undefined && id !== undefined) ids.set(op.bulkId, id);
    const location = result.headers?.['Location'] ?? `${ctx.render.baseUrl}${path}`;
    const etag = result.headers?.['ETag'];
    return {
      method: op.method,
      ...(op.bulkId !== undefined ? { bulkId: op.bulkId } : {}),
      ...(etag !== undefined ? { version: etag } : {}),
      location,
      status: String(result.status),
    };
  } catch (e) {
    return errorResult(op, e, ctx.render.baseUrl, path);
  }
}
