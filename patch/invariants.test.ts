import { describe, it, expect } from 'vitest';
import { normalizePrimaries, syncSchemas } from './invariants.ts';
import { DEFAULT_OPTIONS } from './options.ts';
import { PatchError } from './patch-error.ts';
import { ENT, USER } from './golden-fixtures.ts';

const U = 'urn:ietf:params:scim:schemas:core:2.0:User';

describe('syncSchemas', () => {
  it('adds the URN of a present extension and drops empty containers with their URN', () => {
    const r: Record<string, unknown> = { schemas: [U], [ENT]: { costCenter: '1' } };
    syncSchemas(r, USER);
    expect(r['schemas']).toEqual([U, ENT]);
    const e: Record<string, unknown> = { schemas: [U, ENT], [ENT]: {} };
    syncSchemas(e, USER);
    expect(e).toEqual({ schemas: [U] });
  });
});

describe('normalizePrimaries', () => {
  it('the newly primary record wins', () => {
    const before = { emails: [{ value: 'a', primary: true }, { value: 'b' }] };
    const after = { emails: [{ value: 'a', primary: true }, { value: 'b', primary: true }] };
    normalizePrimaries(before, after, USER, DEFAULT_OPTIONS);
    expect(after.emails).toEqual([{ value: 'a', primary: false }, { value: 'b', primary: true }]);
  });

  it('two new primaries are 400 invalidValue', () => {
    const after = { emails: [{ value: 'a', primary: true }, { value: 'b', primary: true }] };
    expect(() => normalizePrimaries({}, after, USER, DEFAULT_OPTIONS)).toThrow(PatchError);
  });
});
