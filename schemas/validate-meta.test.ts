// schemas/validate.ts registers schemas/json/ without checking them against the meta-schema (to
// spare every run that work); this test is that check.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';

const DIR = fileURLToPath(new URL('./json/', import.meta.url));
const files = readdirSync(DIR).filter((f) => f.endsWith('.schema.json')).sort();

function checker() {
  const ajv = new Ajv2020.default({ allErrors: true, discriminator: true, verbose: true });
  addFormats.default(ajv);
  return ajv;
}

describe('schemas/json against the JSON Schema 2020-12 meta-schema', () => {
  it('finds the schema files', () => {
    expect(files.length).toBeGreaterThan(5);
  });

  it.each(files)('%s is a valid schema', (file) => {
    const ajv = checker();
    const schema = JSON.parse(readFileSync(DIR + file, 'utf8')) as object;
    const ok = ajv.validateSchema(schema);
    expect(ajv.errorsText(ajv.errors), file).toBe('No errors');
    expect(ok).toBe(true);
  });

  it('would notice a broken schema', () => {
    expect(checker().validateSchema({ type: 'no-such-type', properties: [] })).toBe(false);
  });

  it('every file compiles with its $refs resolved', () => {
    const ajv = checker();
    for (const file of files) ajv.addSchema(JSON.parse(readFileSync(DIR + file, 'utf8')) as object, file.slice(0, -'.schema.json'.length));
    for (const file of files) expect(() => ajv.getSchema(file.slice(0, -'.schema.json'.length)), file).not.toThrow();
  });
});
