import { describe, it, expect } from 'vitest';
import { renderResource } from './render.ts';
import type { RenderContext } from './render.ts';
import { builtinRegistry } from './resource-types.ts';
import { GROUP_TYPE, ResourceStore, USER_TYPE } from './store.ts';

function context(etag = true): RenderContext {
  return { baseUrl: 'http://h:1/scim', etag, store: new ResourceStore(), registry: builtinRegistry() };
}

describe('renderResource', () => {
  it('puts schemas and id first, meta last, with version when ETags are on', () => {
    const ctx = context();
    const user = ctx.store.create(USER_TYPE, { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'u', password: 'p' });
    const out = renderResource(ctx, user);
    expect(Object.keys(out)).toEqual(['schemas', 'id', 'userName', 'password', 'meta']);
    expect(out['meta']).toEqual({
      resourceType: 'User',
      created: user.created,
      lastModified: user.lastModified,
      location: `http://h:1/scim/Users/${user.id}`,
      version: 'W/"1"',
    });
    expect(renderResource(context(false), user)['meta']).not.toHaveProperty('version');
  });

  it('derives members $ref/type and User.groups', () => {
    const ctx = context();
    const user = ctx.store.create(USER_TYPE, { userName: 'u' });
    const group = ctx.store.create(GROUP_TYPE, { displayName: 'G', members: [{ value: user.id, type: 'User' }] });
    expect(renderResource(ctx, group)['members']).toEqual([
      { value: user.id, $ref: `http://h:1/scim/Users/${user.id}`, type: 'User' },
    ]);
    expect(renderResource(ctx, user)['groups']).toEqual([
      { value: group.id, $ref: `http://h:1/scim/Groups/${group.id}`, display: 'G', type: 'direct' },
    ]);
  });

  it('returns copies that do not alias stored data', () => {
    const ctx = context();
    const user = ctx.store.create(USER_TYPE, { userName: 'u', emails: [{ value: 'a' }] });
    const out = renderResource(ctx, user);
    (out['emails'] as Array<{ value: string }>)[0]!.value = 'changed';
    expect((ctx.store.get(USER_TYPE, user.id)!.data['emails'] as Array<{ value: string }>)[0]!.value).toBe('a');
  });
});
