import { describe, expect, it } from 'vitest';
import { profileFor, UnknownProfileError } from './profiles.ts';

describe('profileFor', () => {
  it('returns the rfc7644 profile', () => {
    expect(profileFor('rfc7644').name).toBe('rfc7644');
  });
  it('names the known profiles when the name is unknown', () => {
    expect(() => profileFor('nope')).toThrow(UnknownProfileError);
    expect(() => profileFor('nope')).toThrow(/unknown profile "nope" \(known: .*rfc7644/);
  });
});
