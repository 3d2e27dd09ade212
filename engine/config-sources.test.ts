// Each source of the configuration on its own: what it sets, what it leaves unset (undefined, so
// that a lower layer shows through), and how it labels a field for errors.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { envLayer, fileLayer, flagLayer } from './config-sources.ts';
import { ConfigError } from './config-types.ts';

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'scimconf-sources-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SECRET = 'tok-Sources-S3cr3t';

describe('fileLayer', () => {
  it('substitutes ${ENV}, resolves tls.caFile beside the file, and labels fields by their path', () => {
    const file = join(dir, 'c.json');
    writeFileSync(file, JSON.stringify({ baseUrl: 'https://idm.example/scim', auth: { kind: 'bearer', token: '${T}' }, tls: { caFile: 'ca.pem' }, concurrency: 3 }));
    const layer = fileLayer(file, { T: SECRET });
    expect(layer.auth).toEqual({ kind: 'bearer', token: SECRET });
    expect(layer.caFile).toBe(join(dir, 'ca.pem'));
    expect(layer.concurrency).toBe(3);
    expect(layer.profile).toBeUndefined();
    expect(layer.where('tls.caFile')).toBe('tls.caFile');
  });

  it('names an unset variable and a broken file without quoting their content', () => {
    const file = join(dir, 'unset.json');
    writeFileSync(file, JSON.stringify({ baseUrl: 'https://x', auth: { kind: 'bearer', token: '${NOPE}' } }));
    expect(() => fileLayer(file, {})).toThrow(new ConfigError('auth.token', 'environment variable NOPE is not set'));
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, `{ "token": "${SECRET}",\n  oops }`);
    expect(() => fileLayer(broken, {})).toThrow(/not valid JSON \(line 2, column 3\)/);
    expect(() => fileLayer(broken, {})).not.toThrow(new RegExp(SECRET));
  });
});

describe('envLayer', () => {
  it('reads SCIM_* and labels each field with its variable', () => {
    const layer = envLayer({ SCIM_BASE_URL: 'https://e', SCIM_TOKEN: SECRET, SCIM_CONCURRENCY: '4', SCIM_INSECURE: 'yes' }, false);
    expect(layer).toMatchObject({ baseUrl: 'https://e', auth: { kind: 'bearer', token: SECRET }, concurrency: 4, allowSelfSigned: true });
    expect(layer.timeoutMs).toBeUndefined();
    expect(layer.where('baseUrl')).toBe('baseUrl (from SCIM_BASE_URL)');
    expect(() => envLayer({ SCIM_CONCURRENCY: '65' }, false)).toThrow('config: concurrency (from SCIM_CONCURRENCY): must be from 1 to 64, got 65');
  });

  it('takes a lone SCIM_PASSWORD as the password of --user, and refuses it otherwise', () => {
    expect(envLayer({ SCIM_PASSWORD: SECRET }, true).auth).toBeUndefined();
    expect(() => envLayer({ SCIM_PASSWORD: SECRET }, false)).toThrow('auth.username (from SCIM_USERNAME)');
  });
});

describe('flagLayer', () => {
  it('reads the flags, parses numbers and header lines, and labels fields by flag', () => {
    const layer = flagLayer({ target: 'https://f', header: ['X-A: 1', 'x-b:2'], concurrency: '2', rate: '0.5', insecure: true }, {});
    expect(layer).toMatchObject({ baseUrl: 'https://f', headers: { 'X-A': '1', 'x-b': '2' }, concurrency: 2, rate: 0.5, allowSelfSigned: true });
    expect(layer.where('baseUrl')).toBe('baseUrl (from --target)');
  });

  it('takes the --user password from SCIM_PASSWORD and refuses two credentials', () => {
    expect(flagLayer({ user: 'ops' }, { SCIM_PASSWORD: SECRET }).auth).toEqual({ kind: 'basic', username: 'ops', password: SECRET });
    let error: unknown;
    try {
      flagLayer({ token: SECRET, authHeader: `X-Key: ${SECRET}` }, {});
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toBe('config: auth: more than one credential flag given (--token, --auth-header); keep one');
  });
});
