// The schema-driven family: PATCH scenarios derived from the target's User schema (core and
// extensions) and Group schema, one set per kind of attribute. Ids are built from the resource,
// the operation, the attribute and the variant, so they are stable as long as the schema is.
import { linksToResources } from '../../fixtures/from-schema.ts';
import type { GenerateContext } from '../generate-context.ts';
import type { Scenario } from '../scenario.ts';
import { memberListScenarios } from './attribute-group.ts';
import { multiSimpleScenarios, multiValuedScenarios } from './attribute-multi.ts';
import {
  idTarget,
  immutableScenarios,
  linkScenarios,
  readOnlyScenarios,
  requiredScenarios,
  writeOnlyScenarios,
} from './attribute-mutability.ts';
import { complexScenarios, simpleScenarios, subAttributeScenarios } from './attribute-simple.ts';
import { subTargets, topLevelTargets } from './attribute-targets.ts';
import type { Target } from './attribute-targets.ts';
import { Once } from './attribute-scenario.ts';

export function attributeScenarios(ctx: GenerateContext): Scenario[] {
  const out: Scenario[] = [];
  const once = new Once();
  const user = ctx.schemas.User;
  out.push(...readOnlyScenarios(idTarget('User', user.core.id), 'user.schema-full'));
  for (const t of topLevelTargets('User', user)) out.push(...userAttribute(t, once));
  const group = ctx.schemas.Group;
  if (group) {
    out.push(...readOnlyScenarios(idTarget('Group', group.core.id), 'group.one-member'));
    for (const t of topLevelTargets('Group', group)) out.push(...groupAttribute(t));
  }
  return out;
}

function userAttribute(t: Target, once: Once): Scenario[] {
  const def = t.def;
  if (def.mutability === 'readOnly') return readOnlyScenarios(t, 'user.schema-full');
  if (def.mutability === 'writeOnly') return writeOnlyScenarios(t);
  if (def.mutability === 'immutable') return immutableScenarios(t);
  if (def.required) return requiredScenarios(t, 'user.schema-full');
  if (linksToResources(def)) {
    // A User attribute listing other resources cannot be filled honestly from a user state
    // (it would need resources the state does not create); single links get removals only.
    return def.multiValued ? [] : [...linkScenarios(t), ...readOnlySubs(t)];
  }
  if (def.type !== 'complex') return def.multiValued ? multiSimpleScenarios(t, once) : simpleScenarios(t, once);
  if (!def.multiValued) return [...complexScenarios(t, once), ...subAttributeScenarios(t, once), ...readOnlySubs(t)];
  return [...multiValuedScenarios(t, once), ...immutableSubs(t)];
}

function readOnlySubs(t: Target): Scenario[] {
  return subTargets(t)
    .filter((s) => s.def.mutability === 'readOnly')
    .flatMap((s) => readOnlyScenarios(s, 'user.schema-full'));
}

function immutableSubs(t: Target): Scenario[] {
  return subTargets(t)
    .filter((s) => s.def.mutability === 'immutable')
    .flatMap((s) => immutableScenarios(s));
}

/**
 * The Group fixture is not schema-driven (displayName, externalId, members only), so only the
 * required attributes and member lists are generated; other Group attributes are left out.
 */
function groupAttribute(t: Target): Scenario[] {
  if (t.def.required && t.def.mutability === 'readWrite') return requiredScenarios(t, 'group.one-member');
  if (t.def.multiValued && linksToResources(t.def) && t.def.mutability === 'readWrite') return memberListScenarios(t);
  return [];
}
