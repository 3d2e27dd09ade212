// The hand-written PATCH scenario families, written straight from the requirement catalog
// (/work/shared/spec/patch-requirements.md, sections A and E), and the few requests other than
// PATCH whose answers a PATCH-first suite must still judge (a create's conflict, a projected read).
import type { GenerateContext } from '../generate-context.ts';
import type { Scenario } from '../scenario.ts';
import { addScenarios } from './add.ts';
import { deleteScenarios } from './delete.ts';
import { groupsScenarios } from './groups.ts';
import { atomicScenarios } from './atomic.ts';
import { badPathScenarios } from './bad-path.ts';
import { caseInsensitiveScenarios } from './case-insensitive.ts';
import { createScenarios } from './create.ts';
import { discoveryScenarios } from './discovery.ts';
import { meScenarios } from './me.ts';
import { bulkScenarios } from './bulk.ts';
import { envelopeScenarios } from './envelope.ts';
import { errorScenarios } from './errors.ts';
import { extensionScenarios } from './extension.ts';
import { groupScenarios } from './group.ts';
import { mutabilityScenarios } from './mutability.ts';
import { primaryScenarios } from './primary.ts';
import { putScenarios } from './put.ts';
import { readScenarios } from './read.ts';
import { filterScenarios } from './filter.ts';
import { paginationScenarios } from './pagination.ts';
import { sortScenarios } from './sort.ts';
import { searchScenarios } from './search.ts';
import { removeScenarios } from './remove.ts';
import { replaceScenarios } from './replace.ts';
import { responseScenarios } from './response.ts';
import { versioningAnyServerScenarios, versioningScenarios } from './versioning.ts';

/** Family name → its scenarios, in report order. */
export const CATALOG_FAMILIES: Record<string, () => Scenario[]> = {
  envelope: envelopeScenarios,
  'bad-path': badPathScenarios,
  'case-insensitive': caseInsensitiveScenarios,
  add: addScenarios,
  remove: removeScenarios,
  replace: replaceScenarios,
  extension: extensionScenarios,
  mutability: mutabilityScenarios,
  primary: primaryScenarios,
  atomic: atomicScenarios,
  versioning: () => [...versioningScenarios(), ...versioningAnyServerScenarios()],
  group: groupScenarios,
  response: responseScenarios,
  errors: errorScenarios,
};

/** Families of requests other than PATCH (ids `<family>.<what>`), in report order. */
export const REQUEST_FAMILIES: Record<string, () => Scenario[]> = {
  create: createScenarios,
  read: readScenarios,
  filter: filterScenarios,
  pagination: paginationScenarios,
  sort: sortScenarios,
  search: searchScenarios,
  put: putScenarios,
  delete: deleteScenarios,
  groups: groupsScenarios,
  discovery: discoveryScenarios,
  me: meScenarios,
  bulk: bulkScenarios,
};

export function catalogScenarios(ctx: GenerateContext): Scenario[] {
  const all = [...Object.values(CATALOG_FAMILIES), ...Object.values(REQUEST_FAMILIES)].flatMap((build) => build());
  // A target whose User schema has no password cannot run the password scenarios at all,
  // whatever its changePassword flag says.
  const hasPassword = ctx.schemas.User.core.attributes.some((a) => a.name.toLowerCase() === 'password');
  return hasPassword ? all : all.filter((s) => !s.requires.includes('changePassword'));
}
