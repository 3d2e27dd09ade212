// The validators of every schema in schemas/json/ as one CommonJS module of generated code (Ajv
// standalone), written by bin/build.mjs to dist/schemas/validators.cjs. The compiled package loads
// it instead of compiling the schemas at every start (about 0.3 s of CPU for the schemas a run uses,
// plus loading the compiler). The module exports one function per schema under `exportName(key)`.
import { createRequire } from 'node:module';
import type standaloneType from 'ajv/dist/standalone/index.js';
import { createAjv } from './ajv-instance.ts';

/** The file name bin/build.mjs writes beside the compiled schemas/validate.js. */
export const STANDALONE_FILE = 'validators.cjs';

/** `run-result` → `run_result`: schema names as JavaScript identifiers. */
export function exportName(key: string): string {
  return key.replace(/[^A-Za-z0-9_$]/g, '_');
}

/** The module's source. Throws when a schema cannot be registered or compiled. */
export function standaloneValidators(): string {
  const { ajv, keys, loadErrors } = createAjv({ source: true });
  for (const [key, why] of loadErrors) throw new Error(`schema ${key}: ${why}`);
  const standaloneCode = (createRequire(import.meta.url)('ajv/dist/standalone/index.js') as typeof standaloneType).default;
  return standaloneCode(ajv, Object.fromEntries(keys.map((k) => [exportName(k), k])));
}
