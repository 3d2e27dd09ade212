// One Ajv 2020 instance for the whole project. Every file in schemas/json/ is registered on first
// use (so schemas may $ref each other by $id), and each validator is compiled once and cached.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { ErrorObject, ValidateFunction } from 'ajv';

export interface ValidationError {
  /** Dotted path of the offending value, e.g. `auth.token` or `headers[0]`; '' for the root. */
  path: string;
  message: string;
}
export type ValidationResult = { ok: true } | { ok: false; errors: ValidationError[] };

const SCHEMA_DIR = fileURLToPath(new URL('./json/', import.meta.url));
const SUFFIX = '.schema.json';

// The packages are CommonJS with `exports.default`; under NodeNext the default import is the module.
// validateSchema: false: the files are the project's own and checked against the JSON Schema 2020-12
// meta-schema by schemas/validate-meta.test.ts; checking them again at every start compiled the
// meta-schema in each run (about 90 ms of CPU).
const ajv = new Ajv2020.default({ allErrors: true, discriminator: true, verbose: true, validateSchema: false });
addFormats.default(ajv);

let registered = false;
/** Files that could not be registered, with the reason; reported when that schema is asked for. */
const loadErrors = new Map<string, string>();
const validators = new Map<string, ValidateFunction>();

function registerAll(): void {
  if (registered) return;
  registered = true;
  for (const file of readdirSync(SCHEMA_DIR).filter((f) => f.endsWith(SUFFIX)).sort()) {
    const key = file.slice(0, -SUFFIX.length);
    try {
      const schema = JSON.parse(readFileSync(SCHEMA_DIR + file, 'utf8')) as object;
      ajv.addSchema(schema, key);
    } catch (err) {
      loadErrors.set(key, err instanceof Error ? err.message : String(err));
    }
  }
}

/** `config`, `config.schema.json` and `schemas/json/config.schema.json` all name the same schema. */
function schemaKey(schemaFile: string): string {
  const base = schemaFile.split(/[\\/]/).pop() ?? schemaFile;
  return base.endsWith(SUFFIX) ? base.slice(0, -SUFFIX.length) : base.replace(/\.json$/, '');
}

function validatorFor(schemaFile: string): ValidateFunction {
  const key = schemaKey(schemaFile);
  const cached = validators.get(key);
  if (cached) return cached;
  registerAll();
  const failure = loadErrors.get(key);
  if (failure) throw new Error(`schema ${key}${SUFFIX}: ${failure}`);
  const fn = ajv.getSchema(key);
  if (!fn) throw new Error(`schema ${key}${SUFFIX} not found in schemas/json/`);
  validators.set(key, fn);
  return fn;
}

function pointerToPath(pointer: string): string {
  if (pointer === '') return '';
  let out = '';
  for (const raw of pointer.slice(1).split('/')) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    out += /^\d+$/.test(seg) ? `[${seg}]` : out === '' ? seg : `.${seg}`;
  }
  return out;
}

function join(path: string, child: string): string {
  return path === '' ? child : `${path}.${child}`;
}

/** The values a discriminator accepts, read from the `const` of each oneOf branch. */
function discriminatorValues(e: ErrorObject, tag: string): string {
  const branches = (e.parentSchema as { oneOf?: Array<{ properties?: Record<string, { const?: unknown }> }> })?.oneOf;
  return (branches ?? []).map((b) => JSON.stringify(b.properties?.[tag]?.const)).join(', ');
}

function toValidationError(e: ErrorObject): ValidationError {
  const path = pointerToPath(e.instancePath);
  const p = e.params as Record<string, unknown>;
  if (e.propertyName !== undefined) return { path: join(path, e.propertyName), message: 'is not an allowed property name' };
  switch (e.keyword) {
    case 'propertyNames':
      return { path: join(path, String(p.propertyName)), message: 'is not an allowed property name' };
    case 'minLength':
      if (p.limit === 1) return { path, message: 'must be a non-empty string' };
      return { path, message: e.message ?? 'is too short' };
    case 'pattern':
      return { path, message: `must match the pattern ${String(p.pattern)}` };
    case 'required':
      return { path: join(path, String(p.missingProperty)), message: 'is required' };
    case 'additionalProperties':
      return { path: join(path, String(p.additionalProperty)), message: 'is not an allowed property' };
    case 'enum':
      return {
        path,
        message: `must be one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`,
      };
    case 'const':
      return { path, message: `must be ${JSON.stringify(p.allowedValue)}` };
    case 'discriminator': {
      const tag = String(p.tag);
      if (p.tagValue === undefined) return { path: join(path, tag), message: 'is required' };
      return { path: join(path, tag), message: `must be one of ${discriminatorValues(e, tag)}` };
    }
    default:
      return { path, message: e.message ?? `fails ${e.keyword}` };
  }
}

/** Validate `data` against schemas/json/<name>.schema.json. Throws only if the schema itself is missing or broken. */
export function validateWith(schemaFile: string, data: unknown): ValidationResult {
  const fn = validatorFor(schemaFile);
  if (fn(data)) return { ok: true };
  const seen = new Set<string>();
  const errors: ValidationError[] = [];
  for (const e of fn.errors ?? []) {
    // A failed `if` only says which branch applied; the branch's own errors carry the detail.
    if (e.keyword === 'if') continue;
    const ve = toValidationError(e);
    const id = `${ve.path}\u0000${ve.message}`;
    if (!seen.has(id)) {
      seen.add(id);
      errors.push(ve);
    }
  }
  return { ok: false, errors };
}
