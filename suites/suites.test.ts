// Every family the generator produces has its suite file, so no scenario is silently left out
// of the vitest run (and no suite file names a family that does not exist).
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateScenarios, listFamilies } from '../scenarios/generate.ts';
import { builtinResourceSchemas } from '../schemas/rfc7643.ts';

describe('suites/', () => {
  it('has exactly one suite file per scenario family', () => {
    const families = listFamilies(generateScenarios({ schemas: builtinResourceSchemas() })).sort();
    const files = readdirSync(new URL('.', import.meta.url))
      .filter((f) => f.endsWith('.suite.ts'))
      .map((f) => f.replace(/\.suite\.ts$/, ''))
      .sort();
    expect(files).toEqual(families);
  });
});
