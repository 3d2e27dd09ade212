// Multi-valued complex attributes (emails, phoneNumbers, addresses, ...): the whole attribute,
// value-path filters on the element type, and value-path + sub-attribute.
import { op, ops } from '../generate-context.ts';
import type { Scenario } from '../scenario.ts';
import { absent, attrScenario, count, equals, named, singlePrimary, success } from './attribute-scenario.ts';
import type { Once } from './attribute-scenario.ts';
import { kebab, pathlessValue, pathOf, valuePathOf } from './attribute-targets.ts';
import type { Target } from './attribute-targets.ts';
import { invalidType, pathlessRemove } from './attribute-simple.ts';
import { fixtureTypes, hasSub, newElement, patchedValue } from './attribute-values.ts';

const FULL = 'user.schema-full';
const EMPTY = 'user.minimal';

/** Sub-attributes a value path may change: writable, simple, not the filter's `type` nor `primary`. */
function changeableSubs(t: Target): string[] {
  return (t.def.subAttributes ?? [])
    .filter((s) => s.mutability === 'readWrite' && s.type !== 'complex' && !s.multiValued && s.name !== 'type' && s.name !== 'primary')
    .map((s) => s.name);
}

export function multiValuedScenarios(t: Target, once: Once): Scenario[] {
  const path = pathOf(t);
  const [firstType, secondType] = fixtureTypes(t.def);
  const added = newElement(t.def);
  const only = { ...newElement(t.def, firstType), ...(hasSub(t.def, 'primary') ? { primary: true } : {}) };
  const out: Scenario[] = [
    appendKeepsOthers(t, path, added),
    attrScenario({
      target: t, op: 'replace', variant: 'path', state: FULL, level: 'MUST',
      title: `The server must replace all values of ${named(t)} with the given list.`,
      refs: ['RFC7644-3.5.2.3', 'PATCH-REP-06'],
      body: ops(op('replace', path, [only])),
      expect: success([count(path, 1)]),
    }),
    attrScenario({
      target: t, op: 'remove', variant: 'path', state: FULL, level: 'MUST',
      title: `The server must remove every value of ${named(t)} when a remove targets it without a filter.`,
      refs: ['RFC7644-3.5.2.2', 'PATCH-REM-05'],
      body: ops(op('remove', path)),
      expect: success([absent(path)]),
    }),
  ];
  // The path-less forms, the unassigned start and the wrong type follow one rule for every
  // multi-valued attribute: generated for the first one only.
  if (once.first('multi:no-path')) {
    out.push(
      attrScenario({
        target: t, op: 'add', variant: 'no-path', state: FULL, level: 'MUST',
        title: `The server must append a value to ${named(t)} from a path-less add, keeping the existing values.`,
        refs: ['RFC7644-3.5.2.1', 'PATCH-ADD-09'],
        body: ops(op('add', undefined, pathlessValue(t, [added]))),
        expect: success([count(path, 3)]),
      }),
      attrScenario({
        target: t, op: 'replace', variant: 'no-path', state: FULL, level: 'MUST',
        title: `The server must replace all values of ${named(t)} from a path-less replace.`,
        refs: ['RFC7644-3.5.2.3', 'PATCH-REP-01'],
        body: ops(op('replace', undefined, pathlessValue(t, [only]))),
        expect: success([count(path, 1)]),
      }),
      attrScenario({
        target: t, op: 'add', variant: 'unassigned', state: EMPTY, level: 'MUST',
        title: `The server must create ${named(t)} with the added value on a resource that has none.`,
        refs: ['RFC7644-3.5.2.1', 'PATCH-ADD-06'],
        body: ops(op('add', path, [added])),
        expect: success([count(path, 1)]),
      }),
      pathlessRemove(t, FULL, [added]),
      invalidType(t, FULL, 'number'),
    );
  }
  // Value paths filter on the element `type`; without one there is no filter the fixture can
  // be relied on to match (values are seeded), so those variants are left out.
  if (!hasSub(t.def, 'type')) return out;
  // getValue (and so the judge) reads a value path + sub-attribute as the list of matched values.
  const second = `type eq "${secondType}"`;
  const first = `type eq "${firstType}"`;
  const replacement = newElement(t.def, secondType);
  out.push(
    attrScenario({
      target: t, op: 'remove', variant: 'value-path', state: FULL, level: 'MUST',
      title: `The server must remove only the ${named(t)} value matching the filter [${second}].`,
      refs: ['RFC7644-3.5.2.2', 'PATCH-REM-06'],
      body: ops(op('remove', valuePathOf(t, second))),
      expect: success([count(path, 1), count(valuePathOf(t, first), 1)]),
    }),
    attrScenario({
      target: t, op: 'replace', variant: 'value-path', state: FULL, level: 'MUST',
      title: `The server must replace the ${named(t)} value matching [${second}] with the given one and keep the other.`,
      refs: ['RFC7644-3.5.2.3', 'PATCH-REP-07'],
      body: ops(op('replace', valuePathOf(t, second), replacement)),
      expect: success([count(path, 2)]),
      note: 'The replacement names every writable sub-attribute the element had, so overwrite and merge (E-8) agree.',
    }),
  );
  const subs = changeableSubs(t);
  const [mainSub, sideSub] = [subs[0], subs.find((s) => s !== 'value') ?? subs[1]];
  if (mainSub !== undefined) {
    const v = patchedValue({ def: subDef(t, mainSub), parent: t.def });
    out.push(
      attrScenario({
        target: t, op: 'replace', variant: 'value-path', sub: kebab(mainSub), state: FULL, level: 'MUST',
        title: `The server must replace ${mainSub} of the ${named(t)} value matching [${second}] only, keeping its siblings.`,
        refs: ['RFC7644-3.5.2.3', 'PATCH-REP-08'],
        body: ops(op('replace', valuePathOf(t, second, mainSub), v)),
        expect: success([equals(valuePathOf(t, second, mainSub), [v]), count(path, 2)]),
      }),
    );
  }
  if (sideSub !== undefined) {
    const v = patchedValue({ def: subDef(t, sideSub), parent: t.def });
    out.push(
      attrScenario({
        target: t, op: 'add', variant: 'value-path', sub: kebab(sideSub), state: FULL, level: 'SHOULD',
        title: `The server should set ${sideSub} of the ${named(t)} value matching [${second}] when add uses a value path.`,
        refs: ['RFC7644-3.5.2', 'RFC7644-3.5.2.1', 'PATCH-ADD-14'],
        body: ops(op('add', valuePathOf(t, second, sideSub), v)),
        expect: success([equals(valuePathOf(t, second, sideSub), [v]), count(path, 2)]),
        note: 'The grammar allows a value path on add; updating the matched element is the catalog reading (AMBIG → SHOULD).',
      }),
      attrScenario({
        target: t, op: 'remove', variant: 'value-path', sub: kebab(sideSub), state: FULL, level: 'MUST',
        title: `The server must unassign ${sideSub} of the ${named(t)} value matching [${second}] and keep the element.`,
        refs: ['RFC7644-3.5.2', 'RFC7644-3.5.2.2', 'PATCH-REM-08'],
        body: ops(op('remove', valuePathOf(t, second, sideSub))),
        expect: success([absent(valuePathOf(t, second, sideSub)), count(path, 2)]),
      }),
    );
  }
  if (hasSub(t.def, 'primary')) {
    out.push(
      attrScenario({
        target: t, op: 'replace', variant: 'value-path', sub: 'primary', state: FULL, level: 'MUST',
        title: `The server must make the ${named(t)} value matching [${second}] primary and clear primary on the other.`,
        refs: ['RFC7644-3.5.2', 'RFC7643-2.4', 'PATCH-PRI-02'],
        body: ops(op('replace', valuePathOf(t, second, 'primary'), true)),
        expect: success([equals(valuePathOf(t, second, 'primary'), [true]), singlePrimary]),
      }),
    );
  }
  return out;
}

function subDef(t: Target, name: string) {
  const def = (t.def.subAttributes ?? []).find((s) => s.name === name);
  if (!def) throw new Error(`${t.def.name} has no sub-attribute ${name}`);
  return def;
}

/** Multi-valued simple attributes (a custom string list): the whole attribute only. */
/** PATCH-ADD-06: an add to a multi-valued attribute appends to the two values the fixture gave it. */
function appendKeepsOthers(t: Target, path: string, element: unknown): Scenario {
  return attrScenario({
    target: t, op: 'add', variant: 'path', state: FULL, level: 'MUST',
    title: `The server must append a value to ${named(t)} and keep the two it had.`,
    refs: ['RFC7644-3.5.2.1', 'PATCH-ADD-06'],
    body: ops(op('add', path, [element])),
    expect: success([count(path, 3)]),
  });
}

export function multiSimpleScenarios(t: Target, once: Once): Scenario[] {
  // Filters over primitive values ("tags[value eq ...]") are erratum 7122 territory, so no value paths.
  const path = pathOf(t);
  const v = patchedValue(t);
  return [
    appendKeepsOthers(t, path, v),
    attrScenario({
      target: t, op: 'replace', variant: 'path', state: FULL, level: 'MUST',
      title: `The server must replace all values of ${named(t)} with the given list.`,
      refs: ['RFC7644-3.5.2.3', 'PATCH-REP-06'],
      body: ops(op('replace', path, [v])),
      expect: success([equals(path, [v])]),
    }),
    attrScenario({
      target: t, op: 'remove', variant: 'path', state: FULL, level: 'MUST',
      title: `The server must remove every value of ${named(t)}.`,
      refs: ['RFC7644-3.5.2.2', 'PATCH-REM-05'],
      body: ops(op('remove', path)),
      expect: success([absent(path)]),
    }),
    ...(once.first('multi-simple:remove-no-path') ? [pathlessRemove(t, FULL, [v])] : []),
    ...(once.first('multi-simple:invalid') ? [invalidType(t, FULL, 'number')] : []),
  ];
}
