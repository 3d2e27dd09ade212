// The three sources of a target configuration, each read into a layer of its own: the JSON file
// (with ${ENV} substitution, checked against schemas/json/config.schema.json), the environment
// (SCIM_*) and the command-line flags. engine/config.ts merges them. Every error names the field
// and where it came from, and never quotes a secret.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Capabilities } from '../schemas/run-result.ts';
import { validateWith } from '../schemas/validate.ts';
import type { DataTemplates } from '../fixtures/templates.ts';
import { jsonErrorOffset, lineAndColumn } from './json-error-position.ts';
import { ConfigError, type AuthConfig, type ExtraCredentials, type FlagValues, type TargetConfig } from './config-types.ts';

/** One source's contribution; every field optional. `where` labels a field for error messages. */
export interface Layer {
  baseUrl?: string;
  endpoints?: Partial<TargetConfig['endpoints']>;
  auth?: AuthConfig;
  headers?: Record<string, string>;
  mediaType?: string;
  caFile?: string;
  allowSelfSigned?: boolean;
  timeoutMs?: number;
  concurrency?: number;
  profile?: string;
  capabilities?: Partial<Capabilities>;
  seed?: number;
  outDir?: string;
  maxBodyBytes?: number;
  templateValues?: Record<string, string>;
  retries?: number;
  rate?: number;
  templates?: DataTemplates;
  credentials?: ExtraCredentials;
  where: (field: string) => string;
}

/** The config file as its schema allows it: a layer's fields, with the TLS settings under `tls`. */
type ConfigFile = Omit<Layer, 'where' | 'caFile' | 'allowSelfSigned'> & { tls?: { caFile?: string; allowSelfSigned?: boolean } };

const NUMBER_RANGES = {
  timeoutMs: [1, 600_000],
  concurrency: [1, 64],
  seed: [0, 4_294_967_295],
  retries: [0, 10],
} as const;

/** Requests per second: a positive number (0.5 = one every two seconds). */
function parseRate(raw: string | number, label: string): number {
  const text = String(raw).trim();
  const n = Number(text);
  if (text === '' || !Number.isFinite(n) || n <= 0 || n > 10_000) throw new ConfigError(label, `must be a number of requests per second above 0 and at most 10000, got ${JSON.stringify(text)}`);
  return n;
}

function parseInteger(raw: string | number, field: keyof typeof NUMBER_RANGES, label: string): number {
  const [min, max] = NUMBER_RANGES[field];
  const text = String(raw).trim();
  if (!/^-?\d+$/.test(text)) throw new ConfigError(label, `${JSON.stringify(String(raw))} is not an integer`);
  const n = Number(text);
  if (n < min || n > max) throw new ConfigError(label, `must be from ${min} to ${max}, got ${text}`);
  return n;
}

function parseBoolean(raw: string, label: string): boolean {
  const v = raw.trim().toLowerCase();
  if (v === '1' || v === 'true' || v === 'yes') return true;
  if (v === '0' || v === 'false' || v === 'no' || v === '') return false;
  throw new ConfigError(label, `${JSON.stringify(raw)} is not a boolean (use 1/true or 0/false)`);
}

/** "Name: value" → [name, value]; the value is a secret, so errors never echo the input. */
function parseHeaderLine(line: string, label: string): [string, string] {
  const colon = line.indexOf(':');
  const name = colon > 0 ? line.slice(0, colon).trim() : '';
  if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) throw new ConfigError(label, 'expected "Name: value"');
  return [name, line.slice(colon + 1).trim()];
}

function nonEmpty(value: string | undefined): value is string {
  return value !== undefined && value !== '';
}

// ---------- the file ----------

const ENV_REF = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** Replace ${VAR} in every string of the parsed file; an unset variable names itself, never a value. */
function substituteEnv(value: unknown, env: NodeJS.ProcessEnv, path: string): unknown {
  if (typeof value === 'string') {
    return value.replace(ENV_REF, (_m, name: string) => {
      const v = env[name];
      if (v === undefined) throw new ConfigError(path || '(root)', `environment variable ${name} is not set`);
      return v;
    });
  }
  if (Array.isArray(value)) return value.map((v, i) => substituteEnv(v, env, `${path}[${i}]`));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = substituteEnv(v, env, path ? `${path}.${k}` : k);
    return out;
  }
  return value;
}

export function fileLayer(file: string, env: NodeJS.ProcessEnv): Layer {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new ConfigError(`file ${file}`, `cannot be read (${code})`);
  }
  const offset = jsonErrorOffset(text);
  if (offset >= 0) {
    const { line, column } = lineAndColumn(text, offset);
    throw new ConfigError(`file ${file}`, `not valid JSON (line ${line}, column ${column})`);
  }
  const data = substituteEnv(JSON.parse(text), env, '');
  const result = validateWith('config', data);
  if (!result.ok) {
    // All problems on one line, so a file with several typos is fixed in one go.
    const [first, ...rest] = result.errors;
    const more = rest.map((e) => `; ${e.path || '(root)'}: ${e.message}`).join('');
    throw new ConfigError(first?.path || '(root)', `${first?.message ?? 'is not valid'}${more}`);
  }
  const f = data as ConfigFile;
  return {
    baseUrl: f.baseUrl,
    endpoints: f.endpoints,
    auth: f.auth,
    headers: f.headers,
    mediaType: f.mediaType,
    // A CA file named in the config file is relative to that file, not to where the command runs.
    caFile: f.tls?.caFile === undefined ? undefined : resolve(dirname(file), f.tls.caFile),
    allowSelfSigned: f.tls?.allowSelfSigned,
    timeoutMs: f.timeoutMs,
    concurrency: f.concurrency,
    profile: f.profile,
    capabilities: f.capabilities,
    seed: f.seed,
    outDir: f.outDir,
    maxBodyBytes: f.maxBodyBytes,
    templateValues: f.templateValues,
    retries: f.retries,
    rate: f.rate,
    templates: f.templates,
    credentials: f.credentials,
    where: (field) => field,
  };
}

// ---------- the environment ----------

/** `passwordForFlag`: --user was given, so a lone SCIM_PASSWORD is its password, not a half-set credential. */
function envAuth(env: NodeJS.ProcessEnv, passwordForFlag: boolean): AuthConfig | undefined {
  const chosen: Array<[string, AuthConfig]> = [];
  if (nonEmpty(env.SCIM_TOKEN)) chosen.push(['SCIM_TOKEN', { kind: 'bearer', token: env.SCIM_TOKEN }]);
  if (nonEmpty(env.SCIM_USERNAME) || (nonEmpty(env.SCIM_PASSWORD) && !passwordForFlag)) {
    if (!nonEmpty(env.SCIM_USERNAME)) throw new ConfigError('auth.username (from SCIM_USERNAME)', 'is required when SCIM_PASSWORD is set');
    if (!nonEmpty(env.SCIM_PASSWORD)) throw new ConfigError('auth.password (from SCIM_PASSWORD)', 'is required when SCIM_USERNAME is set');
    chosen.push(['SCIM_USERNAME', { kind: 'basic', username: env.SCIM_USERNAME, password: env.SCIM_PASSWORD }]);
  }
  if (nonEmpty(env.SCIM_AUTH_HEADER) || nonEmpty(env.SCIM_AUTH_VALUE)) {
    if (!nonEmpty(env.SCIM_AUTH_HEADER)) throw new ConfigError('auth.name (from SCIM_AUTH_HEADER)', 'is required when SCIM_AUTH_VALUE is set');
    if (!nonEmpty(env.SCIM_AUTH_VALUE)) throw new ConfigError('auth.value (from SCIM_AUTH_VALUE)', 'is required when SCIM_AUTH_HEADER is set');
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(env.SCIM_AUTH_HEADER)) {
      throw new ConfigError('auth.name (from SCIM_AUTH_HEADER)', 'is not a valid header name');
    }
    chosen.push(['SCIM_AUTH_HEADER', { kind: 'header', name: env.SCIM_AUTH_HEADER, value: env.SCIM_AUTH_VALUE }]);
  }
  const oauthVars = ['SCIM_TOKEN_URL', 'SCIM_CLIENT_ID', 'SCIM_CLIENT_SECRET'] as const;
  if (oauthVars.some((v) => nonEmpty(env[v]))) {
    const missing = oauthVars.filter((v) => !nonEmpty(env[v]));
    if (missing.length > 0) throw new ConfigError(`auth (from ${missing.join(', ')})`, 'OAuth2 needs SCIM_TOKEN_URL, SCIM_CLIENT_ID and SCIM_CLIENT_SECRET');
    const auth: AuthConfig = {
      kind: 'oauth2',
      tokenUrl: env.SCIM_TOKEN_URL!,
      clientId: env.SCIM_CLIENT_ID!,
      clientSecret: env.SCIM_CLIENT_SECRET!,
      ...(nonEmpty(env.SCIM_SCOPE) ? { scope: env.SCIM_SCOPE } : {}),
    };
    chosen.push(['SCIM_TOKEN_URL', auth]);
  }
  if (chosen.length > 1) {
    throw new ConfigError('auth', `the environment sets more than one kind of credential (${chosen.map((c) => c[0]).join(', ')}); keep one`);
  }
  return chosen[0]?.[1];
}

export function envLayer(env: NodeJS.ProcessEnv, passwordForFlag: boolean): Layer {
  const label = (field: string, name: string): string => `${field} (from ${name})`;
  const int = (name: string, field: keyof typeof NUMBER_RANGES): number | undefined => {
    const v = env[name];
    return nonEmpty(v) ? parseInteger(v, field, label(field, name)) : undefined;
  };
  const str = (name: string): string | undefined => (nonEmpty(env[name]) ? env[name] : undefined);
  const names: Record<string, string> = {
    baseUrl: 'SCIM_BASE_URL',
    profile: 'SCIM_PROFILE',
    'tls.caFile': 'SCIM_CA_FILE',
    outDir: 'SCIM_OUT_DIR',
  };
  return {
    baseUrl: str('SCIM_BASE_URL'),
    auth: envAuth(env, passwordForFlag),
    profile: str('SCIM_PROFILE'),
    concurrency: int('SCIM_CONCURRENCY', 'concurrency'),
    timeoutMs: int('SCIM_TIMEOUT_MS', 'timeoutMs'),
    caFile: nonEmpty(env.SCIM_CA_FILE) ? resolve(env.SCIM_CA_FILE) : undefined,
    allowSelfSigned: env.SCIM_INSECURE === undefined ? undefined : parseBoolean(env.SCIM_INSECURE, label('tls.allowSelfSigned', 'SCIM_INSECURE')),
    seed: int('SCIM_SEED', 'seed'),
    outDir: str('SCIM_OUT_DIR'),
    where: (field) => (names[field] ? label(field, names[field]) : field),
  };
}

// ---------- the flags ----------

function flagAuth(flags: Partial<FlagValues>, env: NodeJS.ProcessEnv): AuthConfig | undefined {
  const chosen: Array<[string, AuthConfig]> = [];
  if (flags.token !== undefined) {
    if (flags.token === '') throw new ConfigError('auth.token (from --token)', 'must be a non-empty string');
    chosen.push(['--token', { kind: 'bearer', token: flags.token }]);
  }
  if (flags.user !== undefined || flags.password !== undefined) {
    if (!nonEmpty(flags.user)) throw new ConfigError('auth.username (from --user)', 'is required when --password is given');
    // The password may come from the environment so that it stays off the command line.
    const password = flags.password ?? env.SCIM_PASSWORD;
    if (!nonEmpty(password)) throw new ConfigError('auth.password (from --password)', 'is required with --user (or set SCIM_PASSWORD)');
    chosen.push(['--user', { kind: 'basic', username: flags.user, password }]);
  }
  if (flags.authHeader !== undefined) {
    const [name, value] = parseHeaderLine(flags.authHeader, 'auth (from --auth-header)');
    if (value === '') throw new ConfigError('auth.value (from --auth-header)', 'must be a non-empty string');
    chosen.push(['--auth-header', { kind: 'header', name, value }]);
  }
  if (chosen.length > 1) {
    throw new ConfigError('auth', `more than one credential flag given (${chosen.map((c) => c[0]).join(', ')}); keep one`);
  }
  return chosen[0]?.[1];
}

export function flagLayer(flags: Partial<FlagValues>, env: NodeJS.ProcessEnv): Layer {
  const names: Record<string, string> = {
    baseUrl: '--target',
    mediaType: '--media-type',
    'tls.caFile': '--ca-file',
    profile: '--profile',
    outDir: '--out-dir',
  };
  const label = (field: string): string => (names[field] ? `${field} (from ${names[field]})` : field);
  let headers: Record<string, string> | undefined;
  if (flags.header !== undefined) {
    headers = {};
    flags.header.forEach((line, i) => {
      const [name, value] = parseHeaderLine(line, `headers (from --header #${i + 1})`);
      headers![name] = value;
    });
  }
  const str = (v: string | undefined, field: string): string | undefined => {
    if (v === undefined) return undefined;
    if (v === '') throw new ConfigError(label(field), 'must be a non-empty string');
    return v;
  };
  const int = (v: string | number | undefined, field: keyof typeof NUMBER_RANGES, flag: string): number | undefined =>
    v === undefined ? undefined : parseInteger(v, field, `${field} (from ${flag})`);
  return {
    baseUrl: str(flags.target, 'baseUrl'),
    auth: flagAuth(flags, env),
    headers,
    mediaType: str(flags.mediaType, 'mediaType'),
    caFile: flags.caFile === undefined ? undefined : resolve(str(flags.caFile, 'tls.caFile')!),
    allowSelfSigned: flags.insecure,
    timeoutMs: int(flags.timeoutMs, 'timeoutMs', '--timeout-ms'),
    concurrency: int(flags.concurrency, 'concurrency', '--concurrency'),
    profile: str(flags.profile, 'profile'),
    seed: int(flags.seed, 'seed', '--seed'),
    outDir: str(flags.outDir, 'outDir'),
    retries: int(flags.retries, 'retries', '--retries'),
    rate: flags.rate === undefined ? undefined : parseRate(flags.rate, 'rate (from --rate)'),
    where: label,
  };
}
