import { describe, it, expect } from 'vitest';
import { splitPath, stripBasePath } from './router.ts';

describe('router helpers', () => {
  it('splits and decodes path segments, ignoring outer slashes', () => {
    expect(splitPath('/Users/abc/')).toEqual(['Users', 'abc']);
    expect(splitPath('/Schemas/urn%3Aietf%3Aparams')).toEqual(['Schemas', 'urn:ietf:params']);
    expect(splitPath('/')).toEqual([]);
    expect(splitPath('/Users/%E0%A4%A')).toBeUndefined();
  });

  it('strips the base path only on a segment boundary', () => {
    expect(stripBasePath('/scim/v2/Users', '/scim/v2')).toBe('/Users');
    expect(stripBasePath('/scim/v2', '/scim/v2')).toBe('/');
    expect(stripBasePath('/scim/v2x/Users', '/scim/v2')).toBeUndefined();
    expect(stripBasePath('/Users', '')).toBe('/Users');
  });
});
