import { describe, expect, it } from 'vitest';
import { builtinResourceSchemas } from '../../schemas/rfc7643.ts';
import type { AttributeDef, ResourceSchema } from '../../schemas/scim-schema.ts';
import type { Scenario } from '../scenario.ts';
import { attributeScenarios } from './attributes.ts';

const def = (name: string, type: AttributeDef['type'], extra: Partial<AttributeDef> = {}): AttributeDef => ({
  name, type, multiValued: false, required: false, caseExact: false, mutability: 'readWrite', returned: 'default', uniqueness: 'none', ...extra,
});

const byId = (list: Scenario[]) => new Map(list.map((s) => [s.id, s]));
const builtin = byId(attributeScenarios({ schemas: builtinResourceSchemas() }));
const get = (id: string): Scenario => {
  const s = builtin.get(id);
  if (!s) throw new Error(`no scenario ${id}`);
  return s;
};

describe('attributeScenarios on the RFC 7643 schemas', () => {
  it('covers each kind of attribute with add, replace and remove, with and without a path', () => {
    for (const id of [
      'patch.attr.user.replace.name.given-name.path',
      'patch.attr.user.remove.emails.value-path',
      'patch.attr.user.add.enterprise.employee-number.no-path',
      'patch.attr.user.invalid-type.active',
      'patch.attr.user.add.display-name.unassigned',
      'patch.attr.user.replace.display-name.qualified',
      'patch.attr.user.remove.display-name.no-path',
      'patch.attr.user.replace.addresses.formatted.value-path',
      'patch.attr.user.replace.emails.primary.value-path',
      'patch.attr.user.replace.groups.path',
      'patch.attr.user.replace.enterprise.manager.display-name.path',
      'patch.attr.user.replace.password.path',
      'patch.attr.user.remove.user-name.path',
      'patch.attr.group.remove.display-name.path',
      'patch.attr.group.add.members.path',
      'patch.attr.group.replace.members.value.value-path',
    ]) {
      expect(builtin.has(id), id).toBe(true);
    }
  });

  it('sends path-less values in `value` and rejects path-less remove with noTarget', () => {
    const add = get('patch.attr.user.add.enterprise.employee-number.no-path');
    expect(add.request.body).toEqual({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'add', value: { 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': { employeeNumber: '424242' } } }],
    });
    expect(add.requires).toEqual(expect.arrayContaining(['patch', 'enterpriseUser']));
    const rm = get('patch.attr.user.remove.display-name.no-path');
    expect(rm.expect).toEqual({ kind: 'error', status: [400], scimType: ['noTarget'] });
  });

  it('expects the catalog outcomes for readOnly, required and writeOnly attributes', () => {
    expect(get('patch.attr.user.replace.groups.path').expect).toMatchObject({ kind: 'error', scimType: ['mutability'] });
    expect(get('patch.attr.user.remove.user-name.path').expect).toMatchObject({ kind: 'error', scimType: ['mutability'] });
    expect(get('patch.attr.group.remove.display-name.path').requires).toContain('groups');
    const pw = get('patch.attr.user.replace.password.path');
    expect(pw.expect).toMatchObject({ kind: 'success', assertions: [{ kind: 'absent', path: 'password', in: 'both' }] });
    expect(pw.requires).toContain('changePassword');
    expect(get('patch.attr.user.invalid-type.active').expect).toMatchObject({ kind: 'error', scimType: ['invalidValue'] });
  });

  it('uses user.minimal for add-to-unassigned and group states for Group scenarios', () => {
    expect(get('patch.attr.user.add.display-name.unassigned').state.name).toBe('user.minimal');
    expect(get('patch.attr.user.replace.nick-name.path').state.name).toBe('user.schema-full');
    expect(get('patch.attr.group.add.members.unassigned').state.name).toBe('group.empty');
    expect(get('patch.attr.group.remove.members.value-path').state.name).toBe('group.three-members');
  });

  it('leaves Group scenarios out when the target has no Group schema', () => {
    const { User } = builtinResourceSchemas();
    const list = attributeScenarios({ schemas: { User } });
    expect(list.some((s) => s.resource === 'Group')).toBe(false);
    expect(list.length).toBeGreaterThan(150);
  });

  it('leaves enterprise scenarios out when the User schema has no extension', () => {
    const { User } = builtinResourceSchemas();
    const list = attributeScenarios({ schemas: { User: { ...User, extensions: [] } } });
    expect(list.some((s) => s.requires.includes('enterpriseUser'))).toBe(false);
  });
});

describe('attributeScenarios on a custom schema', () => {
  const { User } = builtinResourceSchemas();
  const ext = 'urn:example:params:scim:schemas:acme:1.0:User';
  const custom: ResourceSchema = {
    ...User,
    core: { ...User.core, attributes: [User.core.attributes[0] as AttributeDef, def('badge', 'integer', { mutability: 'immutable' }), def('secret', 'string', { mutability: 'writeOnly', returned: 'never' })] },
    extensions: [{ id: ext, name: 'Acme', attributes: [def('tags', 'string', { multiValued: true }), def('hired', 'dateTime'), def('score', 'decimal')] }],
  };
  const list = byId(attributeScenarios({ schemas: { User: custom } }));

  it('generates immutable checks: a first value is accepted, a change is refused', () => {
    expect(list.get('patch.attr.user.add.badge.unassigned')?.expect.kind).toBe('success');
    expect(list.get('patch.attr.user.replace.badge.path')?.expect).toMatchObject({ kind: 'error', scimType: ['mutability'] });
  });

  it('generates writeOnly checks without the password capability for other attributes', () => {
    const s = list.get('patch.attr.user.replace.secret.path');
    expect(s?.requires).not.toContain('changePassword');
    expect(s?.expect).toMatchObject({ kind: 'success', assertions: [{ kind: 'absent', path: 'secret', in: 'both' }] });
  });

  it('names other extensions by their URN and needs no enterprise capability for them', () => {
    const s = list.get('patch.attr.user.replace.example-acme.hired.path');
    expect(s?.request.body).toMatchObject({ Operations: [{ op: 'replace', path: `${ext}:hired`, value: '2020-02-29T12:00:00Z' }] });
    expect(s?.requires).not.toContain('enterpriseUser');
    expect(list.get('patch.attr.user.invalid-type.example-acme.score')?.request.body).toMatchObject({ Operations: [{ value: 'forty-two' }] });
  });

  it('covers multi-valued simple attributes as a whole', () => {
    expect(list.get('patch.attr.user.add.example-acme.tags.path')?.expect).toMatchObject({ assertions: [{ kind: 'count', count: 3 }] });
    expect(list.has('patch.attr.user.remove.example-acme.tags.path')).toBe(true);
  });
});
