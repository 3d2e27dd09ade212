import { describe, it, expect } from 'vitest';
import { checkUniqueness, membersAffected, toStoredData } from './integrity.ts';
import { GROUP_TYPE, ResourceStore, USER_TYPE } from './store.ts';
import { ScimHttpError } from './errors.ts';

function errorOf(fn: () => unknown): ScimHttpError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ScimHttpError) return e;
    throw e;
  }
  throw new Error('expected a ScimHttpError');
}

describe('toStoredData', () => {
  it('drops id, meta and User.groups', () => {
    const store = new ResourceStore();
    const data = toStoredData(
      { schemas: ['x'], id: 'i', meta: { version: 'W/"1"' }, userName: 'a', groups: [{ value: 'g' }] },
      USER_TYPE,
      store,
    );
    expect(data).toEqual({ schemas: ['x'], userName: 'a' });
  });

  it('canonicalises members: $ref dropped, type from the referent, duplicates merged, case-insensitive ids', () => {
    const store = new ResourceStore();
    const u = store.create(USER_TYPE, { userName: 'u' });
    const g = store.create(GROUP_TYPE, { displayName: 'g' });
    const data = toStoredData(
      {
        displayName: 'x',
        members: [
          { value: u.id, $ref: 'http://elsewhere/Users/1', type: 'Group', display: 'U' },
          { value: u.id.toUpperCase() },
          { value: g.id, $ref: null },
        ],
      },
      GROUP_TYPE,
      store,
    );
    expect(data['members']).toEqual([
      { value: u.id, display: 'U', type: 'User' },
      { value: g.id, type: 'Group' },
    ]);
  });

  it('rejects unknown, missing and self member ids with 400 invalidValue', () => {
    const store = new ResourceStore();
    const self = store.create(GROUP_TYPE, { displayName: 'self' });
    for (const members of [[{ value: 'nope' }], [{}], [{ value: self.id }], ['plain']]) {
      const err = errorOf(() => toStoredData({ displayName: 'x', members }, GROUP_TYPE, store, self.id));
      expect(err.status).toBe(400);
      expect(err.scimType).toBe('invalidValue');
    }
  });

  it('stores an empty member list as unassigned', () => {
    expect(toStoredData({ displayName: 'x', members: [] }, GROUP_TYPE, new ResourceStore())).toEqual({ displayName: 'x' });
  });
});

describe('checkUniqueness', () => {
  it('rejects a userName held by another user, case-insensitively, with 409 uniqueness', () => {
    const store = new ResourceStore();
    const a = store.create(USER_TYPE, { userName: 'bjensen@example.com' });
    const err = errorOf(() => checkUniqueness({ userName: 'BJENSEN@example.com' }, USER_TYPE, store));
    expect(err.status).toBe(409);
    expect(err.scimType).toBe('uniqueness');
    expect(() => checkUniqueness({ userName: 'BJensen@Example.com' }, USER_TYPE, store, a.id)).not.toThrow();
    expect(() => checkUniqueness({ userName: 'bjensen@example.com' }, GROUP_TYPE, store)).not.toThrow();
  });
});

describe('membersAffected', () => {
  it('lists joiners and leavers, or everyone on rename', () => {
    const before = { displayName: 'a', members: [{ value: '1' }, { value: '2' }] };
    expect([...membersAffected(before, { displayName: 'a', members: [{ value: '2' }, { value: '3' }] })].sort()).toEqual(['1', '3']);
    expect([...membersAffected(before, { displayName: 'b', members: [{ value: '2' }] })].sort()).toEqual(['1', '2']);
    expect([...membersAffected(undefined, before)].sort()).toEqual(['1', '2']);
    expect([...membersAffected(before, undefined)].sort()).toEqual(['1', '2']);
  });
});
