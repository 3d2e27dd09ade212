import { describe, expect, it } from 'vitest';
import { hasPlaceholders, placeholderAliases, resolvePlaceholders } from './resolve-placeholders.ts';

const ENT = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const created = {
  self: {
    id: 'id-self',
    userName: 'Bjensen@Example.com',
    active: true,
    emails: [{ value: 'a@example.com' }, { value: 'b@example.org', type: 'home' }],
    name: { givenName: 'Barbara' },
    [ENT]: { employeeNumber: '701984', manager: { value: 'id-u2' } },
  },
  U2: { id: 'id-u2' },
};

describe('resolvePlaceholders', () => {
  it('replaces a whole-string placeholder with the value, keeping its JSON type', () => {
    expect(resolvePlaceholders('{U2.id}', created)).toBe('id-u2');
    expect(resolvePlaceholders('{self.active}', created)).toBe(true);
    expect(resolvePlaceholders('{self.name}', created)).toEqual({ givenName: 'Barbara' });
  });

  it('indexes arrays with numeric segments', () => {
    expect(resolvePlaceholders('{self.emails.1.value}', created)).toBe('b@example.org');
  });

  it('follows extension URN keys that contain dots', () => {
    expect(resolvePlaceholders(`{self.${ENT}.manager.value}`, created)).toBe('id-u2');
    expect(resolvePlaceholders(`{self.${ENT}.employeeNumber}`, created)).toBe('701984');
  });

  it('interpolates inside longer strings', () => {
    expect(resolvePlaceholders('members[value eq "{U2.id}"]', created)).toBe('members[value eq "id-u2"]');
    expect(resolvePlaceholders('x-{self.id}-{U2.id}', created)).toBe('x-id-self-id-u2');
  });

  it('applies the upper and lower modifiers', () => {
    expect(resolvePlaceholders('{self.userName|upper}', created)).toBe('BJENSEN@EXAMPLE.COM');
    expect(resolvePlaceholders('{self.userName|lower}', created)).toBe('bjensen@example.com');
    expect(resolvePlaceholders('renamed.{self.userName|lower}', created)).toBe('renamed.bjensen@example.com');
  });

  it('resolves deeply in arrays and object values but leaves keys and other types alone', () => {
    const body = { Operations: [{ op: 'add', path: 'members', value: [{ value: '{U2.id}' }] }], n: 3, b: null };
    expect(resolvePlaceholders(body, created)).toEqual({
      Operations: [{ op: 'add', path: 'members', value: [{ value: 'id-u2' }] }],
      n: 3,
      b: null,
    });
  });

  it('leaves strings without placeholders unchanged', () => {
    expect(resolvePlaceholders('emails[type eq "work"]', created)).toBe('emails[type eq "work"]');
    expect(resolvePlaceholders('{}', created)).toBe('{}');
  });

  it('fails clearly on an unknown alias, a missing value or an unknown modifier', () => {
    expect(() => resolvePlaceholders('{U9.id}', created)).toThrow(/no created resource "U9"/);
    expect(() => resolvePlaceholders('{self.nickName}', created)).toThrow(/has no value at nickName/);
    expect(() => resolvePlaceholders('{self.userName|title}', created)).toThrow(/unknown modifier/);
    expect(() => resolvePlaceholders('x {self.name}', created)).toThrow(/simple value/);
  });

  it('detects placeholders', () => {
    expect(hasPlaceholders({ a: ['{U2.id}'] })).toBe(true);
    expect(hasPlaceholders({ a: ['plain'], b: 1 })).toBe(false);
  });
});

describe('placeholderAliases', () => {
  it('lists each alias once, in order, from nested values and interpolations', () => {
    const body = { Operations: [{ path: 'members[value eq "{U1.id}"]' }, { value: ['{U2.id}', '{U1.userName|upper}', '{self.id}'] }] };
    expect(placeholderAliases(body)).toEqual(['U1', 'U2', 'self']);
    expect(placeholderAliases({ plain: 'text', n: 1 })).toEqual([]);
  });
});

describe('unresolvedPlaceholder and the scope modifier', () => {
  it('names the first placeholder whose value the created resource lacks', async () => {
    const { unresolvedPlaceholder, resolvePlaceholders } = await import('./resolve-placeholders.ts');
    const created = { L1: { userName: 'm-t1-l1-alpha@example.com', meta: {} } };
    expect(unresolvedPlaceholder({ filter: 'userName sw "{L1.userName|scope}"' }, created)).toBeUndefined();
    expect(unresolvedPlaceholder(['x', { f: 'meta.created gt "{L1.meta.created}"' }], created)).toBe('{L1.meta.created}');
    expect(resolvePlaceholders('{L1.userName|scope}', created)).toBe('m-t1-');
  });
});
