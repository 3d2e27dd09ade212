import { describe, expect, it } from 'vitest';
import type { Scenario } from '../scenarios/scenario.ts';
import { URN } from '../schemas/scim-schema.ts';
import { deviationFor, matchesAffects, planScenario } from './adapt.ts';
import { PROFILES } from './profiles.ts';

function scenario(over: Partial<Scenario>): Scenario {
  return {
    id: 'patch.replace.x',
    title: 't',
    family: 'replace',
    level: 'MUST',
    refs: [],
    requires: ['patch'],
    resource: 'User',
    state: { name: 'user.full' },
    request: { target: 'self', body: { schemas: [URN.patchOp], Operations: [{ op: 'replace', path: 'nickName', value: 'X' }] } },
    expect: { kind: 'success' },
    ...over,
  };
}
const P = (name: string) => PROFILES[name]!;

describe('planScenario', () => {
  it('leaves scenarios alone under rfc7644', () => {
    const s = scenario({});
    expect(planScenario(P('rfc7644'), s)).toEqual({ scenario: s });
  });
  it('narrows success statuses to the documented success form', () => {
    const plan = planScenario(P('pingone'), scenario({}));
    expect('scenario' in plan && plan.scenario.expect).toEqual({ kind: 'success', status: [200] });
  });
  it('drops scimType where the error format has no place for it, and keeps documented statuses', () => {
    const plan = planScenario(P('adra'), scenario({ expect: { kind: 'error', status: [400], scimType: ['invalidPath'] } }));
    expect('scenario' in plan && plan.scenario.expect).toEqual({ kind: 'error', status: [400] });
  });
  it('is unsupported when the vendor documents no such status', () => {
    const plan = planScenario(P('adra'), scenario({ expect: { kind: 'error', status: [409], scimType: ['uniqueness'] } }));
    expect(plan).toEqual({ unsupported: expect.stringContaining('documents no 409 answer') });
  });
  it('uses the deviation\'s expectation and 409 for a stale version on VMware Identity Services', () => {
    const plan = planScenario(P('vmware-identity-services'), scenario({ id: 'patch.versioning.if-match-stale', request: { target: 'self', body: {}, ifMatch: 'stale' }, expect: { kind: 'error', status: [412] }, acceptable: { kind: 'error', status: [409] } }));
    expect('scenario' in plan && plan.scenario.expect).toEqual({ kind: 'error', status: [409] });
    expect('scenario' in plan && plan.scenario.acceptable).toBeUndefined();
  });
  it('makes a path-less write unsupported on Adra with the documented deviation', () => {
    const s = scenario({ request: { target: 'self', body: { schemas: [URN.patchOp], Operations: [{ op: 'replace', value: { active: false } }] } } });
    const plan = planScenario(P('adra'), s);
    expect('unsupported' in plan && plan.deviation?.id).toBe('adra.path-required');
  });
  it('does not send identity-provider shapes to a service without PatchOp', () => {
    expect(planScenario(P('workspace-one-access'), scenario({ family: 'idp', id: 'idp.okta.x' }))).toEqual({ unsupported: expect.stringContaining('does not take RFC 7644 PatchOp') });
  });
});

describe('deviations', () => {
  it('match by id glob, expected kind and path-less writes', () => {
    expect(matchesAffects({ ids: ['patch.versioning.if-match-stale*'] }, scenario({ id: 'patch.versioning.if-match-stale-no-op' }))).toBe(true);
    expect(matchesAffects({ ids: ['patch.versioning.if-match-stale*'] }, scenario({ id: 'patch.versioning.if-match-star' }))).toBe(false);
    expect(matchesAffects({ expect: 'error' }, scenario({}))).toBe(false);
    expect(matchesAffects({ expect: 'error' }, scenario({ alsoConformant: [{ kind: 'error', status: [400] }] }))).toBe(true);
    expect(matchesAffects({}, scenario({}))).toBe(true);
  });
  it('a scenario that was not sent only carries a documented deviation', () => {
    const err = scenario({ expect: { kind: 'error', status: [404] } });
    expect(deviationFor(P('workspace-one-access'), err, true)?.id).toBe('workspace-one-access.empty-error-bodies');
    expect(deviationFor(P('workspace-one-access'), err, false)?.id).toBe('workspace-one-access.partial-update');
    expect(deviationFor(P('matillion-dpc'), err)).toBeUndefined();
  });
});
