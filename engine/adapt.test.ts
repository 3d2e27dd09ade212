import { describe, expect, it } from 'vitest';
import { builtinResourceSchemas } from '../schemas/rfc7643.ts';
import type { Scenario } from '../scenarios/scenario.ts';
import { attributeNamedBy, fitToSchema, scenarioMentions, swapFiller, TargetKnowledge } from './adapt.ts';

const { User } = builtinResourceSchemas();
const none = new Map<string, string>();

const scenario = (id: string, body: unknown): Scenario => ({
  id,
  title: id,
  family: 'f',
  level: 'MUST',
  refs: [],
  requires: [],
  resource: 'User',
  state: { name: 'user.full' },
  request: { target: 'self', body },
  expect: { kind: 'success', assertions: [{ kind: 'equals', path: 'nickName', value: '{self.nickName}' }] },
});

describe('fitToSchema', () => {
  it('leaves out what the target does not list, a sub-attribute with no allowed value, and what it refused', () => {
    const schema = structuredClone(User);
    schema.core.attributes.find((a) => a.name === 'roles')!.subAttributes!.find((s) => s.name === 'type')!.canonicalValues = [];
    const body = { schemas: ['x'], userName: 'u', madeUp: 1, title: 'T', roles: [{ value: 'admin', type: 'work' }] };
    const fitted = fitToSchema(body, schema, { advertised: true, refused: new Map([['title', 'refused']]) });
    expect(fitted.body).toEqual({ schemas: ['x'], userName: 'u', roles: [{ value: 'admin' }] });
    expect(fitted.dropped.map((d) => d.path).sort()).toEqual(['madeUp', 'roles.type', 'title']);
  });

  it('keeps unknown attributes when the schemas are the RFC built-ins, not the target\'s', () => {
    expect(fitToSchema({ userName: 'u', madeUp: 1 }, User, { advertised: false, refused: none }).body).toEqual({ userName: 'u', madeUp: 1 });
  });
});

describe('attributeNamedBy', () => {
  it('finds the most specific attribute of the body that a refusal names', () => {
    const body = { userName: 'u', roles: [{ value: 'a', type: 'work' }] };
    expect(attributeNamedBy({ detail: 'roles.type: value "work" is not one of []' }, body)).toBe('roles.type');
    expect(attributeNamedBy({ detail: 'something else went wrong' }, body)).toBeUndefined();
    expect(attributeNamedBy('not json', body)).toBeUndefined();
  });
});

describe('the filler', () => {
  it('is swapped, in the case the path uses, only when the target does not keep it and the scenario is not about it', () => {
    const knowledge = new TargetKnowledge();
    const filler = scenario('patch.replace.simple', { Operations: [{ op: 'replace', path: 'NICKNAME', value: 'X' }] });
    expect(knowledge.fillerFor(filler)).toBeUndefined();
    knowledge.notStored.set('nickname', 'the target accepted it on create and did not return it');
    expect(knowledge.fillerFor(filler)).toBe('title');
    const swapped = swapFiller(filler, 'title');
    expect(swapped.request.body).toEqual({ Operations: [{ op: 'replace', path: 'TITLE', value: 'X' }] });
    expect(swapped.expect).toEqual({ kind: 'success', assertions: [{ kind: 'equals', path: 'title', value: '{self.title}' }] });
    const subject = scenario('patch.attr.user.replace.nick-name.path', { Operations: [] });
    expect(knowledge.fillerFor(subject)).toBeUndefined();
    expect(knowledge.subjectNotKept(subject)).toMatch(/nickname/);
  });

  it('tells whether a scenario uses an attribute or a sub-attribute', () => {
    const s = scenario('x', { Operations: [{ op: 'remove', path: 'roles[type eq "work"]' }] });
    expect(scenarioMentions(s, 'roles.type')).toBe(true);
    expect(scenarioMentions(s, 'emails.type')).toBe(false);
  });
});
