import { describe, expect, it } from 'vitest';
import type { ScenarioResult } from '../schemas/run-result.ts';
import { buildFindings, findingKey, findingTitle, mergeFindings } from './findings.ts';

const result = (id: string, outcome: ScenarioResult['outcome'], finding?: string, level: ScenarioResult['level'] = 'MUST', refs: string[] = ['RFC7644-3.5.2']): ScenarioResult => ({
  id,
  title: id,
  family: 'f',
  level,
  refs,
  section: 'RFC7644 3.5.2',
  outcome,
  durationMs: 1,
  ...(outcome === 'pass' ? {} : { reason: `${id} broke` }),
  ...(finding ? { finding } : {}),
});

describe('findings', () => {
  it('folds outcomes with one key into one finding, worst outcome and highest level, every scenario listed', () => {
    const findings = buildFindings([
      result('a', 'warn', 'state:wrong', 'INTEROP'),
      result('b', 'fail', 'state:wrong'),
      result('c', 'pass'),
      result('d', 'fail', 'status:400:200'),
    ]);
    expect(findings.map((f) => f.key)).toEqual(['state:wrong', 'status:400:200']);
    const [state] = findings;
    expect(state).toMatchObject({ outcome: 'fail', level: 'MUST', scenarios: ['a', 'b'], example: { scenario: 'b' } });
    expect(state!.title).toBe(findingTitle('state:wrong'));
  });

  it('gives a problem outcome without a key a finding of its own kind, and never keeps a key on a pass', () => {
    const scenarios = [result('x', 'error'), result('y', 'error', undefined), { ...result('z', 'pass'), finding: 'stale' }];
    scenarios[1]!.reason = 'internal: boom';
    const findings = buildFindings(scenarios);
    expect(findings.map((f) => f.key).sort()).toEqual(['internal', 'target-error:other']);
    expect(scenarios[2]!.finding).toBeUndefined();
  });

  it('cites the references most of its scenarios share, at most six', () => {
    const many = Array.from({ length: 8 }, (_, i) => result(`s${i}`, 'fail', 'state:wrong', 'MUST', ['RFC7644-3.5.2', `X-${i}`]));
    const [f] = buildFindings(many);
    expect(f!.refs[0]).toBe('RFC7644-3.5.2');
    expect(f!.refs).toHaveLength(6);
  });

  it('names keys in plain words and sanitises their arguments', () => {
    expect(findingKey('status', '200|204', 400)).toBe('status:200|204:400');
    expect(findingKey('setup-refused', 'User', 'a: b')).toBe('setup-refused:User:a-b');
    expect(findingTitle('status:400:200')).toBe('Answers 200 where 400 is required');
    expect(findingTitle('scim-type:none')).toMatch(/without the scimType/);
    expect(findingTitle('check:returned-never')).toMatch(/returned "never"/);
  });

  it('joins the findings of shards by key, adding up scenarios and responses', () => {
    const one = buildFindings([result('a', 'fail', 'check:etag-header')]);
    const two = buildFindings([result('b', 'warn', 'check:etag-header', 'SHOULD')]);
    one[0]!.responses = { broken: 2, checked: 10 };
    two[0]!.responses = { broken: 1, checked: 5 };
    const [joined] = mergeFindings([one, two]);
    expect(joined).toMatchObject({ outcome: 'fail', scenarios: ['a', 'b'], responses: { broken: 3, checked: 15 } });
  });
});
