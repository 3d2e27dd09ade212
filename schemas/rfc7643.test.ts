import { describe, it, expect } from 'vitest';
import type { AttributeDef, SchemaDef } from './scim-schema.ts';
import { URN } from './scim-schema.ts';
import {
  COMMON_ATTRIBUTES,
  ENTERPRISE_USER_SCHEMA,
  GROUP_SCHEMA,
  USER_SCHEMA,
  builtinResourceSchemas,
} from './rfc7643.ts';

function find(schema: SchemaDef | AttributeDef[], path: string): AttributeDef {
  const [top, sub] = path.split('.');
  const list = Array.isArray(schema) ? schema : schema.attributes;
  const a = list.find((x) => x.name === top);
  if (!a) throw new Error(`no ${top}`);
  if (sub === undefined) return a;
  const s = a.subAttributes?.find((x) => x.name === sub);
  if (!s) throw new Error(`no ${path}`);
  return s;
}

describe('RFC 7643 schemas', () => {
  it('User has every §4.1 attribute', () => {
    expect(USER_SCHEMA.attributes.map((a) => a.name)).toEqual([
      'userName', 'name', 'displayName', 'nickName', 'profileUrl', 'title', 'userType', 'preferredLanguage',
      'locale', 'timezone', 'active', 'password', 'emails', 'phoneNumbers', 'ims', 'photos', 'addresses',
      'groups', 'entitlements', 'roles', 'x509Certificates',
    ]);
    expect(USER_SCHEMA.id).toBe(URN.user);
  });

  it('userName is required, server-unique and not caseExact', () => {
    expect(find(USER_SCHEMA, 'userName')).toMatchObject({ required: true, uniqueness: 'server', caseExact: false });
  });

  it('password is writeOnly and never returned', () => {
    expect(find(USER_SCHEMA, 'password')).toMatchObject({ mutability: 'writeOnly', returned: 'never' });
  });

  it('groups and all its sub-attributes are readOnly', () => {
    const groups = find(USER_SCHEMA, 'groups');
    expect(groups.mutability).toBe('readOnly');
    expect(groups.subAttributes?.every((s) => s.mutability === 'readOnly')).toBe(true);
  });

  it('addresses allow primary; emails.type has canonical values', () => {
    expect(find(USER_SCHEMA, 'addresses.primary').type).toBe('boolean');
    expect(find(USER_SCHEMA, 'emails.type').canonicalValues).toEqual(['work', 'home', 'other']);
    expect(find(USER_SCHEMA, 'x509Certificates.value').type).toBe('binary');
  });

  it('Group displayName is required (erratum 5368) and members sub-attributes are immutable', () => {
    expect(find(GROUP_SCHEMA, 'displayName').required).toBe(true);
    const members = find(GROUP_SCHEMA, 'members');
    expect(members).toMatchObject({ mutability: 'readWrite', multiValued: true });
    for (const n of ['value', '$ref', 'type']) expect(find(GROUP_SCHEMA, `members.${n}`).mutability).toBe('immutable');
  });

  it('enterprise manager.displayName is readOnly, manager.value readWrite', () => {
    expect(find(ENTERPRISE_USER_SCHEMA, 'manager.displayName').mutability).toBe('readOnly');
    expect(find(ENTERPRISE_USER_SCHEMA, 'manager.value').mutability).toBe('readWrite');
  });

  it('common attributes: id readOnly caseExact always, meta readOnly', () => {
    expect(find(COMMON_ATTRIBUTES, 'id')).toMatchObject({ mutability: 'readOnly', caseExact: true, returned: 'always' });
    expect(find(COMMON_ATTRIBUTES, 'externalId')).toMatchObject({ mutability: 'readWrite', caseExact: true });
    expect(find(COMMON_ATTRIBUTES, 'meta.lastModified').type).toBe('dateTime');
  });

  it('builtinResourceSchemas returns independent copies with the enterprise extension optional', () => {
    const a = builtinResourceSchemas();
    const b = builtinResourceSchemas();
    expect(a.User.resourceType.schemaExtensions).toEqual([{ schema: URN.enterpriseUser, required: false }]);
    expect(a.User.resourceType.endpoint).toBe('/Users');
    expect(a.Group.resourceType.endpoint).toBe('/Groups');
    a.User.core.attributes.pop();
    expect(b.User.core.attributes).toHaveLength(21);
  });
});
