// Multi-valued attributes that link to resources (Group members): values are ids of the users
// the group state created (U1, U2, U3), never invented ones.
import { op, ops } from '../generate-context.ts';
import type { Scenario } from '../scenario.ts';
import { absent, attrScenario, error, members, named, success } from './attribute-scenario.ts';
import { pathlessValue, pathOf, valuePathOf } from './attribute-targets.ts';
import type { Target } from './attribute-targets.ts';
import { invalidType, pathlessRemove } from './attribute-simple.ts';

const ref = (alias: string) => ({ value: `{${alias}.id}` });

export function memberListScenarios(t: Target): Scenario[] {
  const path = pathOf(t);
  const hasValue = (t.def.subAttributes ?? []).some((s) => s.name === 'value');
  if (!hasValue) return [];
  const u1 = 'value eq "{U1.id}"';
  const out: Scenario[] = [
    attrScenario({
      target: t, op: 'add', variant: 'path', state: 'group.one-member', level: 'MUST',
      title: `The server must add a member to ${named(t)} and keep the existing one.`,
      refs: ['RFC7644-3.5.2.1', 'PATCH-GRP-01'],
      body: ops(op('add', path, [ref('U2')])),
      expect: success([members('U1', 'U2')]),
    }),
    attrScenario({
      target: t, op: 'add', variant: 'no-path', state: 'group.one-member', level: 'MUST',
      title: `The server must append to ${named(t)} from a path-less add.`,
      refs: ['RFC7644-3.5.2.1', 'PATCH-GRP-10'],
      body: ops(op('add', undefined, pathlessValue(t, [ref('U2')]))),
      expect: success([members('U1', 'U2')]),
    }),
    attrScenario({
      target: t, op: 'add', variant: 'unassigned', state: 'group.empty', level: 'MUST',
      title: `The server must add the first values of ${named(t)} to a group that has none.`,
      refs: ['RFC7644-3.5.2.1', 'PATCH-GRP-09'],
      body: ops(op('add', path, [ref('U1'), ref('U2')])),
      expect: success([members('U1', 'U2')]),
    }),
    attrScenario({
      target: t, op: 'replace', variant: 'path', state: 'group.one-member', level: 'MUST',
      title: `The server must replace all of ${named(t)} with the given list.`,
      refs: ['RFC7644-3.5.2.3', 'PATCH-GRP-06'],
      body: ops(op('replace', path, [ref('U2'), ref('U3')])),
      expect: success([members('U2', 'U3')]),
    }),
    attrScenario({
      target: t, op: 'replace', variant: 'no-path', state: 'group.one-member', level: 'MUST',
      title: `The server must replace all of ${named(t)} from a path-less replace.`,
      refs: ['RFC7644-3.5.2.3', 'PATCH-GRP-10'],
      body: ops(op('replace', undefined, pathlessValue(t, [ref('U3')]))),
      expect: success([members('U3')]),
    }),
    attrScenario({
      target: t, op: 'remove', variant: 'path', state: 'group.three-members', level: 'MUST',
      title: `The server must remove every value of ${named(t)} when a remove targets it without a filter.`,
      refs: ['RFC7644-3.5.2.2', 'PATCH-GRP-05'],
      body: ops(op('remove', path)),
      expect: success([absent(path), members()]),
    }),
    attrScenario({
      target: t, op: 'remove', variant: 'value-path', state: 'group.three-members', level: 'MUST',
      title: `The server must remove only the ${named(t)} value matching [${u1}].`,
      refs: ['RFC7644-3.5.2.2', 'PATCH-GRP-03'],
      body: ops(op('remove', valuePathOf(t, u1))),
      expect: success([members('U2', 'U3')]),
    }),
    pathlessRemove(t, 'group.one-member', [ref('U1')]),
    invalidType(t, 'group.one-member', 'number'),
  ];
  // Only `value` is set by the fixture; $ref, display and type may or may not be filled in by the
  // server, and adding a first value to an immutable attribute is allowed, so those are not generated.
  const valueDef = (t.def.subAttributes ?? []).find((s) => s.name === 'value');
  if (valueDef?.mutability === 'immutable') {
    out.push(
      attrScenario({
        target: t, op: 'replace', variant: 'value-path', sub: 'value', state: 'group.one-member', level: 'MUST',
        title: `The server must refuse to change the immutable value of an existing ${named(t)} entry with 400 mutability.`,
        refs: ['RFC7644-3.5.2', 'RFC7643-4.2', 'PATCH-MUT-09'],
        body: ops(op('replace', valuePathOf(t, u1, 'value'), '{U2.id}')),
        expect: error(['mutability']),
      }),
    );
  }
  return out;
}
