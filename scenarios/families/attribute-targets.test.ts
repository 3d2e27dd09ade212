import { describe, expect, it } from 'vitest';
import { builtinResourceSchemas } from '../../schemas/rfc7643.ts';
import { URN } from '../../schemas/scim-schema.ts';
import {
  extensionShortName,
  idWords,
  kebab,
  pathlessValue,
  pathOf,
  qualifiedPathOf,
  subTargets,
  topLevelTargets,
  valuePathOf,
} from './attribute-targets.ts';

const { User } = builtinResourceSchemas();
const targets = topLevelTargets('User', User);
const find = (name: string) => {
  const t = targets.find((x) => x.def.name === name);
  if (!t) throw new Error(name);
  return t;
};

describe('attribute targets', () => {
  it('lists core then extension attributes, extensions with their short name', () => {
    expect(targets[0]?.def.name).toBe('userName');
    expect(find('employeeNumber').extension).toBe('enterprise');
    expect(find('nickName').extension).toBeUndefined();
  });

  it('derives short extension names from URNs', () => {
    expect(extensionShortName(URN.enterpriseUser, 'User')).toBe('enterprise');
    expect(extensionShortName('urn:example:params:scim:schemas:ext:acme:1.0:User', 'User')).toBe('example-ext-acme');
    expect(extensionShortName('urn:ietf:params:scim:schemas:extension:2.0:User', 'User')).toBe('extension');
  });

  it('turns attribute names into kebab-case id words', () => {
    expect(kebab('givenName')).toBe('given-name');
    expect(kebab('$ref')).toBe('ref');
    expect(kebab('x509Certificates')).toBe('x509-certificates');
    expect(kebab('userName')).toBe('user-name');
  });

  it('writes paths: plain for core, URN-qualified for extensions, sub-attributes dotted', () => {
    const name = find('name');
    const given = subTargets(name).find((t) => t.def.name === 'givenName');
    if (!given) throw new Error('givenName');
    expect(pathOf(given)).toBe('name.givenName');
    expect(qualifiedPathOf(given)).toBe(`${URN.user}:name.givenName`);
    expect(idWords(given)).toBe('name.given-name');
    const manager = find('manager');
    const mv = subTargets(manager).find((t) => t.def.name === 'value');
    if (!mv) throw new Error('value');
    expect(pathOf(mv)).toBe(`${URN.enterpriseUser}:manager.value`);
    expect(idWords(mv)).toBe('enterprise.manager.value');
    expect(valuePathOf(find('emails'), 'type eq "home"', 'display')).toBe('emails[type eq "home"].display');
  });

  it('nests path-less values under the extension URN and the parent', () => {
    expect(pathlessValue(find('nickName'), 'x')).toEqual({ nickName: 'x' });
    expect(pathlessValue(find('employeeNumber'), '1')).toEqual({ [URN.enterpriseUser]: { employeeNumber: '1' } });
    const family = subTargets(find('name')).find((t) => t.def.name === 'familyName');
    if (!family) throw new Error('familyName');
    expect(pathlessValue(family, 'J')).toEqual({ name: { familyName: 'J' } });
  });
});
