import { describe, expect, it } from 'vitest';
import { SAILPOINT_SHAPES } from './sailpoint.ts';
import { toScenario } from './shape.ts';

const scenarios = SAILPOINT_SHAPES.map(toScenario);
const byShape = (shape: string) => scenarios.find((s) => s.id === `idp.sailpoint.${shape}`)!;

describe('SailPoint Identity Security Cloud (IdentityNow) pack', () => {
  it('cites SailPoint\'s SCIM 2.0 connector documentation and an RFC section in every shape, with a note', () => {
    expect(scenarios.length).toBe(3);
    for (const s of scenarios) {
      expect(s.refs.some((r) => r.startsWith('https://documentation.sailpoint.com/connectors/')), s.id).toBe(true);
      expect(s.refs.some((r) => /^RFC7644-\d/.test(r)), s.id).toBe(true);
      expect(s.note, s.id).toBeTruthy();
      expect(s, s.id).not.toHaveProperty('acceptable');
    }
  });

  it('disables with a path-less add of {"active": false}, not a replace', () => {
    const s = byShape('disable-path-less-add');
    expect(s.request.body).toMatchObject({ Operations: [{ op: 'add', value: { active: false } }] });
    expect((s.request.body as { Operations: object[] }).Operations[0]).not.toHaveProperty('path');
    expect(s.refs).toContain('https://developer.sailpoint.com/discuss/t/scim-api-patch-op/7752');
  });

  it('grants and revokes entitlements as membership changes on the group', () => {
    expect(byShape('grant-entitlement')).toMatchObject({ resource: 'Group', requires: ['patch', 'groups'] });
    expect(byShape('revoke-entitlement').request.body).toMatchObject({ Operations: [{ op: 'remove', path: 'members[value eq "{U1.id}"]' }] });
  });
});
