import { describe, expect, it } from 'vitest';
import { STATE_NAMES, getState } from '../../fixtures/states.ts';
import { builtinResourceSchemas } from '../../schemas/rfc7643.ts';
import { SCIM_TYPES, URN } from '../../schemas/scim-schema.ts';
import { resolvePlaceholders } from '../resolve-placeholders.ts';
import type { Expectation, Scenario } from '../scenario.ts';
import { CATALOG_FAMILIES, catalogScenarios } from './index.ts';
import { simulateState } from './simulate-state.ts';

const schemas = builtinResourceSchemas();
// The PATCH families (the request families, create and read, have their own tests).
const all = catalogScenarios({ schemas }).filter((s) => s.family in CATALOG_FAMILIES);
const LEVELS = ['MUST', 'SHOULD', 'MAY', 'DERIVED', 'AMBIG', 'INTEROP'];
const EXPECTED_FAMILIES = [
  'envelope', 'bad-path', 'case-insensitive', 'add', 'remove', 'replace', 'extension',
  'mutability', 'primary', 'atomic', 'versioning', 'group', 'response', 'errors',
];

function expectations(s: Scenario): Expectation[] {
  return [s.expect, ...(s.acceptable ? [s.acceptable] : []), ...(s.alsoConformant ?? [])];
}

function placeholderAliases(value: unknown): string[] {
  const text = JSON.stringify(value) ?? '';
  return [...text.matchAll(/\{([A-Za-z][A-Za-z0-9_-]*)\.[^{}|"]+(?:\|[a-z]+)?\}/g)].map((m) => m[1] ?? '');
}

describe('catalog scenarios: shape', () => {
  it('has well over a hundred scenarios, in every family', () => {
    expect(all.length).toBeGreaterThanOrEqual(100);
    expect(Object.keys(CATALOG_FAMILIES).sort()).toEqual([...EXPECTED_FAMILIES].sort());
    for (const family of EXPECTED_FAMILIES) {
      expect(all.filter((s) => s.family === family).length, family).toBeGreaterThan(0);
    }
  });

  it('has unique, well-formed ids that start with patch.<family>.', () => {
    const ids = all.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const s of all) {
      expect(s.id).toMatch(/^patch\.[a-z0-9]+(?:-[a-z0-9]+)*(?:\.[a-z0-9]+(?:-[a-z0-9]+)*)+$/);
      expect(s.id.startsWith(`patch.${s.family}.`), s.id).toBe(true);
    }
  });

  it('gives every scenario a level, an RFC ref, a catalog ref and a one-sentence title', () => {
    for (const s of all) {
      expect(LEVELS, s.id).toContain(s.level);
      expect(s.refs.some((r) => /^RFC(7643|7644|7232)-\d+(\.\d+)*$/.test(r)), `${s.id} RFC ref`).toBe(true);
      expect(s.refs.some((r) => /^PATCH-[A-Z]+-\d{2}$/.test(r)), `${s.id} catalog ref`).toBe(true);
      for (const r of s.refs) expect(r, s.id).toMatch(/^(RFC\d{4}-\d+(\.\d+)*|PATCH-[A-Z]+-\d{2})$/);
      expect(s.title, s.id).toMatch(/^The server (must|should|may) .+\.$/);
      expect(s.title.length, s.id).toBeLessThan(160);
    }
  });

  it('names a known starting state and aliases that state creates', () => {
    for (const s of all) {
      expect(STATE_NAMES, s.id).toContain(s.state.name);
      const aliases = getState(s.state.name).resources.map((r) => r.alias);
      const used = [
        ...placeholderAliases(s.request.body),
        ...expectations(s).flatMap((e) => placeholderAliases(e.assertions ?? [])),
      ];
      for (const alias of used) expect(aliases, `${s.id} uses {${alias}.…}`).toContain(alias);
      const target = s.request.target;
      if (typeof target === 'string') expect(aliases, s.id).toContain(target);
      if (typeof target === 'object' && 'deleted' in target) expect(aliases, s.id).toContain(target.deleted);
      if (typeof target === 'object' && 'unknown' in target) expect(target.unknown).toBe(s.resource);
    }
  });

  it('keeps placeholders out of assertion paths (only values are resolved)', () => {
    for (const s of all) {
      for (const e of expectations(s)) {
        for (const a of e.assertions ?? []) {
          if ('path' in a) expect(a.path, s.id).not.toMatch(/\{[A-Za-z][A-Za-z0-9_-]*\./);
        }
      }
    }
  });

  it('declares the capabilities a scenario depends on', () => {
    for (const s of all) {
      expect(s.requires, s.id).toContain('patch');
      if (s.resource === 'Group' || s.state.name.startsWith('group.')) expect(s.requires, s.id).toContain('groups');
      const body = JSON.stringify(s.request.body).toLowerCase();
      if (body.includes(URN.enterpriseUser.toLowerCase())) expect(s.requires, s.id).toContain('enterpriseUser');
      if (s.request.ifMatch && s.request.ifMatch !== '*') expect(s.requires, s.id).toContain('etag');
      if (body.includes('password')) expect(s.requires, s.id).toContain('changePassword');
    }
  });

  it('gives every AMBIG scenario an acceptable or equally conformant outcome and every error a status and known scimTypes', () => {
    for (const s of all) {
      if (s.level === 'AMBIG') expect(s.acceptable ?? s.alsoConformant?.[0], s.id).toBeDefined();
      for (const e of expectations(s)) {
        if (e.kind === 'error') {
          expect(e.status.length, s.id).toBeGreaterThan(0);
          for (const status of e.status) expect(status >= 400 && status < 500, `${s.id} ${status}`).toBe(true);
          for (const t of e.scimType ?? []) expect(SCIM_TYPES, s.id).toContain(t);
        } else {
          for (const status of e.status ?? []) expect(status >= 200 && status < 300, `${s.id} ${status}`).toBe(true);
        }
      }
      expect(JSON.stringify(s.expect) === JSON.stringify(s.acceptable), `${s.id}: acceptable equals expect`).toBe(false);
    }
  });

  it('sends PatchOp bodies except where the envelope itself is under test', () => {
    for (const s of all) {
      const body = s.request.body as Record<string, unknown>;
      if (s.family === 'envelope' || 'raw' in body) continue;
      expect(body['schemas'], s.id).toEqual([URN.patchOp]);
      expect(Array.isArray(body['Operations']) && body['Operations'].length > 0, s.id).toBe(true);
    }
  });

  it('drops the password scenarios for a User schema without password', () => {
    const withoutPassword = builtinResourceSchemas();
    withoutPassword.User.core.attributes = withoutPassword.User.core.attributes.filter((a) => a.name !== 'password');
    const reduced = catalogScenarios({ schemas: withoutPassword }).filter((s) => s.family in CATALOG_FAMILIES);
    expect(reduced.length).toBeLessThan(all.length);
    expect(reduced.some((s) => JSON.stringify(s.request.body).includes('password'))).toBe(false);
  });
});

describe('catalog scenarios: placeholders resolve against the starting states', () => {
  it('resolves every body and assertion value placeholder against a locally built state', () => {
    let resolved = 0;
    for (const s of all) {
      const { created } = simulateState(s.state.name, schemas);
      const values: unknown[] = [
        ...('raw' in (s.request.body as object) ? [] : [s.request.body]),
        ...expectations(s).flatMap((e) => (e.assertions ?? []).flatMap((a) => (a.kind === 'equals' ? [a.value] : []))),
      ];
      for (const value of values) {
        expect(() => resolvePlaceholders(value, created), s.id).not.toThrow();
        resolved += 1;
      }
    }
    expect(resolved).toBeGreaterThan(all.length);
  });
});
