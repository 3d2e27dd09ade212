import { describe, expect, it } from 'vitest';
import { checkSelectFlags, describeSelection, globToRegExp, selectNonEmpty, selectScenarios, selectionFingerprint } from './select.ts';
import { UserError } from './user-error.ts';
import type { Scenario } from '../scenarios/scenario.ts';

const s = (id: string, family: string, level: Scenario['level']): Scenario => ({
  id,
  family,
  level,
  title: id,
  refs: ['RFC7644-3.5.2'],
  requires: [],
  resource: 'User',
  state: { name: 'user.minimal' },
  request: { target: 'self', body: {} },
  expect: { kind: 'success' },
});

const all = [s('patch.add.a', 'add', 'MUST'), s('patch.add.b', 'add', 'SHOULD'), s('patch.remove.a', 'remove', 'MUST')];

describe('selectScenarios', () => {
  it('keeps everything without flags', () => {
    expect(selectScenarios(all, {})).toHaveLength(3);
  });
  it('filters by id globs, family and level', () => {
    expect(selectScenarios(all, { only: 'patch.add.*' }).map((x) => x.id)).toEqual(['patch.add.a', 'patch.add.b']);
    expect(selectScenarios(all, { skip: '*.a' }).map((x) => x.id)).toEqual(['patch.add.b']);
    expect(selectScenarios(all, { family: 'remove' }).map((x) => x.id)).toEqual(['patch.remove.a']);
    expect(selectScenarios(all, { level: 'should' }).map((x) => x.id)).toEqual(['patch.add.b']);
    expect(selectScenarios(all, { only: 'patch.add.a, patch.remove.*' })).toHaveLength(2);
  });
  it('treats regex characters in globs literally', () => {
    expect(globToRegExp('patch.add.a').test('patchXaddXa')).toBe(false);
  });
});

describe('selectNonEmpty', () => {
  it('returns the selection when it matches something', () => {
    expect(selectNonEmpty(all, { family: 'add' }, 'here').map((x) => x.id)).toEqual(['patch.add.a', 'patch.add.b']);
  });

  it('refuses an empty selection with a usage error naming the filters, the families and the levels', () => {
    for (const flags of [{ family: 'nope' }, { only: 'patch.zzz.*' }, { skip: '*' }, { family: 'remove', level: 'SHOULD' }]) {
      let caught: unknown;
      try {
        selectNonEmpty(all, flags, 'generated after discovery');
      } catch (e) {
        caught = e;
      }
      expect(caught, JSON.stringify(flags)).toBeInstanceOf(UserError);
      expect((caught as UserError).exitCode).toBe(2);
      expect((caught as UserError).message).toContain(`the selection ${describeSelection(flags)} matches none of the 3 scenarios generated after discovery`);
      expect((caught as UserError).message).toContain('families: add, remove; levels: MUST, SHOULD, MAY, DERIVED, AMBIG, INTEROP');
      expect((caught as UserError).message).not.toContain('\n');
    }
  });

  it('refuses an unknown level before any scenario exists', () => {
    expect(() => checkSelectFlags({ level: 'must,SHUOLD' })).toThrow('--level: unknown level "SHUOLD"; levels: MUST, SHOULD, MAY, DERIVED, AMBIG, INTEROP');
    expect(() => checkSelectFlags({ level: 'must, interop' })).not.toThrow();
  });

  it('describes the filters as given', () => {
    expect(describeSelection({ only: 'a*', level: 'MUST' })).toBe('--only "a*" --level "MUST"');
    expect(describeSelection({})).toBe('(no filter)');
  });
});

describe('selectionFingerprint', () => {
  it('is the same for the same ids in any order and differs when one id differs', () => {
    const one = selectionFingerprint([{ id: 'a' }, { id: 'b' }]);
    expect(one).toEqual(selectionFingerprint([{ id: 'b' }, { id: 'a' }]));
    expect(one.count).toBe(2);
    expect(one.fingerprint).toMatch(/^[0-9a-f]{8}$/);
    expect(selectionFingerprint([{ id: 'a' }, { id: 'c' }]).fingerprint).not.toBe(one.fingerprint);
  });
});
