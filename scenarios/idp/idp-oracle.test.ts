// Every IdP shape judged by the ordinary judge against simulated servers, no special cases:
// a strict RFC 7644 server (the PATCH module with its default semantics, as the reference server)
// must meet the shape's expectation, or its acceptable RFC answer where the RFC forbids what the
// client needs; and servers that get the client's request wrong must fail the shapes of the
// GitHub, AWS and SailPoint packs.
import { describe, expect, it } from 'vitest';
import { checkExpectation, type Observation } from '../../engine/judge.ts';
import { applyPatch, parsePatchRequest, PatchError } from '../../patch/index.ts';
import { builtinResourceSchemas } from '../../schemas/rfc7643.ts';
import type { ScimResource } from '../../schemas/scim-schema.ts';
import { URN } from '../../schemas/scim-schema.ts';
import { simulateState } from '../catalog/simulate-state.ts';
import { resolvePlaceholders } from '../resolve-placeholders.ts';
import type { Scenario } from '../scenario.ts';
import { idpScenarios } from './index.ts';

const schemas = builtinResourceSchemas();
const all = idpScenarios();
const NEW_CLIENTS = ['github-emu', 'aws-identity-center', 'sailpoint'];
const newShapes = all.filter((s) => NEW_CLIENTS.includes(s.id.split('.')[1]!));

const answer = (status: number, body: unknown) => ({
  status,
  json: body,
  text: body === undefined ? '' : JSON.stringify(body),
  headers: { 'content-type': 'application/scim+json' },
});

interface Setup {
  s: Scenario;
  before: ScimResource;
  created: Record<string, ScimResource>;
  body: unknown;
  base: Omit<Observation, 'patch'>;
}

function setup(s: Scenario): Setup {
  const { created } = simulateState(s.state.name, schemas);
  const target = s.request.target as string;
  const before = created[target]!;
  const schema = s.resource === 'User' ? schemas.User : schemas.Group;
  const body = resolvePlaceholders(s.request.body, created);
  let oracle: Observation['oracle'];
  try {
    oracle = applyPatch(before, parsePatchRequest(body, s.oracleOptions), schema, s.oracleOptions);
  } catch (e) {
    if (!(e instanceof PatchError)) throw e;
    oracle = { error: e };
  }
  return { s, before, created, body, base: { schema, before, created, projected: false, oracle } };
}

/** The answer of a server whose resulting resource is `after` (200 with it, then the same on GET). */
function answered(x: Setup, after: ScimResource, changed = true): Observation {
  const res = structuredClone(after);
  delete res['password'];
  res['meta'] = { ...(x.before['meta'] as object), ...(changed ? { version: 'W/"after"', lastModified: '2024-06-01T00:00:00Z' } : {}) };
  return { ...x.base, patch: answer(200, res), after: answer(200, res) };
}

function refused(x: Setup, status: number, scimType: string): Observation {
  const error = { schemas: [URN.error], status: String(status), scimType, detail: 'refused' };
  return { ...x.base, patch: answer(status, error), after: answer(200, x.before) };
}

/** A strict server: the PATCH module with its default semantics (no compat options). */
function strictServer(x: Setup): Observation {
  try {
    const r = applyPatch(x.before, parsePatchRequest(x.body), x.base.schema);
    return answered(x, r.resource, r.changed);
  } catch (e) {
    if (!(e instanceof PatchError)) throw e;
    return refused(x, e.status, e.scimType ?? '');
  }
}

/** Pass, warn or fail, as the runner decides from expect and acceptable. */
function verdict(s: Scenario, obs: Observation): 'pass' | 'warn' | 'fail' {
  if (checkExpectation(s.expect, obs).length === 0) return 'pass';
  if (s.acceptable && checkExpectation(s.acceptable, obs).length === 0) return 'warn';
  return 'fail';
}

const byId = (id: string) => setup(all.find((s) => s.id === id)!);
const ops = (x: Setup) => (x.body as { Operations: Array<{ op: string; path?: string; value?: unknown }> }).Operations;
const membersOf = (x: Setup, aliases: string[]) => ({ ...x.before, members: aliases.map((a) => ({ value: x.created[a]!['id'] })) });

describe('IdP shapes against a strict RFC 7644 server', () => {
  it.each(all.map((s) => [s.id, s] as const))('%s', (_id, s) => {
    const x = setup(s);
    // RFC-conformant shapes pass; the ones the RFC forbids end on their acceptable RFC answer.
    expect(verdict(s, strictServer(x))).toBe(s.acceptable ? 'warn' : 'pass');
  });
});

describe('GitHub, AWS and SailPoint shapes catch servers that get the request wrong', () => {
  it.each(newShapes.map((s) => [s.id, s] as const))('%s fails when the server answers 200 and changes nothing', (_id, s) => {
    const x = setup(s);
    expect(verdict(s, answered(x, x.before, false))).toBe('fail');
  });

  it.each(newShapes.filter((s) => !s.acceptable).map((s) => [s.id, s] as const))('%s fails when the server refuses it', (_id, s) => {
    expect(verdict(s, refused(setup(s), 400, 'invalidFilter'))).toBe('fail');
  });

  it("GitHub's single-quoted filter: tolerated passes, refused with invalidFilter or invalidPath warns, a server ignoring the filter fails", () => {
    const x = byId('idp.github-emu.update-work-email-single-quoted');
    // A tolerant server reads 'work' as "work": the same result as the double-quoted request.
    const tolerant = applyPatch(x.before, parsePatchRequest(JSON.parse(JSON.stringify(x.body).replace("'work'", '\\"work\\"'))), x.base.schema);
    expect(verdict(x.s, answered(x, tolerant.resource))).toBe('pass');
    expect(verdict(x.s, refused(x, 400, 'invalidFilter'))).toBe('warn');
    expect(verdict(x.s, refused(x, 400, 'invalidPath'))).toBe('warn');
    expect(verdict(x.s, refused(x, 400, 'noTarget'))).toBe('fail');
    // Ignoring the filter puts the new address on every email.
    const [emailOp, nameOp] = ops(x);
    const everyEmail = { ...tolerant.resource, emails: (x.before['emails'] as object[]).map((e) => ({ ...e, value: emailOp!.value })) };
    expect(verdict(x.s, answered(x, everyEmail))).toBe('fail');
    // Applying only the family name (dropping the operation it cannot read) is a partial update.
    const partial = { ...x.before, name: { ...(x.before['name'] as object), familyName: nameOp!.value } };
    expect(verdict(x.s, answered(x, partial))).toBe('fail');
  });

  it('GitHub case-varying filter: a server that matches "Work" case-sensitively fails (it finds no target)', () => {
    const x = byId('idp.github-emu.update-work-email-case-varying');
    expect(ops(x)[0]!.path).toBe('emails[Type EQ "Work"].value');
    expect(verdict(x.s, refused(x, 400, 'noTarget'))).toBe('fail');
  });

  it('AWS name replace fails when the server overwrites the whole name and loses the middle name', () => {
    const x = byId('idp.aws-identity-center.replace-name-keeps-middle');
    expect(verdict(x.s, answered(x, { ...x.before, name: ops(x)[0]!.value as object }))).toBe('fail');
  });

  it('AWS single-value emails fails when the server appends instead of replacing', () => {
    const x = byId('idp.aws-identity-center.replace-emails-single-value');
    const appended = { ...x.before, emails: [...(x.before['emails'] as object[]), ...(ops(x)[0]!.value as object[])] };
    expect(verdict(x.s, answered(x, appended))).toBe('fail');
  });

  it('member removals fail when the server empties the group or removes the wrong member', () => {
    for (const id of ['idp.aws-identity-center.remove-members-by-eq-filter', 'idp.sailpoint.revoke-entitlement']) {
      const x = byId(id);
      expect(verdict(x.s, answered(x, membersOf(x, []))), id).toBe('fail');
      expect(verdict(x.s, answered(x, membersOf(x, ['U2']))), id).toBe('fail');
    }
  });

  it('member additions fail when the server replaces the list instead of adding', () => {
    for (const id of ['idp.github-emu.add-members-batch', 'idp.aws-identity-center.add-members', 'idp.sailpoint.grant-entitlement']) {
      const x = byId(id);
      const added = (ops(x)[0]!.value as Array<{ value: string }>).map((m) => m.value);
      const replaced = { ...x.before, members: added.map((value) => ({ value })) };
      expect(verdict(x.s, answered(x, replaced)), id).toBe('fail');
    }
  });

  it('renames fail when the server also drops the members', () => {
    for (const id of ['idp.github-emu.rename-group', 'idp.aws-identity-center.rename-group-with-id']) {
      const x = byId(id);
      const r = applyPatch(x.before, parsePatchRequest(x.body), x.base.schema).resource;
      expect(verdict(x.s, answered(x, { ...r, members: [] })), id).toBe('fail');
    }
  });

  it("SailPoint's path-less add fails when the server treats it as a full replace and drops the other attributes", () => {
    const x = byId('idp.sailpoint.disable-path-less-add');
    const { id, schemas: schemaList, userName } = x.before;
    expect(verdict(x.s, answered(x, { id, schemas: schemaList, userName, active: false }))).toBe('fail');
  });
});
