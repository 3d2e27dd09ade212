import { describe, it, expect } from 'vitest';
import { builtinResourceSchemas } from '../schemas/rfc7643.ts';
import { parseAttributeList, projectResource } from './project-attributes.ts';

const { User } = builtinResourceSchemas();
const ENT = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

const user = {
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', ENT],
  id: 'u1',
  externalId: 'ext',
  userName: 'bjensen',
  password: 'secret',
  name: { givenName: 'Barbara', familyName: 'Jensen' },
  emails: [
    { value: 'a@example.com', type: 'work', primary: true },
    { value: 'b@example.com', type: 'home' },
  ],
  [ENT]: { employeeNumber: '7', department: 'Tours', manager: { value: 'u2', displayName: 'Boss' } },
  meta: { resourceType: 'User', version: 'W/"1"' },
};

describe('parseAttributeList', () => {
  it('splits and trims', () => {
    expect(parseAttributeList(' userName , name.givenName,,')).toEqual(['userName', 'name.givenName']);
    expect(parseAttributeList(null)).toBeUndefined();
  });
});

describe('projectResource', () => {
  it('drops never-returned attributes by default and keeps the rest', () => {
    const out = projectResource(user, User);
    expect(out).not.toHaveProperty('password');
    expect(out).toMatchObject({ id: 'u1', userName: 'bjensen', meta: { version: 'W/"1"' } });
    expect(out[ENT]).toEqual(user[ENT]);
  });

  it('never returns password even when requested', () => {
    const out = projectResource(user, User, { attributes: ['password', 'userName'] });
    expect(out).toEqual({ schemas: user.schemas, id: 'u1', userName: 'bjensen' });
  });

  it('returns only requested attributes plus id and schemas', () => {
    const out = projectResource(user, User, { attributes: ['USERNAME', 'name.givenName', 'emails.value'] });
    expect(out).toEqual({
      schemas: user.schemas,
      id: 'u1',
      userName: 'bjensen',
      name: { givenName: 'Barbara' },
      emails: [{ value: 'a@example.com' }, { value: 'b@example.com' }],
    });
  });

  it('resolves URN-qualified core and extension paths and whole extensions', () => {
    expect(projectResource(user, User, { attributes: [`${ENT}:employeeNumber`] })[ENT]).toEqual({ employeeNumber: '7' });
    expect(projectResource(user, User, { attributes: [ENT] })[ENT]).toEqual(user[ENT]);
    expect(projectResource(user, User, { attributes: ['employeeNumber'] })[ENT]).toEqual({ employeeNumber: '7' });
    expect(
      projectResource(user, User, { attributes: ['urn:ietf:params:scim:schemas:core:2.0:User:userName'] }),
    ).toEqual({ schemas: user.schemas, id: 'u1', userName: 'bjensen' });
  });

  it('excludes attributes and sub-attributes but never id', () => {
    const out = projectResource(user, User, { excludedAttributes: ['emails', 'name.familyName', 'id', 'meta', `${ENT}:manager`] });
    expect(out).not.toHaveProperty('emails');
    expect(out).not.toHaveProperty('meta');
    expect(out['name']).toEqual({ givenName: 'Barbara' });
    expect(out['id']).toBe('u1');
    expect(out[ENT]).toEqual({ employeeNumber: '7', department: 'Tours' });
  });

  it('drops an extension container that ends up empty', () => {
    expect(projectResource(user, User, { excludedAttributes: [ENT] })).not.toHaveProperty(ENT);
  });

  it('ignores unknown names', () => {
    expect(projectResource(user, User, { attributes: ['fooBar', 'urn:x:y:z'] })).toEqual({ schemas: user.schemas, id: 'u1' });
    expect(projectResource(user, User, { excludedAttributes: ['fooBar'] })).toHaveProperty('userName');
  });
});
