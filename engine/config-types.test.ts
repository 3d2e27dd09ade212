import { describe, expect, it } from 'vitest';
import { ConfigError } from './config-types.ts';
import { ConfigError as FromConfig } from './config.ts';

describe('ConfigError', () => {
  it('is one line naming the field and the problem, and is what engine/config.ts exports', () => {
    const e = new ConfigError('auth.token (from --token)', 'must be a non-empty string');
    expect(e.message).toBe('config: auth.token (from --token): must be a non-empty string');
    expect(e.name).toBe('ConfigError');
    expect(e).toBeInstanceOf(FromConfig);
  });
});
