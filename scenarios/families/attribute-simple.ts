// Single-valued attributes: simple ones (string, boolean, ...), complex ones as a whole, and the
// sub-attributes of complex ones; core and extension (fully qualified paths, RFC 7644 §3.10).
import { ops, op } from '../generate-context.ts';
import type { Scenario } from '../scenario.ts';
import { absent, attrScenario, equals, error, named, present, success } from './attribute-scenario.ts';
import type { Once } from './attribute-scenario.ts';
import { pathlessValue, pathOf, qualifiedPathOf, subTargets } from './attribute-targets.ts';
import type { Target } from './attribute-targets.ts';
import { patchedComplex, patchedValue, TYPE_SECTION, wrongValue } from './attribute-values.ts';
import type { WrongStyle } from './attribute-values.ts';

const FULL = 'user.schema-full';
const EMPTY = 'user.minimal';

/** Catalog ids that fit, core vs extension form. */
function catalog(t: Target, core: string, ext?: string): string[] {
  return t.extension ? ['RFC7644-3.10', ext ?? core] : [core];
}

/** Path-less remove is the same rule for every attribute (RFC 7644 §3.5.2.2). */
export function pathlessRemove(t: Target, state: string, current: unknown): Scenario {
  return attrScenario({
    target: t,
    op: 'remove',
    variant: 'no-path',
    title: `The server must reject a remove without a path (value naming ${named(t)}) with 400 noTarget.`,
    level: 'MUST',
    refs: ['RFC7644-3.5.2.2', 'PATCH-REM-01'],
    state,
    body: ops(op('remove', undefined, pathlessValue(t, current))),
    expect: error(['noTarget']),
  });
}

export function invalidType(t: Target, state: string, style: WrongStyle): Scenario {
  const wrong = wrongValue(t.def, style);
  return attrScenario({
    target: t,
    op: 'invalid-type',
    title: `The server must reject ${wrong.sent} as the value of ${named(t)} (${t.def.multiValued ? 'multi-valued ' : ''}${t.def.type}) with 400 invalidValue.`,
    level: 'MUST',
    refs: ['RFC7644-3.12', TYPE_SECTION[t.def.type], 'PATCH-ADD-18'],
    state,
    body: ops(op('replace', pathOf(t), wrong.value)),
    expect: error(['invalidValue']),
    note: 'Table 9: invalidValue when the value is not compatible with the attribute type; the resource must stay unchanged.',
  });
}

/** add / replace / remove, with and without a path, on a simple single-valued readWrite attribute. */
export function simpleScenarios(t: Target, once: Once): Scenario[] {
  const kind = t.extension ? `simple-${t.extension}` : 'simple-core';
  const path = pathOf(t);
  const v = patchedValue(t);
  const is = [equals(path, v)];
  const out: Scenario[] = [
    attrScenario({
      target: t, op: 'add', variant: 'path', state: FULL, level: 'MUST',
      title: `The server must replace the value of ${named(t)} when an add targets it by path.`,
      refs: ['RFC7644-3.5.2.1', ...catalog(t, 'PATCH-ADD-02')],
      body: ops(op('add', path, v)),
      expect: success(is),
    }),
    attrScenario({
      target: t, op: 'add', variant: 'no-path', state: FULL, level: 'MUST',
      title: `The server must set ${named(t)} from a path-less add whose value names it.`,
      refs: ['RFC7644-3.5.2.1', ...catalog(t, 'PATCH-ADD-09', 'PATCH-ADD-11')],
      body: ops(op('add', undefined, pathlessValue(t, v))),
      expect: success(is),
    }),
    attrScenario({
      target: t, op: 'replace', variant: 'path', state: FULL, level: 'MUST',
      title: `The server must replace ${named(t)} given its path.`,
      refs: ['RFC7644-3.5.2.3', ...catalog(t, 'PATCH-REP-02', 'PATCH-EXT-02')],
      body: ops(op('replace', path, v)),
      expect: success(is),
    }),
    attrScenario({
      target: t, op: 'replace', variant: 'no-path', state: FULL, level: 'MUST',
      title: `The server must replace ${named(t)} from a path-less replace whose value names it, leaving the rest alone.`,
      refs: ['RFC7644-3.5.2.3', ...catalog(t, 'PATCH-REP-01', 'PATCH-EXT-08')],
      body: ops(op('replace', undefined, pathlessValue(t, v))),
      expect: success(is),
    }),
    attrScenario({
      target: t, op: 'remove', variant: 'path', state: FULL, level: 'MUST',
      title: `The server must unassign ${named(t)} when a remove targets it.`,
      refs: ['RFC7644-3.5.2.2', ...catalog(t, 'PATCH-REM-02', 'PATCH-EXT-05')],
      body: ops(op('remove', path)),
      expect: success([absent(path)]),
    }),
  ];
  if (once.first(`${kind}:unassigned:${t.def.type}`)) {
    out.push(
      attrScenario({
        target: t, op: 'add', variant: 'unassigned', state: EMPTY, level: 'MUST',
        title: `The server must add ${named(t)} to a resource that has no value for it${t.extension ? ' (and list the extension in schemas)' : ''}.`,
        refs: ['RFC7644-3.5.2.1', ...catalog(t, 'PATCH-ADD-01', 'PATCH-EXT-01')],
        body: ops(op('add', path, v)),
        expect: success(is),
      }),
    );
  }
  if (once.first(`${kind}:remove-no-path`)) out.push(pathlessRemove(t, FULL, v));
  if (once.first(`${kind}:invalid:${t.def.type}`)) out.push(invalidType(t, FULL, t.extension ? 'boolean' : 'number'));
  if (!t.extension && once.first(`${kind}:qualified`)) {
    out.push(
      attrScenario({
        target: t, op: 'replace', variant: 'qualified', state: FULL, level: 'MUST',
        title: `The server must accept the core schema URN in front of ${named(t)} in a replace path.`,
        refs: ['RFC7644-3.10', 'RFC7644-3.5.2.3', 'PATCH-PATH-03'],
        body: ops(op('replace', qualifiedPathOf(t), v)),
        expect: success(is),
      }),
    );
  }
  return out;
}

/** A part of the complex value (the first two sub-attributes), to see what happens to the others. */
function partial(t: Target): Record<string, unknown> {
  return Object.fromEntries(Object.entries(patchedComplex(t.def)).slice(0, 2));
}

function subEquals(t: Target, value: Record<string, unknown>) {
  return Object.entries(value).map(([k, v]) => equals(`${pathOf(t)}.${k}`, v));
}

/** A single-valued complex attribute as a whole (name): merge semantics, removal, wrong type. */
export function complexScenarios(t: Target, once: Once): Scenario[] {
  const path = pathOf(t);
  const part = partial(t);
  const whole = patchedComplex(t.def);
  const e6 = 'E-6: whether add keeps the sub-attributes it does not name is unspecified; keeping them (as replace must) is preferred.';
  const mergedOnly = success(subEquals(t, part), { oracle: false, effect: 'change' });
  // A sub-attribute the partial value leaves out: replace must keep it (RFC 7644 §3.5.2.3).
  const sibling = Object.keys(whole).find((k) => !(k in part));
  const kept = sibling ? [present(`${path}.${sibling}`)] : [];
  const out: Scenario[] = [
    attrScenario({
      target: t, op: 'add', variant: 'path', state: FULL, level: 'AMBIG',
      title: `The server must set the given sub-attributes when an add targets ${named(t)}, and should keep the others.`,
      refs: ['RFC7644-3.5.2.1', 'PATCH-ADD-04'],
      body: ops(op('add', path, part)),
      expect: success(subEquals(t, part)),
      acceptable: mergedOnly,
      note: e6,
    }),
    attrScenario({
      target: t, op: 'add', variant: 'no-path', state: FULL, level: 'AMBIG',
      title: `The server must set the given sub-attributes of ${named(t)} from a path-less add, and should keep the others.`,
      refs: ['RFC7644-3.5.2.1', 'PATCH-ADD-10'],
      body: ops(op('add', undefined, pathlessValue(t, part))),
      expect: success(subEquals(t, part)),
      acceptable: mergedOnly,
      note: e6,
    }),
    attrScenario({
      target: t, op: 'add', variant: 'unassigned', state: EMPTY, level: 'MUST',
      title: `The server must add ${named(t)} with all its sub-attributes to a resource that has none.`,
      refs: ['RFC7644-3.5.2.1', 'PATCH-ADD-01'],
      body: ops(op('add', path, whole)),
      expect: success(subEquals(t, whole)),
    }),
    attrScenario({
      target: t, op: 'replace', variant: 'path', state: FULL, level: 'MUST',
      title: `The server must replace only the sub-attributes given when a replace targets ${named(t)}, leaving the others unchanged.`,
      refs: ['RFC7644-3.5.2.3', 'PATCH-REP-04'],
      body: ops(op('replace', path, part)),
      expect: success([...subEquals(t, part), ...kept]),
    }),
    attrScenario({
      target: t, op: 'replace', variant: 'no-path', state: FULL, level: 'MUST',
      title: `The server must replace only the given sub-attributes of ${named(t)} from a path-less replace.`,
      refs: ['RFC7644-3.5.2.3', 'PATCH-REP-01', 'PATCH-REP-04'],
      body: ops(op('replace', undefined, pathlessValue(t, part))),
      expect: success([...subEquals(t, part), ...kept]),
    }),
    attrScenario({
      target: t, op: 'remove', variant: 'path', state: FULL, level: 'MUST',
      title: `The server must unassign the whole of ${named(t)} when a remove targets it.`,
      refs: ['RFC7644-3.5.2.2', 'PATCH-REM-04'],
      body: ops(op('remove', path)),
      expect: success([absent(path)]),
    }),
  ];
  if (once.first('complex:remove-no-path')) out.push(pathlessRemove(t, FULL, part));
  if (once.first('complex:invalid')) out.push(invalidType(t, FULL, 'number'));
  return out;
}

/** Sub-attributes of a single-valued complex attribute (name.givenName, ...). */
export function subAttributeScenarios(parent: Target, once: Once): Scenario[] {
  const out: Scenario[] = [];
  for (const t of subTargets(parent)) {
    if (t.def.mutability !== 'readWrite' || t.def.type === 'complex' || t.def.multiValued) continue;
    const path = pathOf(t);
    const v = patchedValue(t);
    out.push(
      attrScenario({
        target: t, op: 'add', variant: 'path', state: FULL, level: 'MUST',
        title: `The server must set ${named(t)} when an add targets the sub-attribute, leaving its siblings alone.`,
        refs: ['RFC7644-3.5.2.1', 'PATCH-ADD-05'],
        body: ops(op('add', path, v)),
        expect: success([equals(path, v)]),
      }),
      attrScenario({
        target: t, op: 'replace', variant: 'path', state: FULL, level: 'MUST',
        title: `The server must replace ${named(t)} given the sub-attribute path.`,
        refs: ['RFC7644-3.5.2.3', 'PATCH-REP-05'],
        body: ops(op('replace', path, v)),
        expect: success([equals(path, v)]),
      }),
      attrScenario({
        target: t, op: 'remove', variant: 'path', state: FULL, level: 'MUST',
        title: `The server must unassign ${named(t)} and keep the other sub-attributes.`,
        refs: ['RFC7644-3.5.2.2', 'PATCH-REM-03'],
        body: ops(op('remove', path)),
        expect: success([absent(path)]),
      }),
    );
    // The path-less form of a sub-attribute is the parent's partial value, covered once per type.
    if (once.first(`sub:no-path:${t.def.type}`)) {
      out.push(
        attrScenario({
          target: t, op: 'replace', variant: 'no-path', state: FULL, level: 'MUST',
          title: `The server must replace ${named(t)} from a path-less replace of ${parent.def.name} naming only it.`,
          refs: ['RFC7644-3.5.2.3', 'PATCH-REP-04'],
          body: ops(op('replace', undefined, pathlessValue(t, v))),
          expect: success([equals(path, v)]),
        }),
      );
    }
    if (once.first(`sub:invalid:${t.def.type}`)) out.push(invalidType(t, FULL, 'object'));
  }
  return out;
}
