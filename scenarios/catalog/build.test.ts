import { describe, expect, it } from 'vitest';
import { bad, failure, family, ok, okChecked, rawOps } from './build.ts';

describe('catalog builders', () => {
  it('fills the family defaults and always requires patch', () => {
    const s = family('group', { resource: 'Group', requires: ['groups'], state: 'group.one-member' })({
      what: 'x.y',
      title: 'The server must do x.',
      level: 'MUST',
      refs: ['RFC7644-3.5.2', 'PATCH-GRP-01'],
      requires: ['groups', 'etag'],
      request: { target: 'self', body: {} },
      expect: ok(),
    });
    expect(s.id).toBe('patch.group.x.y');
    expect(s.family).toBe('group');
    expect(s.resource).toBe('Group');
    expect(s.state).toEqual({ name: 'group.one-member' });
    expect(s.requires).toEqual(['patch', 'groups', 'etag']);
    expect('acceptable' in s).toBe(false);
  });

  it('defaults to a User in user.full', () => {
    const s = family('add')({ what: 'a', title: 'The server must a.', level: 'SHOULD', refs: [], request: { target: 'self', body: {} }, expect: ok() });
    expect(s.resource).toBe('User');
    expect(s.state.name).toBe('user.full');
  });

  it('builds expectations', () => {
    expect(bad()).toEqual({ kind: 'error', status: [400] });
    expect(bad('noTarget', 'invalidPath')).toEqual({ kind: 'error', status: [400], scimType: ['noTarget', 'invalidPath'] });
    expect(failure([409], ['uniqueness'], { unchanged: false })).toEqual({ kind: 'error', status: [409], scimType: ['uniqueness'], unchanged: false });
    expect(okChecked([], { effect: 'change' })).toEqual({ kind: 'success', oracle: false, assertions: [], effect: 'change' });
    expect(rawOps({ path: 'x' })).toEqual({ schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ path: 'x' }] });
  });
});
