import { describe, expect, it } from 'vitest';
import { findingTitle } from './findings.ts';

describe('protocol finding titles', () => {
  it('name each kind of problem in plain words', () => {
    for (const key of ['discovery:spc-invalid', 'discovery:schema-not-listed', 'discovery:list-response:Schema', 'bulk:status', 'bulk:location', 'bulk:reference', 'me:resource']) {
      expect(findingTitle(key)).not.toBe(key);
      expect(findingTitle(key)).not.toMatch(/breaks RFC/);
    }
    expect(findingTitle('discovery:unadvertised:bulk')).toMatch(/does not advertise it \(bulk\)$/);
  });
});
