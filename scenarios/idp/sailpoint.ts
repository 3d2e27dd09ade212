// SailPoint Identity Security Cloud (IdentityNow). SailPoint is a SCIM *client*: its SCIM 2.0
// connector provisions accounts and entitlements to any SCIM 2.0 server, with PATCH for updates
// when the source's usePatch setting is on. The connector documentation names the operations
// (enable/disable accounts, add and remove entitlements, which needs "modify group membership")
// but prints no request bodies; the disable body below is the one a SailPoint customer reported on
// SailPoint's developer community, and the membership shapes use RFC 7644's own member forms.
import { equals, members } from '../catalog/build.ts';
import { memberFilter, type Shape } from './shape.ts';

const CONNECTOR_DOC = 'https://documentation.sailpoint.com/connectors/scim_2_0/help/integrating_scim2/supported_features.html';
const SETTINGS_DOC = 'https://documentation.sailpoint.com/connectors/scim_2_0/help/integrating_scim2/additional_settings.html';
const PREREQ_DOC = 'https://documentation.sailpoint.com/connectors/saas/scim_2_0/help/saas_connectivity/scim_2_0_saas/prerequisites.html';
const PATCH_OP_THREAD = 'https://developer.sailpoint.com/discuss/t/scim-api-patch-op/7752';

export const SAILPOINT_SHAPES: Shape[] = [
  {
    client: 'sailpoint',
    shape: 'disable-path-less-add',
    title: 'Disabling an account: SailPoint sends add without a path, value {"active": false}',
    refs: ['RFC7644-3.5.2.1', 'PATCH-ADD-09', 'PATCH-ADD-02', SETTINGS_DOC, PATCH_OP_THREAD],
    operations: [{ op: 'add', value: { active: false } }],
    assertions: [equals('active', false), equals('userName', '{self.userName}')],
    note:
      'With usePatch on, SailPoint disables (and enables) an account with a path-less add of {"active": false}, not a ' +
      'replace, as reported on its developer community. RFC 7644 §3.5.2.1 makes a path-less add target the resource and ' +
      'replace a single-valued attribute, so active must become false and nothing else may change.',
  },
  {
    client: 'sailpoint',
    shape: 'grant-entitlement',
    title: 'Granting a group entitlement: SailPoint adds the account to the group with an add of members',
    refs: ['RFC7644-3.5.2.1', 'PATCH-GRP-01', CONNECTOR_DOC, PREREQ_DOC],
    resource: 'Group',
    state: 'group.one-member',
    operations: [{ op: 'add', path: 'members', value: [{ value: '{U2.id}' }] }],
    assertions: [members('U1', 'U2')],
    note:
      'SailPoint documents entitlement grants as group-membership changes on the target (its service account needs ' +
      '"modify group membership") without printing the body; this is the RFC 7644 §3.5.2.1 add of a member. The new ' +
      'member joins, the existing one stays.',
  },
  {
    client: 'sailpoint',
    shape: 'revoke-entitlement',
    title: 'Revoking a group entitlement: SailPoint removes the account from the group with remove members[value eq "…"]',
    refs: ['RFC7644-3.5.2.2', 'PATCH-GRP-03', CONNECTOR_DOC, PREREQ_DOC],
    resource: 'Group',
    state: 'group.three-members',
    operations: [{ op: 'remove', path: memberFilter('U1') }],
    assertions: [members('U2', 'U3')],
    note:
      'The revoking counterpart, in the RFC 7644 §3.5.2.2 form that names one member by a filter (the body is not ' +
      'printed in SailPoint\'s docs); only that member may leave the group.',
  },
];
