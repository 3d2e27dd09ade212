import { describe, expect, it } from 'vitest';
import { fillTemplate, templateNames, TemplateValueError } from './base-path.ts';

describe('base-path templates', () => {
  it('lists the names of a template once each', () => {
    expect(templateNames('/a/{x}/b/{y}/{x}')).toEqual(['x', 'y']);
    expect(templateNames('/scim/v2')).toEqual([]);
  });
  it('fills values and encodes them as one path segment', () => {
    expect(fillTemplate('/environments/{envID}/v2', { envID: 'e 1/2' }, 'pingone')).toBe('/environments/e%201%2F2/v2');
  });
  it('names the missing value, the profile and the fix in one line', () => {
    const fill = () => fillTemplate('/environments/{envID}/v2', {}, 'pingone');
    expect(fill).toThrow(TemplateValueError);
    expect(fill).toThrow(/^config: templateValues\.envID: is required by profile "pingone" \(base path \/environments\/\{envID\}\/v2\)/);
    expect(() => fillTemplate('/t/{tenant}', { tenant: ' ' }, 'x')).toThrow(/templateValues\.tenant/);
  });
});
