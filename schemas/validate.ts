// Validation against the project's JSON Schemas (schemas/json/), each validator made once and cached.
// The compiled package loads the validators generated at build time (schemas/standalone.ts,
// dist/schemas/validators.cjs); a source checkout compiles them with Ajv on first use
// (schemas/ajv-instance.ts). Both come from the same schemas and options, and
// schemas/standalone.test.ts checks that they judge alike.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { createAjv, SUFFIX, type RegisteredAjv } from './ajv-instance.ts';
import { exportName, STANDALONE_FILE } from './standalone.ts';

export interface ValidationError {
  /** Dotted path of the offending value, e.g. `auth.token` or `headers[0]`; '' for the root. */
  path: string;
  message: string;
}
export type ValidationResult = { ok: true } | { ok: false; errors: ValidationError[] };

const validators = new Map<string, ValidateFunction>();
let generated: Record<string, ValidateFunction> | null | undefined;
let compiler: RegisteredAjv | undefined;

/** The build's generated validators, or null in a source checkout (or with SCIM_AJV_COMPILE=1). */
function generatedValidators(): Record<string, ValidateFunction> | null {
  if (generated === undefined) {
    const file = new URL(`./${STANDALONE_FILE}`, import.meta.url);
    generated = process.env['SCIM_AJV_COMPILE'] !== '1' && existsSync(file) ? (createRequire(import.meta.url)(fileURLToPath(file)) as Record<string, ValidateFunction>) : null;
  }
  return generated;
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
  const built = generatedValidators();
  const fn = built !== null ? built[exportName(key)] : compile(key);
  if (!fn) throw new Error(`schema ${key}${SUFFIX} not found in schemas/json/`);
  validators.set(key, fn);
  return fn;
}

function compile(key: string): ValidateFunction | undefined {
  compiler ??= createAjv();
  const failure = compiler.loadErrors.get(key);
  if (failure) throw new Error(`schema ${key}${SUFFIX}: ${failure}`);
  return compiler.ajv.getSchema(key);
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
