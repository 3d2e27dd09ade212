// The Ajv 2020 instance the project's schemas compile with, every file of schemas/json/ registered
// under its name (so schemas may $ref each other by $id). Used at run time in a source checkout, and
// at build time to generate the validators that the compiled package loads instead
// (schemas/standalone.ts), so both compile with the same options.
// Ajv is loaded with require, on first use, so that the compiled package, whose validators are
// generated at build time, never loads the compiler at all.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type Ajv2020Type from 'ajv/dist/2020.js';

export const SCHEMA_DIR = fileURLToPath(new URL('./json/', import.meta.url));
export const SUFFIX = '.schema.json';

export type ProjectAjv = InstanceType<typeof Ajv2020Type.default>;

export interface RegisteredAjv {
  ajv: ProjectAjv;
  /** Schema names registered, sorted. */
  keys: string[];
  /** Files that could not be registered, with the reason; reported when that schema is asked for. */
  loadErrors: Map<string, string>;
}

/**
 * A new instance with every schema registered. `source: true` keeps the generated code, which
 * standalone generation needs.
 * validateSchema: false: the files are the project's own and checked against the JSON Schema
 * 2020-12 meta-schema by schemas/validate-meta.test.ts; checking them again at every start compiled
 * the meta-schema in each run (about 90 ms of CPU).
 */
export function createAjv(options: { source?: boolean } = {}): RegisteredAjv {
  const require = createRequire(import.meta.url);
  // The packages are CommonJS with `exports.default`.
  const Ajv2020 = (require('ajv/dist/2020.js') as typeof Ajv2020Type).default;
  const addFormats = (require('ajv-formats') as typeof import('ajv-formats')).default;
  const ajv = new Ajv2020({ allErrors: true, discriminator: true, verbose: true, validateSchema: false, ...(options.source ? { code: { source: true } } : {}) });
  addFormats(ajv);
  const keys: string[] = [];
  const loadErrors = new Map<string, string>();
  for (const file of readdirSync(SCHEMA_DIR).filter((f) => f.endsWith(SUFFIX)).sort()) {
    const key = file.slice(0, -SUFFIX.length);
    try {
      ajv.addSchema(JSON.parse(readFileSync(SCHEMA_DIR + file, 'utf8')) as object, key);
      keys.push(key);
    } catch (err) {
      loadErrors.set(key, err instanceof Error ? err.message : String(err));
    }
  }
  return { ajv, keys, loadErrors };
}
