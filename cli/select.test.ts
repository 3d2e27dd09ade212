import { describe, expect, it } from 'vitest';
import { globToRegExp, selectScenarios } from './select.ts';
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
