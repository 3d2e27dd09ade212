import { describe, it, expect } from 'vitest';
import type { AttributeDef } from '../schemas/scim-schema.ts';
import { ENTERPRISE_USER_SCHEMA, USER_SCHEMA } from '../schemas/rfc7643.ts';
import { coerceRecords, coerceSingle, coerceValue } from './coerce-value.ts';
import { DEFAULT_OPTIONS, resolveOptions } from './options.ts';
import { PatchError } from './patch-error.ts';

const def = (name: string, list: AttributeDef[] = USER_SCHEMA.attributes) => list.find((a) => a.name === name) as AttributeDef;
const base = { multiValued: false, required: false, caseExact: false, mutability: 'readWrite', returned: 'default', uniqueness: 'none' } as const;
const typed = (type: AttributeDef['type']): AttributeDef => ({ ...base, name: 'x', type });

function scimType(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return e instanceof PatchError ? e.scimType : 'other';
  }
  return undefined;
}

describe('coerceValue', () => {
  it('checks simple types', () => {
    const o = DEFAULT_OPTIONS;
    expect(coerceSingle(typed('integer'), 3, 'x', o)).toBe(3);
    expect(scimType(() => coerceSingle(typed('integer'), 3.5, 'x', o))).toBe('invalidValue');
    expect(coerceSingle(typed('decimal'), 3.5, 'x', o)).toBe(3.5);
    expect(scimType(() => coerceSingle(typed('decimal'), '3.5', 'x', o))).toBe('invalidValue');
    expect(coerceSingle(typed('dateTime'), '2008-01-23T04:56:22Z', 'x', o)).toBe('2008-01-23T04:56:22Z');
    expect(scimType(() => coerceSingle(typed('dateTime'), '2008-01-23', 'x', o))).toBe('invalidValue');
    expect(scimType(() => coerceSingle(typed('binary'), 'not base64!', 'x', o))).toBe('invalidValue');
    expect(scimType(() => coerceSingle(typed('reference'), 5, 'x', o))).toBe('invalidValue');
  });

  it('boolean strings only when coerceBooleanStrings is on', () => {
    expect(coerceSingle(typed('boolean'), 'TRUE', 'x', DEFAULT_OPTIONS)).toBe(true);
    expect(scimType(() => coerceSingle(typed('boolean'), 'true', 'x', resolveOptions({ coerceBooleanStrings: false })))).toBe('invalidValue');
  });

  it('complex values get canonical sub-attribute names; unknown sub-attributes are invalidValue', () => {
    expect(coerceSingle(def('name'), { GIVENNAME: 'a', familyName: null }, 'name', DEFAULT_OPTIONS)).toEqual({ givenName: 'a', familyName: null });
    expect(scimType(() => coerceSingle(def('name'), { nick: 'a' }, 'name', DEFAULT_OPTIONS))).toBe('invalidValue');
  });

  it('a string means {value} only for a single-valued complex attribute with a value sub-attribute', () => {
    expect(coerceValue(def('manager', ENTERPRISE_USER_SCHEMA.attributes), 'id-1', 'manager', DEFAULT_OPTIONS)).toEqual({ value: 'id-1' });
    expect(scimType(() => coerceValue(def('emails'), 'x@example.com', 'emails', DEFAULT_OPTIONS))).toBe('invalidValue');
    expect(scimType(() => coerceValue(def('name'), 'Barbara', 'name', DEFAULT_OPTIONS))).toBe('invalidValue');
  });

  it('records: a single object becomes one record, nulls dropped, empty or null records rejected', () => {
    expect(coerceRecords(def('emails'), { value: 'a@b.c', display: null }, 'emails', DEFAULT_OPTIONS)).toEqual([{ value: 'a@b.c' }]);
    expect(scimType(() => coerceRecords(def('emails'), [{}], 'emails', DEFAULT_OPTIONS))).toBe('invalidValue');
    expect(scimType(() => coerceRecords(def('emails'), [null], 'emails', DEFAULT_OPTIONS))).toBe('invalidValue');
  });
});
