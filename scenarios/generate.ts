// All PATCH scenarios for a target: the schema-driven attribute family plus the hand-written
// catalog families, sorted by id. Ids are the scenarios' identity in reports and expectation
// files, so a duplicate is a bug and stops generation.
import { catalogScenarios } from './catalog/index.ts';
import { attributeScenarios } from './families/attributes.ts';
import { idpScenarios } from './idp/index.ts';
import { securityScenarios } from './security/index.ts';
import { checkScenarios } from './checks.ts';
import type { GenerateContext } from './generate-context.ts';
import type { Scenario } from './scenario.ts';

export type { GenerateContext } from './generate-context.ts';

export function generateScenarios(ctx: GenerateContext): Scenario[] {
  const all = [...attributeScenarios(ctx), ...catalogScenarios(ctx), ...idpScenarios(), ...securityScenarios(), ...checkScenarios()];
  assertUniqueIds(all);
  return all.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export function assertUniqueIds(scenarios: Scenario[]): void {
  const seen = new Set<string>();
  for (const s of scenarios) {
    if (seen.has(s.id)) throw new Error(`duplicate scenario id "${s.id}"`);
    seen.add(s.id);
  }
}

/** The families present, in order of first appearance. */
export function listFamilies(scenarios: Scenario[]): string[] {
  return [...new Set(scenarios.map((s) => s.family))];
}
