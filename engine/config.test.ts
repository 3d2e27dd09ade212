import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, ConfigError, type FlagValues } from './config.ts';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'scimconf-config-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return path;
}

function errorOf(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).not.toContain('\n');
    return err as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

const TOKEN = 'tok-S3cr3t-value';

describe('loadConfig defaults', () => {
  it('fills every default from a bare base URL and strips the trailing slash', () => {
    const c = loadConfig({ env: {}, flags: { target: 'https://idp.example.com/scim/v2/' } });
    expect(c).toEqual({
      baseUrl: 'https://idp.example.com/scim/v2',
      endpoints: { users: '/Users', groups: '/Groups', serviceProviderConfig: '/ServiceProviderConfig', resourceTypes: '/ResourceTypes', schemas: '/Schemas' },
      auth: { kind: 'none' },
      headers: {},
      mediaType: 'application/scim+json',
      tls: { allowSelfSigned: false },
      timeoutMs: 10000,
      concurrency: 8,
      profile: 'rfc7644',
      capabilities: {},
      outDir: 'runs',
      maxBodyBytes: 1048576,
      templateValues: {},
    });
  });

  it('is deep-frozen', () => {
    const c = loadConfig({ env: {}, flags: { target: 'http://localhost:1', token: TOKEN } });
    expect(Object.isFrozen(c)).toBe(true);
    expect(Object.isFrozen(c.auth)).toBe(true);
    expect(Object.isFrozen(c.endpoints)).toBe(true);
    expect(() => {
      (c as { timeoutMs: number }).timeoutMs = 1;
    }).toThrow(TypeError);
  });

  it('requires a base URL and says where to set it', () => {
    expect(errorOf(() => loadConfig({ env: {} })).message).toBe(
      'config: baseUrl: is required (set baseUrl in the config file, SCIM_BASE_URL or --target)',
    );
  });
});

describe('loadConfig from a file', () => {
  it('reads every field and substitutes ${ENV} in strings', () => {
    const path = file('full.json', {
      baseUrl: 'https://${HOST}/scim',
      endpoints: { users: '/v2/Users' },
      auth: { kind: 'oauth2', tokenUrl: 'https://${HOST}/token', clientId: 'cid', clientSecret: '${SECRET}', scope: 'scim' },
      headers: { 'X-Tenant': 'acme' },
      mediaType: 'application/json',
      tls: { allowSelfSigned: true },
      timeoutMs: 2500,
      concurrency: 3,
      profile: 'entra',
      capabilities: { etag: false },
      seed: 42,
      outDir: 'out',
      maxBodyBytes: 4096,
      templateValues: { envID: 'e-1' },
    });
    const c = loadConfig({ file: path, env: { HOST: 'idp.example.com', SECRET: 'sek' } });
    expect(c.baseUrl).toBe('https://idp.example.com/scim');
    expect(c.endpoints.users).toBe('/v2/Users');
    expect(c.endpoints.groups).toBe('/Groups');
    expect(c.auth).toEqual({ kind: 'oauth2', tokenUrl: 'https://idp.example.com/token', clientId: 'cid', clientSecret: 'sek', scope: 'scim' });
    expect(c.headers).toEqual({ 'X-Tenant': 'acme' });
    expect(c.mediaType).toBe('application/json');
    expect(c.tls).toEqual({ allowSelfSigned: true });
    expect([c.timeoutMs, c.concurrency, c.profile, c.seed, c.outDir, c.maxBodyBytes]).toEqual([2500, 3, 'entra', 42, 'out', 4096]);
    expect(c.capabilities).toEqual({ etag: false });
    expect(c.templateValues).toEqual({ envID: 'e-1' });
  });

  it('names an unset environment variable, not a value', () => {
    const path = file('unset.json', { baseUrl: 'http://x', auth: { kind: 'bearer', token: '${NOPE_TOKEN}' } });
    expect(errorOf(() => loadConfig({ file: path, env: {} })).message).toBe(
      'config: auth.token: environment variable NOPE_TOKEN is not set',
    );
  });

  it('names a misspelled property', () => {
    const path = file('typo.json', { baseUrl: 'http://x', auth: { kind: 'bearer', token: TOKEN }, timeotMs: 5 });
    expect(errorOf(() => loadConfig({ file: path, env: {} })).message).toBe('config: timeotMs: is not an allowed property');
  });

  it('reports every schema problem on one line and never the secret', () => {
    const path = file('bad.json', { baseUrl: 'http://x', auth: { kind: 'bearer', token: '' }, concurrency: 65, endpoints: { users: 'Users' } });
    const msg = errorOf(() => loadConfig({ file: path, env: {} })).message;
    expect(msg).toContain('auth.token: must be a non-empty string');
    expect(msg).toContain('concurrency: must be <= 64');
    expect(msg).toContain('endpoints.users: must match the pattern ^/');
    expect(msg.startsWith('config: ')).toBe(true);
  });

  it('rejects an unknown auth kind by listing the kinds', () => {
    const path = file('kind.json', { baseUrl: 'http://x', auth: { kind: 'kerberos' } });
    expect(errorOf(() => loadConfig({ file: path, env: {} })).message).toBe(
      'config: auth.kind: must be one of "none", "bearer", "basic", "header", "oauth2"',
    );
  });

  it('gives the line of a JSON syntax error without quoting the file', () => {
    const line3 = `  "auth": {"kind": "bearer", "token": "${TOKEN}",}`;
    const path = file('syntax.json', `{\n  "baseUrl": "http://x",\n${line3}\n}`);
    const msg = errorOf(() => loadConfig({ file: path, env: {} })).message;
    expect(msg).toBe(`config: file ${path}: not valid JSON (line 3, column ${line3.indexOf(',}') + 2})`);
    expect(msg).not.toContain(TOKEN);
  });

  it('says when the file cannot be read', () => {
    const path = join(dir, 'missing.json');
    expect(errorOf(() => loadConfig({ file: path, env: {} })).message).toBe(`config: file ${path}: cannot be read (ENOENT)`);
  });

  it('resolves tls.caFile relative to the file and checks it exists', () => {
    file('ca.pem', '-----BEGIN CERTIFICATE-----\n');
    const ok = file('ca-ok.json', { baseUrl: 'https://x', tls: { caFile: './ca.pem' } });
    expect(loadConfig({ file: ok, env: {} }).tls.caFile).toBe(join(dir, 'ca.pem'));
    const bad = file('ca-bad.json', { baseUrl: 'https://x', tls: { caFile: './nope.pem' } });
    expect(errorOf(() => loadConfig({ file: bad, env: {} })).message).toBe(`config: tls.caFile: file ${join(dir, 'nope.pem')} does not exist`);
  });
});

describe('loadConfig precedence: file < environment < flags', () => {
  const path = () =>
    file('prec.json', { baseUrl: 'http://file', auth: { kind: 'basic', username: 'u', password: 'p' }, concurrency: 2, profile: 'file', headers: { 'X-A': 'file', 'X-B': 'file' } });

  it('environment beats the file', () => {
    const c = loadConfig({ file: path(), env: { SCIM_BASE_URL: 'http://env', SCIM_TOKEN: TOKEN, SCIM_CONCURRENCY: '5' } });
    expect(c.baseUrl).toBe('http://env');
    expect(c.auth).toEqual({ kind: 'bearer', token: TOKEN });
    expect(c.concurrency).toBe(5);
    expect(c.profile).toBe('file');
  });

  it('flags beat the environment; --header merges case-insensitively', () => {
    const c = loadConfig({
      file: path(),
      env: { SCIM_BASE_URL: 'http://env', SCIM_TOKEN: TOKEN, SCIM_CONCURRENCY: '5', SCIM_PROFILE: 'env' },
      flags: { target: 'http://flag', authHeader: 'X-Api-Key: k123', concurrency: '7', header: ['x-a: flag', 'X-C: c: with colon'] },
    });
    expect(c.baseUrl).toBe('http://flag');
    expect(c.auth).toEqual({ kind: 'header', name: 'X-Api-Key', value: 'k123' });
    expect(c.concurrency).toBe(7);
    expect(c.profile).toBe('env');
    expect(c.headers).toEqual({ 'X-B': 'file', 'x-a': 'flag', 'X-C': 'c: with colon' });
  });

  it('maps every environment variable', () => {
    file('env-ca.pem', 'x');
    const c = loadConfig({
      env: {
        SCIM_BASE_URL: 'https://env/scim',
        SCIM_TOKEN_URL: 'https://env/token',
        SCIM_CLIENT_ID: 'id',
        SCIM_CLIENT_SECRET: 'cs',
        SCIM_SCOPE: 'scim.write',
        SCIM_PROFILE: 'okta',
        SCIM_CONCURRENCY: '4',
        SCIM_TIMEOUT_MS: '1500',
        SCIM_CA_FILE: join(dir, 'env-ca.pem'),
        SCIM_INSECURE: 'true',
        SCIM_SEED: '0',
        SCIM_OUT_DIR: 'env-out',
      },
    });
    expect(c.auth).toEqual({ kind: 'oauth2', tokenUrl: 'https://env/token', clientId: 'id', clientSecret: 'cs', scope: 'scim.write' });
    expect([c.profile, c.concurrency, c.timeoutMs, c.tls.caFile, c.tls.allowSelfSigned, c.seed, c.outDir]).toEqual([
      'okta', 4, 1500, join(dir, 'env-ca.pem'), true, 0, 'env-out',
    ]);
    const basic = loadConfig({ env: { SCIM_BASE_URL: 'http://x', SCIM_USERNAME: 'alice', SCIM_PASSWORD: 'pw' } });
    expect(basic.auth).toEqual({ kind: 'basic', username: 'alice', password: 'pw' });
    const header = loadConfig({ env: { SCIM_BASE_URL: 'http://x', SCIM_AUTH_HEADER: 'X-Key', SCIM_AUTH_VALUE: 'v' } });
    expect(header.auth).toEqual({ kind: 'header', name: 'X-Key', value: 'v' });
  });

  it('maps every flag; --user takes the password from SCIM_PASSWORD when --password is absent', () => {
    const flags: Partial<FlagValues> = {
      target: 'http://f', user: 'bob', mediaType: 'application/json', insecure: true, timeoutMs: 300, concurrency: 1, profile: 'p', seed: '9', outDir: 'o',
    };
    const c = loadConfig({ env: { SCIM_PASSWORD: 'from-env' }, flags });
    expect(c.auth).toEqual({ kind: 'basic', username: 'bob', password: 'from-env' });
    expect([c.mediaType, c.tls.allowSelfSigned, c.timeoutMs, c.concurrency, c.profile, c.seed, c.outDir]).toEqual([
      'application/json', true, 300, 1, 'p', 9, 'o',
    ]);
  });
});

describe('loadConfig validation of values', () => {
  const env = { SCIM_BASE_URL: 'http://x' };
  it('rejects non-numbers and out-of-range numbers, naming the source', () => {
    expect(errorOf(() => loadConfig({ env: { ...env, SCIM_CONCURRENCY: 'abc' } })).message).toBe(
      'config: concurrency (from SCIM_CONCURRENCY): "abc" is not an integer',
    );
    expect(errorOf(() => loadConfig({ env, flags: { concurrency: '0' } })).message).toBe(
      'config: concurrency (from --concurrency): must be from 1 to 64, got 0',
    );
    expect(errorOf(() => loadConfig({ env, flags: { timeoutMs: '1.5' } })).message).toBe(
      'config: timeoutMs (from --timeout-ms): "1.5" is not an integer',
    );
    expect(errorOf(() => loadConfig({ env: { ...env, SCIM_TIMEOUT_MS: '0' } })).message).toContain('must be from 1 to');
    expect(errorOf(() => loadConfig({ env: { ...env, SCIM_INSECURE: 'maybe' } })).message).toContain('tls.allowSelfSigned (from SCIM_INSECURE)');
  });

  it('rejects URLs that are not http(s) or carry credentials, without echoing credentials', () => {
    expect(errorOf(() => loadConfig({ env: {}, flags: { target: 'ftp://x' } })).message).toBe(
      'config: baseUrl (from --target): "ftp://x" is not an http(s) URL',
    );
    expect(errorOf(() => loadConfig({ env: { SCIM_BASE_URL: 'not a url' } })).message).toBe(
      'config: baseUrl (from SCIM_BASE_URL): "not a url" is not an http(s) URL',
    );
    const msg = errorOf(() => loadConfig({ env: {}, flags: { target: `https://u:${TOKEN}@x/scim` } })).message;
    expect(msg).toBe('config: baseUrl (from --target): must not contain credentials; use auth instead');
  });

  it('never puts a secret in an auth error', () => {
    const e1 = errorOf(() => loadConfig({ env: { ...env, SCIM_USERNAME: '', SCIM_PASSWORD: TOKEN } }));
    expect(e1.message).toBe('config: auth.username (from SCIM_USERNAME): is required when SCIM_PASSWORD is set');
    const e2 = errorOf(() => loadConfig({ env, flags: { authHeader: TOKEN } }));
    expect(e2.message).toBe('config: auth (from --auth-header): expected "Name: value"');
    const e3 = errorOf(() => loadConfig({ env, flags: { header: ['X-Ok: 1', TOKEN] } }));
    expect(e3.message).toBe('config: headers (from --header #2): expected "Name: value"');
    const e4 = errorOf(() => loadConfig({ env: { ...env, SCIM_TOKEN_URL: 'https://t', SCIM_CLIENT_SECRET: TOKEN } }));
    expect(e4.message).toContain('SCIM_CLIENT_ID');
    for (const e of [e1, e2, e3, e4]) expect(e.message).not.toContain(TOKEN);
  });

  it('refuses two kinds of credential from the same source', () => {
    expect(errorOf(() => loadConfig({ env: { ...env, SCIM_TOKEN: 'a', SCIM_USERNAME: 'u', SCIM_PASSWORD: 'p' } })).message).toBe(
      'config: auth: the environment sets more than one kind of credential (SCIM_TOKEN, SCIM_USERNAME); keep one',
    );
    expect(errorOf(() => loadConfig({ env, flags: { token: 'a', authHeader: 'X-K: v' } })).message).toContain('--token, --auth-header');
  });

  it('checks the OAuth token URL', () => {
    const path = file('oauth-bad.json', { baseUrl: 'http://x', auth: { kind: 'oauth2', tokenUrl: 'file:///etc/passwd', clientId: 'c', clientSecret: 's' } });
    expect(errorOf(() => loadConfig({ file: path, env: {} })).message).toBe('config: auth.tokenUrl: "file:///etc/passwd" is not an http(s) URL');
  });
});
