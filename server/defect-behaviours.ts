// How each seeded defect (catalogue in defects.ts) bends the reference server. Nothing here
// changes patch/: a defect calls it with other options, rewrites the operations before they are
// applied, post-processes the result, or changes how the HTTP layer answers.
import { applyPatch, canonicalizeResource, getValue, matchesFilter, parsePath, resolveTarget } from '../patch/index.ts';
import type { PatchOperation, Target } from '../patch/index.ts';
import { filterScope } from '../patch/resolve-attribute.ts';
import type { ResourceSchema } from '../schemas/scim-schema.ts';
import { URN } from '../schemas/scim-schema.ts';
import type { DefectHooks, PatchCall } from './defect-hooks.ts';
import { HTTP_BEHAVIOURS } from './defect-http-behaviours.ts';
import { LIST_BEHAVIOURS } from './defect-list.ts';
import { LIFECYCLE_BEHAVIOURS } from './defect-lifecycle.ts';
import { PROTOCOL_BEHAVIOURS } from './defect-protocol.ts';
import type { DefectName } from './defects.ts';
import { errorBody, ScimHttpError } from './errors.ts';
import { checkIfMatch, formatETag } from './etag.ts';
import type { HttpResult } from './http-io.ts';
import { isObject } from '../patch/json-value.ts';

const KNOWN_OPS = ['add', 'remove', 'replace'];

const opOf = (o: PatchOperation): string => o.op.toLowerCase();

/** The resolved target of a path, or undefined when the clean server would reject it anyway. */
function targetOf(path: string | undefined, schema: ResourceSchema): Target | undefined {
  if (path === undefined) return undefined;
  try {
    return resolveTarget(parsePath(path), schema);
  } catch {
    return undefined;
  }
}

/** A top-level attribute target (core schema), as most defects only bother with those. */
function topLevel(t: Target | undefined): (Target & { kind: 'attribute' }) | undefined {
  return t !== undefined && t.kind === 'attribute' && t.container === null ? t : undefined;
}

function sameName(path: string | undefined, name: string): boolean {
  return path !== undefined && path.trim().toLowerCase() === name.toLowerCase();
}

/** Indexes of the elements of a top-level multi-valued attribute that the target's filter selects. */
function matchedIndexes(t: Target & { kind: 'attribute' }, call: PatchCall): number[] {
  const filter = t.filter;
  if (filter === undefined) return [];
  const list = canonicalizeResource(call.before, call.schema)[t.def.name];
  if (!Array.isArray(list)) return [];
  const scope = filterScope(t.def);
  return list.flatMap((element, i) => (matchesFilter(filter, element, scope) ? [i] : []));
}

function stashed<T>(call: PatchCall, key: DefectName, fallback: T): T {
  if (!call.stash.has(key)) call.stash.set(key, fallback);
  return call.stash.get(key) as T;
}

/** Path-less operations whose value object has a key (any case) named `name`: the key is taken out. */
function takeKey(ops: PatchOperation[], name: string, onValue: (v: unknown) => void): PatchOperation[] {
  return ops.map((o) => {
    if (o.path !== undefined || !isObject(o.value)) return o;
    const key = Object.keys(o.value).find((k) => k.toLowerCase() === name.toLowerCase());
    if (key === undefined) return o;
    const { [key]: taken, ...rest } = o.value;
    onValue(taken);
    return { ...o, value: rest };
  });
}

/** Operations on `name` (add/replace) are set aside: the defect applies their value itself. */
function setAside(ops: PatchOperation[], name: string, call: PatchCall, key: DefectName): PatchOperation[] {
  const keep = ops.filter((o) => {
    if (!sameName(o.path, name) || opOf(o) === 'remove') return true;
    call.stash.set(key, { value: o.value });
    return false;
  });
  return takeKey(keep, name, (value) => call.stash.set(key, { value }));
}

function stashedValue(call: PatchCall, key: DefectName): { value: unknown } | undefined {
  return call.stash.get(key) as { value: unknown } | undefined;
}

/** The JSON type does not fit the attribute (what the clean server answers 400 invalidValue for). */
function wrongType(type: string, value: unknown): boolean {
  if (value === null) return false;
  switch (type) {
    case 'boolean':
      return typeof value !== 'boolean' && !(typeof value === 'string' && /^(true|false)$/i.test(value));
    case 'integer':
    case 'decimal':
      return typeof value !== 'number';
    case 'complex':
      return false;
    default:
      return typeof value !== 'string';
  }
}

function errorText(result: HttpResult): string {
  const body = isObject(result.body) ? result.body : {};
  return typeof body['detail'] === 'string' ? body['detail'] : `HTTP ${result.status}`;
}

function isPatchOfOne(request: { method: string; path: string }): boolean {
  return request.method === 'PATCH' && /\/(Users|Groups)\/[^/]+$/.test(request.path);
}

export const BEHAVIOURS: Record<DefectName, DefectHooks> = {
  ...HTTP_BEHAVIOURS,
  ...LIST_BEHAVIOURS,
  ...LIFECYCLE_BEHAVIOURS,
  ...PROTOCOL_BEHAVIOURS,

  'op-case-sensitive': {
    operations: (ops) => ops.filter((o) => o.op === o.op.toLowerCase()),
  },

  'attribute-case-sensitive': {
    // A name that differs from the schema's spelling finds nothing and the operation is skipped.
    operations: (ops, call) =>
      ops.filter((o) => {
        const t = targetOf(o.path, call.schema);
        if (o.path === undefined || t === undefined || t.kind !== 'attribute') return true;
        const parsed = parsePath(o.path);
        const sub = parsed.attr.subAttr ?? parsed.valueSubAttr;
        return parsed.attr.name === t.def.name && (sub === undefined || sub === t.sub?.name);
      }),
  },

  'partial-apply': {
    // Each operation is written as it succeeds: the longest prefix that works stays stored.
    failed: (_e, ops, commit) => {
      for (let k = ops.length - 1; k >= 1; k--) if (commit(ops.slice(0, k))) return;
    },
  },

  'value-path-replace-appends': {
    patchOptions: (o) => ({ ...o, replaceValuePathUpserts: true }),
  },

  'filtered-remove-removes-all': {
    operations: (ops) =>
      ops.map((o) => {
        if (opOf(o) !== 'remove' || o.path === undefined) return o;
        try {
          const parsed = parsePath(o.path);
          return parsed.filter !== undefined && parsed.valueSubAttr === undefined ? { ...o, path: parsed.attr.text } : o;
        } catch {
          return o;
        }
      }),
  },

  'filtered-replace-wipes-siblings': {
    operations: (ops, call) => {
      const wipes = stashed<Array<{ attr: string; sub: string; indexes: number[]; value: unknown }>>(call, 'filtered-replace-wipes-siblings', []);
      for (const o of ops) {
        const t = topLevel(targetOf(o.path, call.schema));
        if (opOf(o) !== 'replace' || t?.filter === undefined || t.sub === undefined) continue;
        wipes.push({ attr: t.def.name, sub: t.sub.name, indexes: matchedIndexes(t, call), value: o.value });
      }
      return ops;
    },
    patched: (resource, call) => {
      for (const w of stashed<Array<{ attr: string; sub: string; indexes: number[]; value: unknown }>>(call, 'filtered-replace-wipes-siblings', [])) {
        const list = resource[w.attr];
        if (!Array.isArray(list)) continue;
        for (const i of w.indexes) if (i < list.length) list[i] = { [w.sub]: w.value };
      }
      return resource;
    },
  },

  'filtered-replace-first-match-only': {
    operations: (ops, call) => {
      const restore = stashed<Array<{ attr: string; indexes: number[] }>>(call, 'filtered-replace-first-match-only', []);
      for (const o of ops) {
        const t = topLevel(targetOf(o.path, call.schema));
        if (opOf(o) === 'replace' && t?.filter !== undefined) restore.push({ attr: t.def.name, indexes: matchedIndexes(t, call).slice(1) });
      }
      return ops;
    },
    patched: (resource, call) => {
      const before = canonicalizeResource(call.before, call.schema);
      for (const r of stashed<Array<{ attr: string; indexes: number[] }>>(call, 'filtered-replace-first-match-only', [])) {
        const list = resource[r.attr];
        const old = before[r.attr];
        if (!Array.isArray(list) || !Array.isArray(old) || list.length !== old.length) continue;
        for (const i of r.indexes) list[i] = structuredClone(old[i]);
      }
      return resource;
    },
  },

  'pathless-remove-accepted': {
    operations: (ops) => ops.filter((o) => !(opOf(o) === 'remove' && o.path === undefined)),
  },

  'extension-urn-split': {
    // "urn:ietf:params:…:User:employeeNumber" split at the first colon names an attribute "urn".
    operations: (ops, call) => {
      for (const o of ops) {
        const lower = o.path?.trim().toLowerCase();
        if (lower?.startsWith('urn:') && !lower.startsWith(`${call.schema.core.id.toLowerCase()}:`)) {
          throw new ScimHttpError(400, `No attribute "urn" in ${call.schema.resourceType.name}`, 'noTarget');
        }
      }
      return ops;
    },
  },

  'add-multi-valued-replaces': {
    operations: (ops, call) =>
      ops.map((o) => {
        const t = targetOf(o.path, call.schema);
        const whole = t?.kind === 'attribute' && t.def.multiValued && t.sub === undefined && t.filter === undefined;
        return opOf(o) === 'add' && whole ? { ...o, op: 'replace' } : o;
      }),
  },

  'primary-not-normalised': {
    patchOptions: (o) => ({ ...o, normalizePrimary: false }),
  },

  'username-uniqueness-unchecked': {
    uniqueness: () => undefined,
  },

  'uniqueness-case-exact': {
    uniqueness: (data, call, check) => {
      try {
        check();
      } catch (e) {
        const userName = data['userName'];
        const holder = typeof userName === 'string' ? call.store.findByUserName(userName) : undefined;
        if (holder !== undefined && holder.data['userName'] !== userName) return;
        throw e;
      }
    },
  },

  'uniqueness-400': {
    uniqueness: (_data, _call, check) => {
      try {
        check();
      } catch (e) {
        if (e instanceof ScimHttpError && e.status === 409) throw new ScimHttpError(400, e.detail, 'uniqueness');
        throw e;
      }
    },
  },

  'conflict-without-scimtype': {
    errorResponse: (result) => {
      if (result.status !== 409 || !isObject(result.body)) return result;
      const { scimType: _dropped, ...body } = result.body;
      return { ...result, body };
    },
  },

  'if-match-ignored': {
    precondition: () => undefined,
  },

  'if-match-after-apply': {
    // Compares the client's tag with the version the patched resource is about to get.
    precondition: (call) => {
      if (call.ifMatch !== undefined) checkIfMatch(call.ifMatch, formatETag(call.current.version + 1));
    },
  },

  'version-unchanged-on-change': {
    written: (outcome, call) =>
      outcome.changed ? { ...outcome, record: call.store.restamp(outcome.record.id, { version: call.current.version }) ?? outcome.record } : outcome,
  },

  'version-bumped-on-no-op': {
    written: (outcome, call) => {
      if (outcome.changed) return outcome;
      call.store.touch(outcome.record.id);
      return { record: call.store.find(outcome.record.id) ?? outcome.record, changed: true };
    },
  },

  'password-returned': {
    patchResponse: (result, view) => {
      const password = view.render(view.record)['password'];
      if (password === undefined || !isObject(result.body)) return result;
      return { ...result, body: { ...result.body, password } };
    },
  },

  'id-writable': {
    operations: (ops, call) => setAside(ops, 'id', call, 'id-writable'),
    stored: (data, call) => {
      const id = stashedValue(call, 'id-writable');
      return id === undefined ? data : { ...data, id: id.value };
    },
  },

  'meta-writable': {
    operations: (ops, call) => {
      const keep = ops.filter((o) => {
        if (!sameName(o.path, 'meta.lastModified') || opOf(o) === 'remove') return true;
        call.stash.set('meta-writable', { value: o.value });
        return false;
      });
      return takeKey(keep, 'meta', (meta) => {
        const lastModified = isObject(meta) ? meta['lastModified'] : undefined;
        if (lastModified !== undefined) call.stash.set('meta-writable', { value: lastModified });
      });
    },
    written: (outcome, call) => {
      const stamp = stashedValue(call, 'meta-writable');
      if (stamp === undefined || typeof stamp.value !== 'string') return outcome;
      return { ...outcome, record: call.store.restamp(outcome.record.id, { lastModified: stamp.value }) ?? outcome.record };
    },
  },

  'required-removable': {
    operations: (ops, call) =>
      ops.filter((o) => {
        const t = topLevel(targetOf(o.path, call.schema));
        if (opOf(o) !== 'remove' || t?.def.name !== 'userName' || t.sub !== undefined) return true;
        call.stash.set('required-removable', true);
        return false;
      }),
    patched: (resource, call) => {
      if (call.stash.get('required-removable') === true) delete resource['userName'];
      return resource;
    },
  },

  'unknown-op-500': {
    operations: (ops) => {
      // The op string is looked up in a table without a fallback.
      const bad = ops.find((o) => !KNOWN_OPS.includes(opOf(o)));
      if (bad !== undefined) throw new TypeError(`Cannot read properties of undefined (reading 'apply')`);
      return ops;
    },
  },

  'error-status-number': {
    errorResponse: (result) =>
      isObject(result.body) ? { ...result, body: { ...result.body, status: result.status } } : result,
  },

  'error-plain-text': {
    errorResponse: (result) => ({
      status: result.status,
      ...(result.headers ? { headers: result.headers } : {}),
      text: { contentType: 'text/plain; charset=utf-8', content: errorText(result) },
    }),
  },

  'error-without-schemas': {
    errorResponse: (result) => {
      if (!isObject(result.body)) return result;
      const { schemas: _dropped, ...body } = result.body;
      return { ...result, body };
    },
  },

  'unknown-resource-200': {
    errorResponse: (result, _e, request) => {
      if (result.status !== 404 || !isPatchOfOne(request)) return result;
      const id = decodeURIComponent(request.path.slice(request.path.lastIndexOf('/') + 1));
      const schema = request.path.includes('/Groups/') ? URN.group : URN.user;
      return { status: 200, body: { schemas: [schema], id } };
    },
  },

  'unknown-resource-400': {
    errorResponse: (result, _e, request) => {
      if (result.status !== 404 || !isPatchOfOne(request)) return result;
      return { status: 400, body: errorBody(400, errorText(result), 'invalidValue') };
    },
  },

  'remove-members-value-wipes': {
    operations: (ops) => ops.map((o) => (opOf(o) === 'remove' && sameName(o.path, 'members') ? { op: o.op, path: o.path as string } : o)),
  },

  'empty-operations-500': {
    body: (body) => {
      const key = isObject(body) ? Object.keys(body).find((k) => k.toLowerCase() === 'operations') : undefined;
      const operations = key === undefined ? undefined : (body as Record<string, unknown>)[key];
      if (Array.isArray(operations) && operations.length === 0) throw new TypeError(`Cannot read properties of undefined (reading 'op')`);
      return body;
    },
  },

  'empty-operations-accepted': {
    patchOptions: (o) => ({ ...o, allowEmptyOperations: true }),
  },

  'wrong-type-accepted': {
    operations: (ops, call) => {
      const raw = stashed<Record<string, unknown>>(call, 'wrong-type-accepted', {});
      const fits = (name: string, value: unknown): boolean => {
        const t = topLevel(targetOf(name, call.schema));
        if (t === undefined || t.sub !== undefined || t.def.multiValued || !wrongType(t.def.type, value)) return true;
        raw[t.def.name] = value;
        return false;
      };
      return ops.flatMap((o) => {
        if ((opOf(o) !== 'add' && opOf(o) !== 'replace') || o.value === undefined) return [o];
        if (o.path !== undefined) return fits(o.path, o.value) ? [o] : [];
        if (!isObject(o.value)) return [o];
        const value = Object.fromEntries(Object.entries(o.value).filter(([k, v]) => fits(k, v)));
        return Object.keys(value).length > 0 ? [{ ...o, value }] : [];
      });
    },
    patched: (resource, call) => ({ ...resource, ...stashed<Record<string, unknown>>(call, 'wrong-type-accepted', {}) }),
  },

  'attributes-param-ignored': {
    patchResponse: (result, view) => {
      const { attributes, excludedAttributes } = view.projection;
      if (attributes === undefined && excludedAttributes === undefined) return result;
      return { ...result, body: view.project(view.render(view.record), {}) };
    },
  },

  'stale-response-body': {
    patchResponse: (result, view) => ({ ...result, body: view.project(view.render(view.previous), view.projection) }),
  },

  'groups-writable': {
    operations: (ops, call) => (call.schema.resourceType.name === 'User' ? setAside(ops, 'groups', call, 'groups-writable') : ops),
    stored: (data, call) => {
      const groups = stashedValue(call, 'groups-writable');
      return groups === undefined ? data : { ...data, groups: groups.value };
    },
  },

  'complex-replace-overwrites': {
    // replace on a complex attribute is run as "unassign, then add", losing what was not sent.
    operations: (ops, call) =>
      ops.flatMap((o) => {
        if (opOf(o) !== 'replace') return [o];
        const isWholeComplex = (path: string): boolean => {
          const t = targetOf(path, call.schema);
          return t?.kind === 'attribute' && t.def.type === 'complex' && !t.def.multiValued && t.sub === undefined;
        };
        if (o.path !== undefined) return isWholeComplex(o.path) ? [{ op: 'remove', path: o.path }, { ...o, op: 'add' }] : [o];
        if (!isObject(o.value)) return [o];
        const wiped = Object.keys(o.value).filter(isWholeComplex);
        return [...wiped.map((path) => ({ op: 'remove', path })), o];
      }),
  },

  'filtered-remove-no-match-500': {
    // The matching elements are looked up and the first one dereferenced without a check.
    operations: (ops, call) => {
      ops.forEach((o, i) => {
        if (opOf(o) !== 'remove' || o.path === undefined || !o.path.includes('[')) return;
        let matched: unknown;
        try {
          const state = applyPatch(call.before, ops.slice(0, i), call.schema).resource;
          matched = getValue(state, o.path.slice(0, o.path.lastIndexOf(']') + 1), call.schema);
        } catch {
          return;
        }
        if (Array.isArray(matched) && matched.length === 0) throw new TypeError(`Cannot read properties of undefined (reading 'remove')`);
      });
      return ops;
    },
  },

  'value-path-add-rejected': {
    operations: (ops) => {
      const bad = ops.find((o) => opOf(o) === 'add' && o.path?.includes('['));
      if (bad !== undefined) throw new ScimHttpError(400, `"${bad.path}": a value filter is not allowed in an add path`, 'invalidPath');
      return ops;
    },
  },

  'group-replace-empties-members': {
    operations: (ops, call) => {
      const touchesOther = (o: PatchOperation): boolean =>
        o.path === undefined
          ? isObject(o.value) && Object.keys(o.value).some((k) => k.toLowerCase() !== 'members')
          : !o.path.trim().toLowerCase().startsWith('members');
      if (call.schema.resourceType.name === 'Group' && ops.some((o) => opOf(o) === 'replace' && touchesOther(o))) {
        call.stash.set('group-replace-empties-members', true);
      }
      return ops;
    },
    stored: (data, call) => {
      if (call.stash.get('group-replace-empties-members') !== true) return data;
      const { members: _dropped, ...rest } = data;
      return rest;
    },
  },

  'group-external-id-ignored': {
    operations: (ops, call) => {
      if (call.schema.resourceType.name !== 'Group') return ops;
      return takeKey(
        ops.filter((o) => !sameName(o.path, 'externalId')),
        'externalId',
        () => undefined,
      );
    },
  },

  'missing-value-accepted': {
    operations: (ops) => ops.filter((o) => !['add', 'replace'].includes(opOf(o)) || o.value !== undefined),
  },

  'schemas-not-checked': {
    body: (body) => {
      if (!isObject(body)) return body;
      const rest = Object.fromEntries(Object.entries(body).filter(([k]) => k.toLowerCase() !== 'schemas'));
      return { ...rest, schemas: [URN.patchOp] };
    },
  },

  'urn-qualified-path-ignored': {
    operations: (ops, call) => ops.filter((o) => !o.path?.trim().toLowerCase().startsWith(`${call.schema.core.id.toLowerCase()}:`)),
  },

  'manager-value-rejected': {
    operations: (ops) => {
      const bad = ops.find((o) => o.path?.trim().toLowerCase().endsWith(':manager.value') || sameName(o.path, 'manager.value'));
      if (bad !== undefined) throw new ScimHttpError(400, `"${bad.path}" is not a valid path`, 'invalidPath');
      return ops;
    },
  },

  'member-errors-500': {
    errorResponse: (result, _error, request) => {
      const detail = isObject(result.body) ? result.body['detail'] : undefined;
      const memberError = result.status === 400 && typeof detail === 'string' && /member/i.test(detail);
      if (!memberError || request.method !== 'PATCH' || !request.path.includes('/Groups/')) return result;
      return { status: 500, body: errorBody(500, 'Internal server error') };
    },
  },
};
