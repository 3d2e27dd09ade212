// The target configuration: a JSON file, the environment and command-line flags, merged in that
// order of precedence, validated, and frozen. Errors are one line and never quote a secret.
// The sources are read in engine/config-sources.ts; the types are in engine/config-types.ts.
import { existsSync } from 'node:fs';
import { englishFaker } from '../fixtures/english-faker.ts';
import { checkTemplates, TemplateError, type DataTemplates } from '../fixtures/templates.ts';
import { envLayer, fileLayer, flagLayer, type Layer } from './config-sources.ts';
import { ConfigError, type FlagValues, type TargetConfig } from './config-types.ts';

export * from './config-types.ts';

export const DEFAULT_ENDPOINTS: TargetConfig['endpoints'] = Object.freeze({
  users: '/Users',
  groups: '/Groups',
  serviceProviderConfig: '/ServiceProviderConfig',
  resourceTypes: '/ResourceTypes',
  schemas: '/Schemas',
});

const DEFAULTS = {
  mediaType: 'application/scim+json',
  timeoutMs: 10_000,
  concurrency: 8,
  profile: 'rfc7644',
  outDir: 'runs',
  maxBodyBytes: 1024 * 1024,
};

// ---------- merge and final checks ----------

/** The last layer (highest precedence) that sets the field, with its label for errors. */
function pick<K extends keyof Omit<Layer, 'where'>>(layers: Layer[], key: K, field: string): { value: Layer[K]; label: string } | undefined {
  for (let i = layers.length - 1; i >= 0; i--) {
    const layer = layers[i]!;
    if (layer[key] !== undefined) return { value: layer[key], label: layer.where(field) };
  }
  return undefined;
}

function checkHttpUrl(raw: string, label: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(label, `${JSON.stringify(raw)} is not an http(s) URL`);
  }
  // Checked before anything echoes the URL: user info would be a credential.
  if (url.username !== '' || url.password !== '') throw new ConfigError(label, 'must not contain credentials; use auth instead');
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(label, `${JSON.stringify(raw)} is not an http(s) URL`);
  }
  if (url.search !== '' || url.hash !== '') throw new ConfigError(label, `${JSON.stringify(raw)} must not have a query or fragment`);
  return url.href;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

function mergeHeaders(layers: Layer[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const layer of layers) {
    for (const [name, value] of Object.entries(layer.headers ?? {})) {
      // Header names are case-insensitive: a later source replaces the earlier spelling.
      for (const existing of Object.keys(out)) if (existing.toLowerCase() === name.toLowerCase()) delete out[existing];
      out[name] = value;
    }
  }
  return out;
}

/** Unknown faker expressions and unmarked names are config errors, found before any request. */
function checkDataTemplates(templates: DataTemplates): void {
  try {
    checkTemplates(templates, englishFaker());
  } catch (e) {
    if (e instanceof TemplateError) throw new ConfigError(`templates.${e.path.replace(/^templates\./, '')}`, e.message);
    throw e;
  }
}

export function loadConfig(input: { file?: string; env?: NodeJS.ProcessEnv; flags?: Partial<FlagValues> }): TargetConfig {
  const env = input.env ?? process.env;
  const layers: Layer[] = [];
  if (input.file !== undefined) layers.push(fileLayer(input.file, env));
  layers.push(envLayer(env, input.flags?.user !== undefined));
  if (input.flags !== undefined) layers.push(flagLayer(input.flags, env));

  const base = pick(layers, 'baseUrl', 'baseUrl');
  if (!base) throw new ConfigError('baseUrl', 'is required (set baseUrl in the config file, SCIM_BASE_URL or --target)');
  const baseUrl = checkHttpUrl(base.value!, base.label).replace(/\/+$/, '');

  const auth = pick(layers, 'auth', 'auth')?.value ?? { kind: 'none' };
  if (auth.kind === 'oauth2') checkHttpUrl(auth.tokenUrl, 'auth.tokenUrl');

  const caFile = pick(layers, 'caFile', 'tls.caFile');
  if (caFile && !existsSync(caFile.value!)) throw new ConfigError(caFile.label, `file ${caFile.value} does not exist`);

  const num = (key: 'timeoutMs' | 'concurrency' | 'maxBodyBytes'): number => pick(layers, key, key)?.value ?? DEFAULTS[key];
  const str = (key: 'mediaType' | 'profile' | 'outDir'): string => pick(layers, key, key)?.value ?? DEFAULTS[key];
  const seed = pick(layers, 'seed', 'seed')?.value;
  const rate = pick(layers, 'rate', 'rate')?.value;
  // Unset means the client's default (3 retries).
  const retries = pick(layers, 'retries', 'retries')?.value;
  const templates = pick(layers, 'templates', 'templates')?.value;
  if (templates) checkDataTemplates(templates);
  const credentials = pick(layers, 'credentials', 'credentials')?.value;
  for (const [name, c] of Object.entries(credentials ?? {})) {
    if (c?.kind === 'oauth2') throw new ConfigError(`credentials.${name}`, 'must be bearer, basic or header (OAuth2 is only supported for auth)');
  }

  const config: TargetConfig = {
    baseUrl,
    endpoints: { ...DEFAULT_ENDPOINTS, ...Object.assign({}, ...layers.map((l) => l.endpoints ?? {})) },
    auth: { ...auth },
    headers: mergeHeaders(layers),
    mediaType: str('mediaType'),
    tls: { ...(caFile ? { caFile: caFile.value } : {}), allowSelfSigned: pick(layers, 'allowSelfSigned', 'tls.allowSelfSigned')?.value ?? false },
    timeoutMs: num('timeoutMs'),
    concurrency: num('concurrency'),
    profile: str('profile'),
    capabilities: Object.assign({}, ...layers.map((l) => l.capabilities ?? {})),
    ...(seed !== undefined ? { seed } : {}),
    outDir: str('outDir'),
    maxBodyBytes: num('maxBodyBytes'),
    templateValues: Object.assign({}, ...layers.map((l) => l.templateValues ?? {})),
    ...(retries !== undefined ? { retries } : {}),
    ...(rate !== undefined ? { rate } : {}),
    ...(templates ? { templates: structuredClone(templates) } : {}),
    ...(credentials ? { credentials: structuredClone(credentials) } : {}),
  };
  return deepFreeze(config);
}
