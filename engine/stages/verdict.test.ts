import { describe, expect, it } from 'vitest';
import { builtinResourceSchemas } from '../../schemas/rfc7643.ts';
import type { Scenario } from '../../scenarios/scenario.ts';
import type { Observation } from '../judge.ts';
import { judgeScenario } from './verdict.ts';

const { User } = builtinResourceSchemas();
const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';
const scenario = (over: Partial<Scenario>): Scenario => ({
  id: 's',
  title: 's',
  family: 'f',
  level: 'MUST',
  refs: [],
  requires: [],
  resource: 'User',
  state: { name: 'user.full' },
  request: { target: { unknown: 'User' }, body: {} },
  expect: { kind: 'error', status: [404] },
  ...over,
});
const answer = (status: number, body?: unknown, type = 'application/scim+json'): Observation => ({
  schema: User,
  created: {},
  projected: false,
  patch: { status, json: body, text: body === undefined ? '' : JSON.stringify(body), headers: body === undefined ? {} : { 'content-type': type } },
});
const error = (status: number) => ({ schemas: [ERROR], status: String(status), detail: 'x' });

describe('judgeScenario', () => {
  it('a 503 (or 429, 502, 504) is the target being unavailable: an error, never a verdict', () => {
    for (const status of [429, 502, 503, 504]) {
      expect(judgeScenario(scenario({}), answer(status, error(status)), [], 'PATCH')).toMatchObject({ outcome: 'error', finding: 'target-error:transient' });
    }
  });

  it('a 500 for a client mistake fails; a 500 where only success is right is an error', () => {
    expect(judgeScenario(scenario({}), answer(500, error(500)), [], 'PATCH')).toMatchObject({ outcome: 'fail', finding: 'server-error-on-client-mistake' });
    expect(judgeScenario(scenario({ expect: { kind: 'success' } }), answer(500, error(500)), [], 'PATCH')).toMatchObject({ outcome: 'error', finding: 'target-error:5xx' });
  });

  it('names the finding of the closest allowed outcome: a right status with a broken body is about the body', () => {
    const s = scenario({ expect: { kind: 'success' }, alsoConformant: [{ kind: 'error', status: [400] }] });
    expect(judgeScenario(s, answer(400, error(400)), [], 'PATCH').outcome).toBe('pass');
    expect(judgeScenario(s, answer(400, error(400), 'text/html'), [], 'PATCH')).toMatchObject({ outcome: 'fail', finding: 'error-body:content-type' });
  });

  it('a changed bystander fails whatever the answer, and a SHOULD miss is a warning', () => {
    expect(judgeScenario(scenario({}), answer(404, error(404)), [{ key: 'bystander', text: 'U2 changed' }], 'PATCH')).toMatchObject({ outcome: 'fail', finding: 'bystander' });
    expect(judgeScenario(scenario({ level: 'SHOULD' }), answer(200, {}), [], 'PATCH')).toMatchObject({ outcome: 'warn', finding: 'status:404:200' });
  });
});
