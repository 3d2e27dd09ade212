import { describe, expect, it } from 'vitest';
import { sectionOf } from './section.ts';

describe('sectionOf', () => {
  it('takes the first RFC reference', () => {
    expect(sectionOf(['PATCH-REP-09', 'RFC7644-3.5.2.3', 'RFC7643-2.4'])).toBe('RFC7644 3.5.2.3');
  });
  it('says other when there is no RFC reference', () => {
    expect(sectionOf(['PATCH-IOP-01'])).toBe('other');
    expect(sectionOf(['RFC7644-x'])).toBe('other');
  });
});
