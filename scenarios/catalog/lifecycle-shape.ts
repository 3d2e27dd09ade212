// Shared checks of the lifecycle families' scenario data (create, read, put, delete, groups), for
// their tests: ids in the family, titles that say what the server must do, references, and
// a request that names its method.
import { expect } from 'vitest';
import { builtinResourceSchemas } from '../../schemas/rfc7643.ts';
import type { Scenario } from '../scenario.ts';
import { catalogScenarios } from './index.ts';

export function expectFamilyShape(family: string, scenarios: Scenario[], min: number): void {
  expect(scenarios.length).toBeGreaterThanOrEqual(min);
  const ids = scenarios.map((s) => s.id);
  expect(new Set(ids).size).toBe(ids.length);
  const catalog = new Set(catalogScenarios({ schemas: builtinResourceSchemas() }).map((s) => s.id));
  for (const s of scenarios) {
    expect(s.id.startsWith(`${family}.`), s.id).toBe(true);
    expect(s.family, s.id).toBe(family);
    expect(catalog.has(s.id), s.id).toBe(true);
    expect(s.title, s.id).toMatch(/^(The|A) server (that supports ETags )?(must|should)\b.*\.$/);
    expect(s.refs.length, s.id).toBeGreaterThan(0);
    expect(s.request.method, s.id).toBeDefined();
    if (s.level === 'SHOULD') expect(s.title, s.id).toMatch(/should/);
    if (s.level === 'MUST') expect(s.title, s.id).toMatch(/must/);
  }
}
