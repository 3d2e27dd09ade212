import { describe, it, expect } from 'vitest';
import type { ScimResource } from '../schemas/scim-schema.ts';
import { diffResources, resourcesEqual } from './compare-resources.ts';
import { ENT, U2_ID, u1, USER } from './golden-fixtures.ts';

describe('resourcesEqual / diffResources', () => {
  it('a resource equals itself; attribute-name case and multi-valued order are ignored', () => {
    const r = u1();
    const reordered: ScimResource = { ...u1(), EMAILS: [...(u1()['emails'] as unknown[])].reverse() };
    delete reordered['emails'];
    expect(resourcesEqual(r, r, USER)).toBe(true);
    expect(resourcesEqual(r, reordered, USER)).toBe(true);
    expect(diffResources(r, reordered, USER)).toEqual([]);
  });

  it('absent, null and [] are the same state', () => {
    expect(resourcesEqual({ ...u1(), nickName: null, phoneNumbers: [] }, (() => {
      const x = u1();
      delete x['nickName'];
      delete x['phoneNumbers'];
      return x;
    })(), USER)).toBe(true);
  });

  it('values are compared exactly: a case change is a difference', () => {
    expect(diffResources(u1(), { ...u1(), name: { givenName: 'barbara', familyName: 'Jensen', middleName: 'Jane', formatted: 'Barbara J Jensen' } }, USER)).toEqual([
      'name.givenName: expected "Barbara", got "barbara"',
    ]);
  });

  it('reports absent values and extra records in one line each', () => {
    const actual: ScimResource = { ...u1(), emails: [...(u1()['emails'] as unknown[]), { type: 'other', value: 'x@y' }] };
    delete actual['nickName'];
    expect(diffResources(u1(), actual, USER)).toEqual([
      'nickName: expected "Babs", got (absent)',
      'emails: expected 2 values, got 3 (extra {"type":"other","value":"x@y"})',
    ]);
  });

  it('compares inside extension containers and honours ignore', () => {
    const actual = { ...u1(), meta: { version: 'W/"2"' }, [ENT]: { employeeNumber: '1', costCenter: '4130', department: 'Tour Operations', manager: { value: U2_ID } } };
    expect(diffResources(u1(), actual, USER, { ignore: ['META'] })).toEqual([`${ENT}.employeeNumber: expected "701984", got "1"`]);
    expect(resourcesEqual(u1(), actual, USER)).toBe(false);
  });

  it('dateTime values are compared as instants', () => {
    const a = { ...u1(), meta: { lastModified: '2024-01-01T00:00:00Z' } };
    const b = { ...u1(), meta: { lastModified: '2024-01-01T02:00:00+02:00' } };
    expect(resourcesEqual(a, b, USER)).toBe(true);
  });
});
