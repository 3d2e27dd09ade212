// The generated validators (what the compiled package loads) judge exactly as the ones Ajv compiles
// at run time (what a source checkout uses): same verdict and same errors, schema by schema, on
// valid documents and on documents broken in the ways the project's messages report.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { createAjv } from './ajv-instance.ts';
import { exportName, standaloneValidators } from './standalone.ts';
import { URN } from './scim-schema.ts';
import { sampleResult } from '../fixtures/sample-runs/sample-result.ts';

/** Evaluates the generated CommonJS module with this project's require (its runtime helpers live in node_modules). */
function load(code: string): Record<string, ValidateFunction> {
  const module = { exports: {} as Record<string, ValidateFunction> };
  new Function('require', 'module', 'exports', code)(createRequire(import.meta.url), module, module.exports);
  return module.exports;
}

const essence = (errors: ErrorObject[] | null | undefined) =>
  (errors ?? []).map((e) => ({ instancePath: e.instancePath, schemaPath: e.schemaPath, keyword: e.keyword, params: e.params, message: e.message, parentSchema: e.parentSchema }));

const user = { schemas: [URN.user], id: 'u1', userName: 'ada', emails: [{ value: 'ada@example.com', primary: true }], meta: { resourceType: 'User' } };
const SAMPLES: Record<string, unknown[]> = {
  config: [
    { baseUrl: 'https://x', auth: { kind: 'none' } },
    { baseUrl: 'https://x', auth: { kind: 'bearer', token: 't' }, concurrency: 4 },
    { baseUrl: '', auth: { kind: 'basic', username: 'u' }, headers: { 'bad name': 'v' }, capabilities: { patch: 'yes', teleport: true }, concurrency: 100 },
    { baseUrl: 'https://x', auth: { kind: 'kerberos' } },
    { baseUrl: 'https://x', auth: {} },
  ],
  'scim-user': [user, { ...user, userName: 7 }, { ...user, emails: 'ada' }, { schemas: [] }],
  'scim-error': [
    { schemas: [URN.error], status: '400', scimType: 'invalidPath', detail: 'no such attribute' },
    { schemas: [URN.error], status: 400 },
    { schemas: [URN.error], scimType: 'mutability' },
  ],
  'scim-patch-op': [
    { schemas: [URN.patchOp], Operations: [{ op: 'add', path: 'title', value: 'x' }] },
    { schemas: [URN.patchOp], Operations: [{ op: 'move', path: 'title' }] },
    { schemas: [URN.patchOp], Operations: [] },
    { schemas: [URN.patchOp] },
  ],
  'scim-list-response': [
    { schemas: [URN.listResponse], totalResults: 1, Resources: [user] },
    { schemas: [URN.listResponse], totalResults: '1', Resources: {} },
  ],
  'run-result': [sampleResult(), { ...sampleResult(), scenarios: [{ id: 7 }] }, { schemaVersion: 'x' }],
};
const GENERIC: unknown[] = [null, 0, 'x', [], {}, { schemas: 'x' }, { schemas: [7], id: 5 }];

describe('generated validators', () => {
  const { ajv, keys } = createAjv();
  const generated = load(standaloneValidators());

  it('exist for every schema of schemas/json', () => {
    expect(keys.length).toBeGreaterThanOrEqual(13);
    for (const key of keys) expect(typeof generated[exportName(key)], key).toBe('function');
  });

  it('judge every sample like the run-time compiler, errors included', () => {
    let invalid = 0;
    for (const key of keys) {
      const runtime = ajv.getSchema(key)!;
      const standalone = generated[exportName(key)]!;
      for (const sample of [...(SAMPLES[key] ?? []), ...GENERIC]) {
        const verdict = runtime(sample);
        expect(standalone(sample), `${key}: ${JSON.stringify(sample).slice(0, 80)}`).toBe(verdict);
        expect(essence(standalone.errors)).toEqual(essence(runtime.errors));
        if (!verdict) invalid += 1;
      }
    }
    // The samples do exercise failures (and the valid ones pass, below): the comparison is not vacuous.
    expect(invalid).toBeGreaterThan(keys.length * 4);
  });

  it('accept the valid samples', () => {
    for (const [key, samples] of Object.entries(SAMPLES)) {
      expect(generated[exportName(key)]!(samples[0]), `${key}: ${JSON.stringify(generated[exportName(key)]!.errors)}`).toBe(true);
    }
  });
});
