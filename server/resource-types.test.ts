import { describe, it, expect } from 'vitest';
import { builtinRegistry } from './resource-types.ts';

describe('resource type registry', () => {
  it('finds the built-in types by name and by endpoint segment', () => {
    const registry = builtinRegistry();
    expect(registry.all.map((s) => s.resourceType.name)).toEqual(['User', 'Group']);
    expect(registry.byName('Group')?.core.id).toBe('urn:ietf:params:scim:schemas:core:2.0:Group');
    expect(registry.byEndpoint('Users')?.resourceType.name).toBe('User');
    expect(registry.byEndpoint('users')).toBeUndefined();
  });
});
