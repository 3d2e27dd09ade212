// The hook points where seeded defects (defects.ts) bend the reference server. Every hook is
// optional and the runtime with no defect returns its inputs untouched, so the clean server
// behaves exactly as if the hooks were not there.
import type { PatchOperation, PatchOptions } from '../patch/index.ts';
import type { AttributeDef, ResourceSchema, ScimResource } from '../schemas/scim-schema.ts';
import type { ListQuery } from './list-query.ts';
import type { HttpResult } from './http-io.ts';
import type { Projection } from './project-attributes.ts';
import type { ResourceStore, StoredResource } from './store.ts';
import type { BulkOptions } from './bulk.ts';

/** One PATCH request as the service handles it. */
export interface PatchCall {
  schema: ResourceSchema;
  store: ResourceStore;
  /** The stored record before the PATCH. */
  current: StoredResource;
  /** The full representation PATCH operates on (before the operations). */
  before: ScimResource;
  ifMatch: string | undefined;
  /** Per-request scratch space, keyed by defect name (operations set aside for later). */
  stash: Map<string, unknown>;
}

export interface PatchOutcomeView {
  record: StoredResource;
  changed: boolean;
}

/** What a PATCH response hook can see to build a (wrong) answer. */
export interface PatchResponseView {
  schema: ResourceSchema;
  record: StoredResource;
  /** The record before the PATCH. */
  previous: StoredResource;
  projection: Projection;
  render(record: StoredResource): ScimResource;
  project(resource: ScimResource, projection: Projection): ScimResource;
}

/** The request line as the HTTP layer sees it. */
export interface ErrorRequest {
  method: string;
  /** Request path without the query. */
  path: string;
}

export interface DefectHooks {
  patchOptions?(options: PatchOptions): PatchOptions;
  /** The PATCH body before the envelope is parsed. */
  body?(body: unknown): unknown;
  /** Runs (or skips, or replaces) the If-Match check. */
  precondition?(call: PatchCall, check: () => void): void;
  /** The parsed operations before they are applied; may throw. */
  operations?(ops: PatchOperation[], call: PatchCall): PatchOperation[];
  /** The patched resource, before it is reduced to stored data. */
  patched?(resource: ScimResource, call: PatchCall): ScimResource;
  /** The data about to be stored. */
  stored?(data: ScimResource, call: PatchCall): ScimResource;
  /** Runs (or skips, or bends) the userName uniqueness check. */
  uniqueness?(data: ScimResource, call: PatchCall, check: () => void): void;
  /** The request failed; `commit` applies and stores a subset of its operations (false if that fails too). */
  failed?(error: unknown, ops: PatchOperation[], commit: (subset: PatchOperation[]) => boolean): void;
  /** After the write (or the decision not to write). */
  written?(outcome: PatchOutcomeView, call: PatchCall): PatchOutcomeView;
  /** The 200 answer of a successful PATCH. */
  patchResponse?(result: HttpResult, view: PatchResponseView): HttpResult;
  /** Any error answer. */
  errorResponse?(result: HttpResult, error: unknown, request: ErrorRequest): HttpResult;
  /** The query parameters the server reads for a request (a defect may drop some). */
  query?(query: URLSearchParams, request: ErrorRequest): URLSearchParams;
  /** Any answer that is not an error, as routed (a create's 201, a read's 200). */
  response?(result: HttpResult, request: ErrorRequest): HttpResult;
  /** The query a list or search runs with (the answer still echoes the one asked). */
  listQuery?(query: ListQuery, request: ListRequest): ListQuery;
  /** The attribute definitions a list filter is evaluated with. */
  filterScope?(defs: AttributeDef[]): AttributeDef[];
  /** A lifecycle defect (defect-lifecycle.ts): create, GET, PUT and DELETE ask that module by name. */
  lifecycle?: string;
  /** How /Bulk processes a request (bulk.ts). */
  bulkOptions?(options: BulkOptions): BulkOptions;
}

/** Which list request: a GET of a collection, a POST /.search of one type, or a root POST /.search. */
export interface ListRequest {
  search: boolean;
  root: boolean;
}

/** The per-request face of the runtime inside ResourceService.patch. */
export interface PatchHooks {
  precondition(check: () => void): void;
  patchOptions(options: PatchOptions): PatchOptions;
  body(body: unknown): unknown;
  operations(ops: PatchOperation[]): PatchOperation[];
  patched(resource: ScimResource): ScimResource;
  stored(data: ScimResource): ScimResource;
  uniqueness(data: ScimResource, check: () => void): void;
  failed(error: unknown, ops: PatchOperation[], commit: (subset: PatchOperation[]) => boolean): void;
  written(outcome: PatchOutcomeView): PatchOutcomeView;
}

const IDENTITY: PatchHooks = {
  precondition: (check) => check(),
  patchOptions: (o) => o,
  body: (b) => b,
  operations: (ops) => ops,
  patched: (r) => r,
  stored: (d) => d,
  uniqueness: (_d, check) => check(),
  failed: () => undefined,
  written: (o) => o,
};

/** The hooks of the enabled defects, composed in order. */
export class DefectRuntime {
  readonly names: readonly string[];
  private readonly hooks: readonly DefectHooks[];

  constructor(names: readonly string[] = [], hooks: readonly DefectHooks[] = []) {
    this.names = names;
    this.hooks = hooks;
  }

  get active(): boolean {
    return this.hooks.length > 0;
  }

  forPatch(call: Omit<PatchCall, 'stash'>): PatchHooks {
    if (!this.active) return IDENTITY;
    const c: PatchCall = { ...call, stash: new Map() };
    const hs = this.hooks;
    const fold = <T>(value: T, f: (h: DefectHooks, v: T) => T): T => hs.reduce((v, h) => f(h, v), value);
    // Each wrapping hook receives the check built by the ones before it.
    const chain = (check: () => void, pick: (h: DefectHooks, next: () => void) => (() => void) | undefined) =>
      hs.reduce<() => void>((next, h) => pick(h, next) ?? next, check);
    return {
      precondition: (check) => chain(check, (h, next) => (h.precondition ? () => h.precondition!(c, next) : undefined))(),
      patchOptions: (o) => fold(o, (h, v) => h.patchOptions?.(v) ?? v),
      body: (b) => fold(b, (h, v) => (h.body ? h.body(v) : v)),
      operations: (ops) => fold(ops, (h, v) => h.operations?.(v, c) ?? v),
      patched: (r) => fold(r, (h, v) => h.patched?.(v, c) ?? v),
      stored: (d) => fold(d, (h, v) => h.stored?.(v, c) ?? v),
      uniqueness: (data, check) => chain(check, (h, next) => (h.uniqueness ? () => h.uniqueness!(data, c, next) : undefined))(),
      failed: (e, ops, commit) => hs.forEach((h) => h.failed?.(e, ops, commit)),
      written: (o) => fold(o, (h, v) => h.written?.(v, c) ?? v),
    };
  }

  patchResponse(result: HttpResult, view: () => PatchResponseView): HttpResult {
    if (!this.active) return result;
    let v: PatchResponseView | undefined;
    return this.hooks.reduce((r, h) => (h.patchResponse ? h.patchResponse(r, (v ??= view())) : r), result);
  }

  errorResponse(result: HttpResult, error: unknown, request: ErrorRequest): HttpResult {
    if (!this.active) return result;
    return this.hooks.reduce((r, h) => (h.errorResponse ? h.errorResponse(r, error, request) : r), result);
  }

  query(query: URLSearchParams, request: ErrorRequest): URLSearchParams {
    if (!this.active) return query;
    return this.hooks.reduce((q, h) => (h.query ? h.query(q, request) : q), query);
  }

  response(result: HttpResult, request: ErrorRequest): HttpResult {
    if (!this.active) return result;
    return this.hooks.reduce((r, h) => (h.response ? h.response(r, request) : r), result);
  }

  listQuery(query: ListQuery, request: ListRequest): ListQuery {
    if (!this.active) return query;
    return this.hooks.reduce((q, h) => (h.listQuery ? h.listQuery(q, request) : q), query);
  }

  filterScope(defs: AttributeDef[]): AttributeDef[] {
    if (!this.active) return defs;
    return this.hooks.reduce((d, h) => (h.filterScope ? h.filterScope(d) : d), defs);
  }

  bulkOptions(options: BulkOptions): BulkOptions {
    if (!this.active) return options;
    return this.hooks.reduce((o, h) => (h.bulkOptions ? h.bulkOptions(o) : o), options);
  }
}

export const NO_DEFECTS = new DefectRuntime();
