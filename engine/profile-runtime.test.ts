import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, ConfigError } from './config.ts';
import { applyProfile, createProfileRuntime, gradeStrict, levelOutcome } from './profile-runtime.ts';
import { PROFILES } from '../profiles/profiles.ts';
import { builtinResourceSchemas } from '../schemas/rfc7643.ts';
import type { Scenario } from '../scenarios/scenario.ts';
import type { Observation } from './judge.ts';
import type { ScenarioResult } from '../schemas/run-result.ts';

function config(extra: Record<string, unknown>) {
  const dir = mkdtempSync(join(tmpdir(), 'profile-runtime-'));
  const file = join(dir, 'c.json');
  writeFileSync(file, JSON.stringify({ baseUrl: 'https://scim-api.example.com', ...extra }));
  return loadConfig({ file, env: {} });
}

describe('applyProfile', () => {
  it('appends the filled base path and the documented media type', () => {
    const c = applyProfile(config({ profile: 'pingone', templateValues: { envID: 'env-1' } }), PROFILES['pingone']!);
    expect(c.baseUrl).toBe('https://scim-api.example.com/environments/env-1/v2');
    const adra = applyProfile(config({ templateValues: { organizationSid: 'o 1' } }), PROFILES['adra']!);
    expect([adra.baseUrl, adra.mediaType]).toEqual(['https://scim-api.example.com/api/organizations/o%201/scim', 'application/json']);
  });
  it('keeps a media type the user chose', () => {
    expect(applyProfile(config({ mediaType: 'application/scim+json; charset=utf-8' }), PROFILES['matillion-dpc']!).mediaType).toBe('application/scim+json; charset=utf-8');
  });
  it('a missing template value is a one-line config error naming it', () => {
    const apply = () => applyProfile(config({ profile: 'vmware-identity-services' }), PROFILES['vmware-identity-services']!);
    expect(apply).toThrow(ConfigError);
    expect(apply).toThrow(/^config: templateValues\.tenant: is required by profile "vmware-identity-services"/);
  });
});

const { User } = builtinResourceSchemas();
const scenario: Scenario = {
  id: 'patch.errors.unknown-user',
  title: 't',
  family: 'errors',
  level: 'MUST',
  refs: [],
  requires: ['patch'],
  resource: 'User',
  state: { name: 'user.minimal' },
  request: { target: { unknown: 'User' }, body: {} },
  expect: { kind: 'error', status: [404] },
};
const observation = (text: string, json: unknown): Observation => ({ schema: User, patch: { status: 404, text, json, headers: { 'content-type': 'application/scim+json' } }, created: {}, projected: false });
const result = (outcome: ScenarioResult['outcome'], more: Partial<ScenarioResult> = {}): ScenarioResult => ({ id: scenario.id, title: 't', family: 'errors', level: 'MUST', refs: [], section: 's', outcome, durationMs: 1, ...more });

describe('strict view', () => {
  it('grades the observation against RFC 7644 whatever the profile accepted', () => {
    expect(gradeStrict(scenario, { ...observation('', undefined), errorFormat: 'empty' })).toBe('fail');
    expect(gradeStrict(scenario, observation('{}', { schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '404' }))).toBe('pass');
  });
  it('attaches the documented deviation to an observed strict miss', () => {
    const rt = createProfileRuntime(PROFILES['adra']!)!;
    const view = rt.strictView(scenario, observation('{"status":404,"title":"Not Found"}', { status: 404, title: 'Not Found' }), result('pass'));
    expect(view).toEqual({ strict: 'fail', deviation: { id: 'adra.problem-json-errors', profile: 'adra', level: 'MUST', description: expect.any(String) } });
  });
  it('takes a documented deviation as the strict outcome when the RFC form was never sent', () => {
    const rt = createProfileRuntime(PROFILES['workspace-one-access']!)!;
    const success = { ...scenario, expect: { kind: 'success' as const } };
    expect(rt.strictView(success, undefined, result('unsupported')).deviation?.id).toBe('workspace-one-access.partial-update');
    expect(rt.strictView(success, undefined, result('unsupported', { capability: 'etag' }))).toEqual({ strict: 'unsupported' });
    expect(rt.strictView(success, undefined, result('error'))).toEqual({ strict: 'error' });
  });
  it('has no runtime for rfc7644 and maps levels to outcomes', () => {
    expect(createProfileRuntime(PROFILES['rfc7644']!)).toBeUndefined();
    expect([levelOutcome('MUST'), levelOutcome('DERIVED'), levelOutcome('AMBIG'), levelOutcome('SHOULD')]).toEqual(['fail', 'fail', 'warn', 'warn']);
  });
  it('sends identity-provider shapes as the client does, whatever the dialect', () => {
    const rt = createProfileRuntime(PROFILES['adra']!)!;
    const body = { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', path: 'active', value: false }] };
    expect(rt.encode({ ...scenario, family: 'idp' }, { body, schema: User, options: {} })).toEqual({ body });
    expect(rt.encode(scenario, { body, schema: User, options: {} })).not.toEqual({ body });
  });
});
