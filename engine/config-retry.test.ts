// The retry and rate settings of the configuration (the rest is in config.test.ts).
import { describe, it, expect } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from './config.ts';

const target = 'http://127.0.0.1:1';

describe('retries and rate', () => {
  it('are unset by default (the client retries 3 times, at any rate)', () => {
    const c = loadConfig({ env: {}, flags: { target } });
    expect(c.retries).toBeUndefined();
    expect(c.rate).toBeUndefined();
  });

  it('come from --retries and --rate, fractions of a request per second allowed', () => {
    const c = loadConfig({ env: {}, flags: { target, retries: '0', rate: '0.5' } });
    expect([c.retries, c.rate]).toEqual([0, 0.5]);
  });

  it('come from the config file, and flags win', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'scim-cfg-')), 'c.json');
    writeFileSync(file, JSON.stringify({ baseUrl: target, retries: 5, rate: 10 }));
    expect([loadConfig({ file, env: {} }).retries, loadConfig({ file, env: {} }).rate]).toEqual([5, 10]);
    expect(loadConfig({ file, env: {}, flags: { retries: '1' } }).retries).toBe(1);
  });

  it('reject bad values with one line naming the flag', () => {
    expect(() => loadConfig({ env: {}, flags: { target, retries: '11' } })).toThrow('config: retries (from --retries): must be from 0 to 10, got 11');
    expect(() => loadConfig({ env: {}, flags: { target, rate: '0' } })).toThrow(/^config: rate \(from --rate\): must be a number of requests per second above 0/);
    expect(() => loadConfig({ env: {}, flags: { target, rate: 'fast' } })).toThrow(/got "fast"/);
    const file = join(mkdtempSync(join(tmpdir(), 'scim-cfg-')), 'c.json');
    writeFileSync(file, JSON.stringify({ baseUrl: target, rate: -1 }));
    expect(() => loadConfig({ file, env: {} })).toThrow(/rate/);
  });
});
