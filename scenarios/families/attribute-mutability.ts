// Attributes whose mutability or requiredness decides the outcome: readOnly (400 mutability),
// immutable (settable once), writeOnly (accepted, never returned), required (never unassigned).
import { COMMON_ATTRIBUTES } from '../../schemas/rfc7643.ts';
import type { AttributeDef } from '../../schemas/scim-schema.ts';
import { op, ops } from '../generate-context.ts';
import type { Capability, Scenario } from '../scenario.ts';
import { absent, attrScenario, equals, error, named, success } from './attribute-scenario.ts';
import { pathlessValue, pathOf, valuePathOf } from './attribute-targets.ts';
import type { Target } from './attribute-targets.ts';
import { invalidType, pathlessRemove } from './attribute-simple.ts';
import { fixtureTypes, hasSub, newElement, patchedValue } from './attribute-values.ts';
import { linksToResources } from '../../fixtures/from-schema.ts';

const USER_FULL = 'user.schema-full';
const USER_EMPTY = 'user.minimal';

/** A value of the right shape for a readOnly attribute, so only mutability can be the reason to refuse it. */
function readOnlyValue(t: Target): unknown {
  if (linksToResources(t.def)) return t.def.multiValued ? [{ value: '{U2.id}' }] : { value: '{U2.id}' };
  if (t.def.type === 'complex') return t.def.multiValued ? [newElement(t.def)] : newElement(t.def);
  const v = t.def.name === 'id' ? 'patched-id-hijack' : patchedValue(t);
  return t.def.multiValued ? [v] : v;
}

/** readOnly attributes and sub-attributes (groups, manager.displayName, id): every write is 400 mutability. */
export function readOnlyScenarios(t: Target, state: string): Scenario[] {
  const path = pathOf(t);
  const v = readOnlyValue(t);
  const catalog = t.parent ? 'PATCH-EXT-06' : t.def.name === 'groups' ? 'PATCH-MUT-03' : 'PATCH-MUT-01';
  const refs = (section: string, extra: string) => [section, 'RFC7643-7', catalog, extra].filter((r, i, a) => a.indexOf(r) === i);
  const out: Scenario[] = [
    attrScenario({
      target: t, op: 'add', variant: 'path', state, level: 'MUST',
      title: `The server must refuse to add to the readOnly ${named(t)} with 400 mutability.`,
      refs: refs('RFC7644-3.5.2.1', 'PATCH-ADD-16'),
      body: ops(op('add', path, v)),
      expect: error(['mutability']),
    }),
    attrScenario({
      target: t, op: 'replace', variant: 'path', state, level: 'MUST',
      title: `The server must refuse to replace the readOnly ${named(t)} with 400 mutability.`,
      refs: refs('RFC7644-3.5.2.3', catalog),
      body: ops(op('replace', path, v)),
      expect: error(['mutability']),
    }),
    attrScenario({
      target: t, op: 'remove', variant: 'path', state, level: 'MUST',
      title: `The server must refuse to remove the readOnly ${named(t)} with 400 mutability.`,
      refs: refs('RFC7644-3.5.2.2', 'PATCH-REM-13'),
      body: ops(op('remove', path)),
      expect: error(['mutability']),
    }),
  ];
  if (!t.parent) {
    out.push(
      attrScenario({
        target: t, op: 'replace', variant: 'no-path', state, level: 'AMBIG',
        title: `The server should refuse a path-less replace that sets the readOnly ${named(t)} to another value (400 mutability), and must never apply it.`,
        refs: refs('RFC7644-3.5.2.3', 'PATCH-MUT-04'),
        body: ops(op('replace', undefined, pathlessValue(t, v))),
        expect: error(['mutability']),
        acceptable: success([], { oracle: false, effect: 'no-change' }),
        note: 'RFC 7644 §3.5.2 makes a readOnly modification an error; RFC 7643 §3.1-style "ignore" is tolerated with a warning.',
      }),
    );
  }
  return out;
}

/** The common `id` (RFC 7643 §3.1): readOnly on every resource. */
export function idTarget(resource: Target['resource'], urn: string): Target {
  const def = COMMON_ATTRIBUTES.find((a) => a.name === 'id') as AttributeDef;
  return { resource, def, urn };
}

/**
 * immutable attributes (RFC 7643 §7): a value may be added where there is none, never changed.
 * Top-level simple ones are checked on the User (whose schema-full fixture assigns them); a
 * Group's fixture is not schema-driven, so its immutable attributes are not covered here.
 */
export function immutableScenarios(t: Target): Scenario[] {
  const path = pathOf(t);
  const v = patchedValue(t);
  if (t.parent) {
    // Sub-attribute of a multi-valued complex attribute: change it on the element of the second type.
    if (!t.parent.multiValued || !hasSub(t.parent, 'type')) return [];
    const filter = `type eq "${fixtureTypes(t.parent)[1]}"`;
    const parent: Target = { ...t, def: t.parent };
    delete parent.parent;
    return [
      attrScenario({
        target: t, op: 'replace', variant: 'value-path', state: USER_FULL, level: 'MUST',
        title: `The server must refuse to change the immutable ${named(t)} of an existing value with 400 mutability.`,
        refs: ['RFC7644-3.5.2', 'RFC7643-7', 'PATCH-ADD-17'],
        body: ops(op('replace', valuePathOf(parent, filter, t.def.name), v)),
        expect: error(['mutability']),
      }),
    ];
  }
  if (t.def.type === 'complex' || t.def.multiValued) return [];
  return [
    attrScenario({
      target: t, op: 'add', variant: 'unassigned', state: USER_EMPTY, level: 'MUST',
      title: `The server must accept a first value for the immutable ${named(t)}.`,
      refs: ['RFC7644-3.5.2', 'RFC7643-7', 'PATCH-ADD-17'],
      body: ops(op('add', path, v)),
      expect: success([equals(path, v)]),
    }),
    attrScenario({
      target: t, op: 'replace', variant: 'path', state: USER_FULL, level: 'MUST',
      title: `The server must refuse to replace the immutable ${named(t)} once set, with 400 mutability.`,
      refs: ['RFC7644-3.5.2', 'RFC7643-7', 'PATCH-ADD-17'],
      body: ops(op('replace', path, v)),
      expect: error(['mutability']),
    }),
    attrScenario({
      target: t, op: 'add', variant: 'path', state: USER_FULL, level: 'MUST',
      title: `The server must refuse an add that changes the immutable ${named(t)}, with 400 mutability.`,
      refs: ['RFC7644-3.5.2', 'RFC7643-7', 'PATCH-ADD-17'],
      body: ops(op('add', path, v)),
      expect: error(['mutability']),
    }),
  ];
}

/** writeOnly attributes (password): written, never returned. Removal is not generated: it is unobservable. */
export function writeOnlyScenarios(t: Target): Scenario[] {
  if (t.def.type === 'complex' || t.def.multiValued || t.parent) return [];
  const path = pathOf(t);
  const v = patchedValue(t);
  const requires: Capability[] = t.def.name.toLowerCase() === 'password' ? ['changePassword'] : [];
  const hidden = [absent(path, 'both')];
  const refs = (section: string) => [section, 'RFC7643-7', 'PATCH-MUT-10', 'PATCH-RESP-04'];
  return [
    attrScenario({
      target: t, op: 'replace', variant: 'path', state: USER_FULL, level: 'MUST', requires,
      title: `The server must accept a replace of the writeOnly ${named(t)} and never return it.`,
      refs: refs('RFC7644-3.5.2.3'),
      body: ops(op('replace', path, v)),
      expect: success(hidden),
    }),
    attrScenario({
      target: t, op: 'add', variant: 'path', state: USER_FULL, level: 'MUST', requires,
      title: `The server must accept an add of the writeOnly ${named(t)} and never return it.`,
      refs: refs('RFC7644-3.5.2.1'),
      body: ops(op('add', path, v)),
      expect: success(hidden),
    }),
    attrScenario({
      target: t, op: 'add', variant: 'unassigned', state: USER_EMPTY, level: 'MUST', requires,
      title: `The server must accept the writeOnly ${named(t)} on a resource that had none, and never return it.`,
      refs: refs('RFC7644-3.5.2.1'),
      body: ops(op('add', path, v)),
      expect: success(hidden),
    }),
    attrScenario({
      target: t, op: 'replace', variant: 'no-path', state: USER_FULL, level: 'MUST', requires,
      title: `The server must accept the writeOnly ${named(t)} in a path-less replace and never return it.`,
      refs: refs('RFC7644-3.5.2.3'),
      body: ops(op('replace', undefined, pathlessValue(t, v))),
      expect: success(hidden),
    }),
    { ...invalidType(t, USER_FULL, 'number'), requires: ['patch', ...requires] },
  ];
}

/** required attributes (userName, Group displayName): may change, may never become unassigned. */
export function requiredScenarios(t: Target, state: string): Scenario[] {
  if (t.def.type === 'complex' || t.def.multiValued || t.parent) return [];
  const path = pathOf(t);
  const v = patchedValue(t);
  const catalog = t.resource === 'Group' ? 'PATCH-GRP-13' : 'PATCH-REM-12';
  const out: Scenario[] = [
    attrScenario({
      target: t, op: 'replace', variant: 'path', state, level: 'MUST',
      title: `The server must replace the required ${named(t)} given its path.`,
      refs: ['RFC7644-3.5.2.3', t.resource === 'Group' ? 'PATCH-GRP-11' : 'PATCH-REP-02'],
      body: ops(op('replace', path, v)),
      expect: success([equals(path, v)]),
    }),
    attrScenario({
      target: t, op: 'replace', variant: 'no-path', state, level: 'MUST',
      title: `The server must replace the required ${named(t)} from a path-less replace.`,
      refs: ['RFC7644-3.5.2.3', t.resource === 'Group' ? 'PATCH-GRP-11' : 'PATCH-REP-01'],
      body: ops(op('replace', undefined, pathlessValue(t, v))),
      expect: success([equals(path, v)]),
    }),
    attrScenario({
      target: t, op: 'add', variant: 'path', state, level: 'MUST',
      title: `The server must replace the required single-valued ${named(t)} when an add targets it.`,
      refs: ['RFC7644-3.5.2.1', 'PATCH-ADD-02'],
      body: ops(op('add', path, v)),
      expect: success([equals(path, v)]),
    }),
    attrScenario({
      target: t, op: 'remove', variant: 'path', state, level: 'MUST',
      title: `The server must refuse to remove the required ${named(t)} with 400 mutability.`,
      refs: ['RFC7644-3.5.2.2', 'RFC7643-2.2', catalog],
      body: ops(op('remove', path)),
      expect: error(['mutability']),
    }),
    attrScenario({
      target: t, op: 'replace', variant: 'null', state, level: 'MUST',
      title: `The server must refuse to unassign the required ${named(t)} with a null replace (400).`,
      refs: ['RFC7644-3.5.2.3', 'RFC7643-2.5', 'PATCH-MUT-08'],
      body: ops(op('replace', path, null)),
      expect: error(['mutability', 'invalidValue']),
      note: 'mutability is preferred (the attribute would become unassigned); invalidValue is accepted.',
    }),
    pathlessRemove(t, state, v),
    invalidType(t, state, 'number'),
  ];
  // RFC 7643 §4.1.1 states it for userName only: a User MUST have a non-empty userName.
  if (t.resource === 'User' && t.def.name === 'userName') {
    out.push(
      attrScenario({
        target: t, op: 'replace', variant: 'empty', state, level: 'MUST',
        title: 'The server must refuse an empty userName with 400 invalidValue.',
        refs: ['RFC7644-3.5.2.3', 'RFC7643-4.1.1', 'PATCH-MUT-08'],
        body: ops(op('replace', path, '')),
        expect: error(['invalidValue', 'mutability']),
        note: 'invalidValue is preferred ("MUST include a non-empty userName"); mutability is accepted since the value would be unassigned.',
      }),
    );
  }
  return out;
}

/** A single-valued complex attribute linking to a resource (manager): removals only. */
export function linkScenarios(t: Target): Scenario[] {
  if (t.def.multiValued) return [];
  const path = pathOf(t);
  const out: Scenario[] = [
    attrScenario({
      target: t, op: 'remove', variant: 'path', state: USER_FULL, level: 'MUST',
      title: `The server must unassign ${named(t)} when a remove targets it.`,
      refs: ['RFC7644-3.5.2.2', t.extension ? 'PATCH-EXT-05' : 'PATCH-REM-04'],
      body: ops(op('remove', path)),
      expect: success([absent(path)]),
    }),
  ];
  if (hasSub(t.def, 'value')) {
    out.push(
      attrScenario({
        target: t, op: 'remove', variant: 'path', sub: 'value', state: USER_FULL, level: 'MUST',
        title: `The server must unassign ${named(t)}.value when a remove targets the sub-attribute.`,
        refs: ['RFC7644-3.5.2.2', 'PATCH-REM-03'],
        body: ops(op('remove', `${path}.value`)),
        expect: success([absent(`${path}.value`)]),
      }),
    );
  }
  return out;
}
