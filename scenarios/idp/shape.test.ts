import { describe, expect, it } from 'vitest';
import { ENT, PATCH_OP } from '../generate-context.ts';
import { equals } from '../catalog/build.ts';
import { memberFilter, requirements, toScenario, type Shape } from './shape.ts';

const base: Shape = {
  client: 'acme',
  shape: 'do-thing',
  title: 'Doing a thing',
  refs: ['PATCH-REP-02', 'https://docs.example.com/scim'],
  operations: [{ op: 'replace', path: 'displayName', value: 'X' }],
  assertions: [equals('displayName', 'X')],
};

describe('IdP shape → scenario', () => {
  it('builds an INTEROP idp scenario with the PatchOp envelope, the RFC 7644 §3.5.2 ref first and the user.full state', () => {
    const s = toScenario(base);
    expect(s).toMatchObject({
      id: 'idp.acme.do-thing',
      family: 'idp',
      level: 'INTEROP',
      resource: 'User',
      state: { name: 'user.full' },
      request: { target: 'self', body: { schemas: [PATCH_OP], Operations: base.operations } },
      expect: { kind: 'success', assertions: base.assertions },
    });
    expect(s.refs).toEqual(['RFC7644-3.5.2', 'PATCH-REP-02', 'https://docs.example.com/scim']);
    expect(s.expect).not.toHaveProperty('oracle');
    expect(s).not.toHaveProperty('acceptable');
  });

  it('turns the oracle off only when asked, with the stated effect', () => {
    const off = toScenario({ ...base, oracle: false, effect: 'change' });
    expect(off.expect).toMatchObject({ kind: 'success', oracle: false, effect: 'change' });
    // An effect without oracle:false is ignored: the oracle decides the effect itself.
    expect(toScenario({ ...base, effect: 'no-change' }).expect).not.toHaveProperty('effect');
  });

  it('makes the RFC answer the acceptable outcome and keeps note and oracle options', () => {
    const s = toScenario({
      ...base,
      rfcAnswer: { kind: 'error', status: [400], scimType: ['invalidFilter'] },
      note: 'why',
      oracleOptions: { replaceValuePathUpserts: true },
    });
    expect(s.acceptable).toEqual({ kind: 'error', status: [400], scimType: ['invalidFilter'] });
    expect(s.note).toBe('why');
    expect(s.oracleOptions).toEqual({ replaceValuePathUpserts: true });
  });

  it('requires groups for group shapes and the enterprise extension when the body names it', () => {
    expect(requirements(base, 'User')).toEqual(['patch']);
    expect(requirements({ ...base, state: 'group.three-members' }, 'Group')).toEqual(['patch', 'groups']);
    expect(requirements({ ...base, operations: [{ op: 'add', path: `${ENT}:department`, value: 'D' }] }, 'User')).toEqual(['patch', 'enterpriseUser']);
    expect(toScenario({ ...base, resource: 'Group' }).state.name).toBe('group.one-member');
  });

  it('names one member by id in a double-quoted filter', () => {
    expect(memberFilter('U2')).toBe('members[value eq "{U2.id}"]');
  });
});
