import { describe, expect, it } from 'vitest';
import { createFixtureFactory } from '../fixtures/builders.ts';
import { buildStateOffline } from '../fixtures/offline-state.ts';
import { getState, STATES } from '../fixtures/states.ts';
import { applyPatch, getValue, parsePatchRequest, PatchError } from '../patch/index.ts';
import { builtinResourceSchemas } from '../schemas/rfc7643.ts';
import type { ResourceSchema, ScimResource } from '../schemas/scim-schema.ts';
import { attributeScenarios } from './families/attributes.ts';
import { assertUniqueIds, generateScenarios, listFamilies } from './generate.ts';
import { hasPlaceholders, resolvePlaceholders } from './resolve-placeholders.ts';
import type { Assertion, Scenario } from './scenario.ts';

const schemas = builtinResourceSchemas();
const ctx = { schemas };
const scenarios = generateScenarios(ctx);

describe('generateScenarios on the RFC 7643 schemas', () => {
  it('produces at least 250 scenarios, about 200 of them schema-driven', () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(250);
    const own = attributeScenarios(ctx).length;
    expect(own).toBeGreaterThanOrEqual(180);
    expect(own).toBeLessThanOrEqual(260);
  });

  it('gives unique ids of the documented form, sorted', () => {
    const ids = scenarios.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z]+\.[a-z0-9.-]+$/);
    expect([...ids].sort()).toEqual(ids);
    for (const s of attributeScenarios(ctx)) {
      expect(s.id).toMatch(/^patch\.attr\.(user|group)\.(add|replace|remove|invalid-type)\.[a-z0-9-]+(\.[a-z0-9-]+)*$/);
      expect(s.id, 'no position numbers in ids').not.toMatch(/\.\d+(\.|$)/);
    }
  });

  it('is identical between runs', () => {
    expect(JSON.stringify(generateScenarios({ schemas: builtinResourceSchemas() }))).toBe(JSON.stringify(scenarios));
  });

  it('gives every scenario a level, an RFC reference, a known state and a title', () => {
    const levels = ['MUST', 'SHOULD', 'MAY', 'DERIVED', 'AMBIG', 'INTEROP'];
    for (const s of scenarios) {
      expect(levels, s.id).toContain(s.level);
      expect(s.refs.some((r) => /^RFC764[34]-/.test(r)), `${s.id} cites an RFC`).toBe(true);
      expect(Object.keys(STATES), s.id).toContain(s.state.name);
      expect(s.title.length, s.id).toBeGreaterThan(10);
      expect(s.family, s.id).not.toBe('');
    }
  });

  it('requires the capabilities its state and paths need', () => {
    for (const s of scenarios) {
      const stateNeeds = getState(s.state.name).requires ?? [];
      for (const cap of stateNeeds) expect(s.requires, `${s.id} needs ${cap}`).toContain(cap);
    }
    for (const s of attributeScenarios(ctx)) {
      if (JSON.stringify(s.request.body).includes('enterprise:2.0:User')) expect(s.requires, s.id).toContain('enterpriseUser');
      if (s.resource === 'Group') expect(s.requires, s.id).toContain('groups');
    }
  });

  it('never puts placeholders in assertion paths (the judge does not resolve them)', () => {
    for (const s of scenarios) {
      for (const a of [...assertionsOf(s.expect), ...(s.acceptable ? assertionsOf(s.acceptable) : [])]) {
        if ('path' in a) expect(hasPlaceholders(a.path), `${s.id}: ${a.path}`).toBe(false);
      }
    }
  });

  it('lists the families', () => {
    const families = listFamilies(scenarios);
    expect(families).toContain('attributes');
    expect(new Set(families).size).toBe(families.length);
  });

  it('rejects duplicate ids, naming the duplicate', () => {
    const one = scenarios[0] as Scenario;
    expect(() => assertUniqueIds([one, { ...one }])).toThrow(`duplicate scenario id "${one.id}"`);
  });
});

// The oracle cross-check: every scenario the oracle can judge is run offline against its starting
// state; a failure here is a bug in the scenario data (or in patch/), never something to relax.
describe('oracle cross-check', () => {
  const checkable = scenarios.filter(isCheckable);

  it('covers most scenarios', () => {
    // The PATCH oracle judges PATCH requests; lists, creates, PUT, DELETE, discovery and Bulk have oracles of their own.
    const patches = scenarios.filter((s) => s.check === undefined && (s.request.method ?? 'PATCH') === 'PATCH' && !['filter', 'pagination', 'sort', 'search', 'bulk', 'me', 'discovery'].includes(s.family)).length;
    expect(checkable.length).toBeGreaterThan(patches * 0.7);
  });

  it.each(checkable.map((s) => [s.id, s] as const))('%s', (_id, s) => crossCheck(s));

  it('fails on a scenario whose data is wrong', () => {
    const find = (id: string) => {
      const s = checkable.find((x) => x.id === id);
      if (!s) throw new Error(id);
      return structuredClone(s);
    };
    const wrongValue = find('patch.attr.user.replace.nick-name.path');
    wrongValue.expect = { kind: 'success', assertions: [{ kind: 'equals', path: 'nickName', value: 'something else' }] };
    expect(() => crossCheck(wrongValue)).toThrow();
    const wrongOutcome = find('patch.attr.user.remove.user-name.path');
    wrongOutcome.expect = { kind: 'success' };
    expect(() => crossCheck(wrongOutcome)).toThrow(/rejects a request/);
    const wrongType = find('patch.attr.user.invalid-type.active');
    wrongType.expect = { kind: 'error', status: [400], scimType: ['noTarget'] };
    expect(() => crossCheck(wrongType)).toThrow();
  });
});

function crossCheck(s: Scenario): void {
  const created = buildStateOffline(getState(s.state.name), {
    factory: createFixtureFactory({ seed: 1, marker: 'xcheck' }).scoped(s.id),
    schemas,
  });
  const alias = s.request.target as string;
  const before = created[alias];
  if (!before) throw new Error(`${s.id}: the state ${s.state.name} creates no "${alias}"`);
  const schema = (s.resource === 'User' ? schemas.User : schemas.Group) as ResourceSchema;
  const body = resolvePlaceholders(s.request.body, created);
  const run = () => applyPatch(before, parsePatchRequest(body, s.oracleOptions), schema, s.oracleOptions);

  if (s.expect.kind === 'error') {
    let thrown: unknown;
    try {
      run();
    } catch (e) {
      thrown = e;
    }
    expect(thrown, `${s.id}: the oracle accepts a request the scenario expects to fail`).toBeInstanceOf(PatchError);
    const err = thrown as PatchError;
    expect(s.expect.status, `${s.id}: oracle status ${err.status} (${err.detail})`).toContain(err.status);
    if (s.expect.scimType) expect(s.expect.scimType, `${s.id}: oracle scimType (${err.detail})`).toContain(err.scimType);
    return;
  }
  let result: ScimResource;
  let changed: boolean;
  try {
    ({ resource: result, changed } = run());
  } catch (e) {
    const detail = e instanceof PatchError ? `${e.status} ${e.scimType ?? ''} ${e.detail}` : String(e as Error);
    throw new Error(`${s.id}: the oracle rejects a request the scenario expects to succeed: ${detail}`);
  }
  if (s.expect.effect) expect(changed ? 'change' : 'no-change', `${s.id}: effect vs the oracle`).toBe(s.expect.effect);
  const visible = withoutNeverReturned(result, schema);
  // A projected 200 body (attributes / excludedAttributes) is not what the oracle models.
  const projected = s.request.query !== undefined;
  for (const a of s.expect.assertions ?? []) {
    if (projected && 'in' in a && a.in === 'response') continue;
    checkAssertion(s.id, a, visible, created, schema);
  }
}

function isCheckable(s: Scenario): boolean {
  if (s.check !== undefined) return false; // cross-cutting checks send no request of their own
  if (typeof s.request.target !== 'string') return false;
  const body = s.request.body;
  if (typeof body === 'object' && body !== null && 'raw' in body) return false;
  if (s.request.ifMatch !== undefined) return false;
  if (s.request.method === 'PUT' || s.request.method === 'DELETE' || s.request.method === 'POST') return false; // engine/lifecycle/ judges these
  if (s.expect.kind === 'error') return !s.expect.status.some((st) => st === 404 || st === 409 || st === 412) && s.expect.status.includes(400);
  // oracle:false marks request forms the oracle is not meant to judge (their assertions are the check).
  return s.expect.oracle !== false;
}

function assertionsOf(e: Scenario['expect']): Assertion[] {
  return e.assertions ?? [];
}

/** The server never returns these (password), so assertions about output cannot see them. */
function withoutNeverReturned(resource: ScimResource, schema: ResourceSchema): ScimResource {
  const never = new Set(schema.core.attributes.filter((a) => a.returned === 'never').map((a) => a.name.toLowerCase()));
  return Object.fromEntries(Object.entries(resource).filter(([k]) => !never.has(k.toLowerCase())));
}

function unassigned(v: unknown): boolean {
  return v === undefined || v === null || (Array.isArray(v) && v.length === 0);
}

function checkAssertion(id: string, a: Assertion, res: ScimResource, created: Record<string, ScimResource>, schema: ResourceSchema): void {
  const at = (path: string) => getValue(res, path, schema);
  switch (a.kind) {
    case 'equals':
      expect(at(a.path), `${id}: ${a.path}`).toEqual(resolvePlaceholders(a.value, created));
      break;
    case 'absent':
      expect(unassigned(at(a.path)), `${id}: ${a.path} should be absent, is ${JSON.stringify(at(a.path))}`).toBe(true);
      break;
    case 'present':
      expect(unassigned(at(a.path)), `${id}: ${a.path} should be present`).toBe(false);
      break;
    case 'count': {
      const v = at(a.path);
      const n = unassigned(v) ? 0 : Array.isArray(v) ? v.length : 1;
      expect(n, `${id}: count of ${a.path}`).toBe(a.count);
      break;
    }
    case 'members': {
      const want = a.aliases.map((al) => created[al]?.['id']).sort();
      const got = (Array.isArray(res['members']) ? (res['members'] as ScimResource[]) : []).map((m) => m['value']).sort();
      expect(got, `${id}: members`).toEqual(want);
      break;
    }
    case 'single-primary':
      for (const [k, v] of Object.entries(res)) {
        if (Array.isArray(v)) expect(v.filter((e) => (e as ScimResource)?.['primary'] === true).length, `${id}: ${k} primaries`).toBeLessThanOrEqual(1);
      }
      break;
    case 'only-attributes':
      break; // about the shape of a 200 body, which the oracle does not produce
  }
}
