import { describe, expect, it } from 'vitest';
import { createFixtureFactory } from '../../fixtures/builders.ts';
import { builtinResourceSchemas } from '../../schemas/rfc7643.ts';
import type { AttributeDef, AttributeType } from '../../schemas/scim-schema.ts';
import { newElement, newElementType, patchedValue, wrongValue } from './attribute-values.ts';

const { User } = builtinResourceSchemas();
const attr = (name: string) => {
  const d = User.core.attributes.find((a) => a.name === name);
  if (!d) throw new Error(name);
  return d;
};
const def = (type: AttributeType, extra: Partial<AttributeDef> = {}): AttributeDef => ({
  name: 'x', type, multiValued: false, required: false, caseExact: false, mutability: 'readWrite', returned: 'default', uniqueness: 'none', ...extra,
});

describe('patched values', () => {
  it('gives every writable simple User attribute a value of its type', () => {
    for (const d of User.core.attributes) {
      if (d.type === 'complex' || d.mutability === 'readOnly') continue;
      const v = patchedValue({ def: d });
      const want = d.type === 'boolean' ? 'boolean' : 'string';
      expect(typeof v, d.name).toBe(want);
    }
    expect(patchedValue({ def: def('integer') })).toBe(4242);
    expect(Number.isInteger(patchedValue({ def: def('decimal') }))).toBe(false);
    expect(patchedValue({ def: def('dateTime') })).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  it('differs from what the seeded fixture assigns', () => {
    const body = createFixtureFactory({ seed: 1, marker: 'm' }).fromSchema(User);
    for (const name of ['displayName', 'nickName', 'title', 'userType', 'locale', 'preferredLanguage', 'active', 'profileUrl']) {
      expect(patchedValue({ def: attr(name) }), name).not.toEqual(body[name]);
    }
  });

  it('takes the target id for unique or required strings, so concurrent scenarios never collide', () => {
    expect(patchedValue({ def: attr('userName') })).toBe('patched-{self.id}@example.com');
    expect(patchedValue({ def: def('string', { name: 'code', uniqueness: 'server' }) })).toBe('patched-{self.id}');
  });

  it('picks a canonical value other than the fixture one', () => {
    expect(patchedValue({ def: def('string', { canonicalValues: ['a', 'b'] }) })).toBe('b');
  });

  it('adds elements of a third type, never primary', () => {
    expect(newElementType(attr('emails'))).toBe('other');
    expect(newElementType(attr('phoneNumbers'))).toBe('mobile');
    expect(newElementType(attr('photos'))).toBe('thumbnail');
    expect(newElementType(attr('roles'))).toBe('other');
    const el = newElement(attr('emails'));
    expect(el).toEqual({ value: 'patched.mail@example.net', display: 'Patched mail', type: 'other' });
  });

  it('gives a value of the wrong JSON type for each attribute type', () => {
    expect(typeof wrongValue(def('string')).value).toBe('number');
    expect(typeof wrongValue(def('string'), 'object').value).toBe('object');
    expect(wrongValue(def('string'), 'boolean').value).toBe(true);
    expect(wrongValue(def('boolean')).value).toBe('yes');
    expect(typeof wrongValue(def('integer')).value).toBe('string');
    expect(typeof wrongValue(def('complex')).value).toBe('string');
    expect(typeof wrongValue(def('complex', { multiValued: true })).value).toBe('string');
    expect(wrongValue(def('string', { multiValued: true })).value).toEqual([{ value: 'x' }]);
  });
});
