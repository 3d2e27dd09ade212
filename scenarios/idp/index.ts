// IdP client dialects (catalog section C and A.15): the exact PATCH bodies provisioning clients
// send, one scenario per shape, expecting what the client needs. Ids are idp.<client>.<shape>;
// titles say in plain words what the client is doing, because reports show them to buyers.
import { ENT, PATCH_OP } from '../generate-context.ts';
import type { Assertion, Capability, Expectation, ResourceKind, Scenario } from '../scenario.ts';
import { bad, count, equals, members } from '../catalog/build.ts';

/** Client id (second part of the scenario id) → the name a buyer knows. */
export const IDP_CLIENTS: Record<string, string> = {
  entra: 'Microsoft Entra ID',
  okta: 'Okta',
  pingfederate: 'PingFederate',
  onelogin: 'OneLogin',
  authentik: 'authentik',
  'ms-validator': 'Microsoft SCIM Validator',
};

interface Shape {
  client: keyof typeof IDP_CLIENTS;
  shape: string;
  title: string;
  refs: string[];
  resource?: ResourceKind;
  state?: string;
  target?: string;
  operations: unknown[];
  /** Raw envelope instead of {schemas, Operations}. */
  body?: unknown;
  assertions: Assertion[];
  /** The RFC 7644 answer a strictly conformant server gives where the RFC forbids what the client needs. */
  rfcAnswer?: Expectation;
  oracleOptions?: Record<string, boolean>;
  note?: string;
  oracle?: boolean;
}

const memberFilter = (alias: string) => `members[value eq "{${alias}.id}"]`;

const SHAPES: Shape[] = [
  // ---- Microsoft Entra ID, default provisioning job (C.1, A.15) ----
  {
    client: 'entra',
    shape: 'disable-user-string-false',
    title: 'Disabling a user: Entra sends Replace with active as the string "False"',
    refs: ['PATCH-IOP-02', 'PATCH-IOP-01'],
    operations: [{ op: 'Replace', path: 'active', value: 'False' }],
    assertions: [equals('active', false)],
  },
  {
    client: 'entra',
    shape: 'add-nickname',
    title: 'Setting a single attribute: Entra sends Add nickName',
    refs: ['PATCH-IOP-01'],
    operations: [{ op: 'Add', path: 'nickName', value: 'Babs' }],
    assertions: [equals('nickName', 'Babs')],
  },
  {
    client: 'entra',
    shape: 'update-profile-one-op-per-attribute',
    title: 'Updating a profile: Entra sends one Replace per attribute (display name, work email, given and family name, externalId, employee number)',
    refs: ['PATCH-IOP-01'],
    operations: [
      { op: 'Replace', path: 'displayName', value: 'Bjfe Unua' },
      { op: 'Replace', path: 'emails[type eq "work"].value', value: 'bjfe@example.com' },
      { op: 'Replace', path: 'name.givenName', value: 'Bjfe' },
      { op: 'Replace', path: 'name.familyName', value: 'Unua' },
      { op: 'Replace', path: 'externalId', value: '{self.externalId}-entra' },
      { op: 'Replace', path: `${ENT}:employeeNumber`, value: '4242' },
    ],
    assertions: [
      equals('displayName', 'Bjfe Unua'),
      equals('emails[type eq "work"].value', ['bjfe@example.com']),
      equals('name.givenName', 'Bjfe'),
      equals('externalId', '{self.externalId}-entra'),
      equals(`${ENT}:employeeNumber`, '4242'),
      equals('name.middleName', '{self.name.middleName}'),
    ],
  },
  {
    client: 'entra',
    shape: 'attribute-mapping-capital-v',
    title: 'Updating a mapped attribute: Entra\'s default mapping writes emails[type eq "work"].Value with a capital V',
    refs: ['PATCH-PATH-01'],
    operations: [{ op: 'Replace', path: 'emails[type eq "work"].Value', value: 'mapped@example.com' }],
    assertions: [equals('emails[type eq "work"].value', ['mapped@example.com'])],
  },
  {
    client: 'entra',
    shape: 'add-mobile-phone-creates',
    title: 'Adding a phone number the user does not have yet: Entra sends Add phoneNumbers[type eq "mobile"].value',
    refs: ['PATCH-IOP-05', 'PATCH-ADD-15'],
    operations: [{ op: 'Add', path: 'phoneNumbers[type eq "mobile"].value', value: '+1 555 0100' }],
    assertions: [count('phoneNumbers', 2), equals('phoneNumbers[type eq "mobile"].value', ['+1 555 0100'])],
    oracleOptions: { addValuePathCreates: true },
  },
  {
    client: 'entra',
    shape: 'add-home-address-creates',
    title: 'Adding an address the user does not have yet: Entra sends Add addresses[type eq "home"].formatted',
    refs: ['PATCH-IOP-06', 'PATCH-ADD-15'],
    operations: [{ op: 'Add', path: 'addresses[type eq "home"].formatted', value: '18/2111 Home Street' }],
    assertions: [count('addresses', 2), equals('addresses[type eq "home"].formatted', ['18/2111 Home Street'])],
    oracleOptions: { addValuePathCreates: true },
  },
  {
    client: 'entra',
    shape: 'replace-mobile-phone-upsert',
    title: 'Changing a phone number the user does not have yet: Entra sends Replace phoneNumbers[type eq "mobile"].value and expects it to be created',
    refs: ['PATCH-IOP-07', 'PATCH-REP-09'],
    operations: [{ op: 'Replace', path: 'phoneNumbers[type eq "mobile"].value', value: '+1 555 0199' }],
    assertions: [count('phoneNumbers', 2), equals('phoneNumbers[type eq "mobile"].value', ['+1 555 0199'])],
    oracleOptions: { replaceValuePathUpserts: true },
    rfcAnswer: bad('noTarget'),
    note: 'RFC 7644 §3.5.2.3 requires 400 noTarget when a replace filter matches nothing; Entra needs an upsert.',
  },
  {
    client: 'entra',
    shape: 'manager-as-string',
    title: 'Setting a manager: Entra sends the manager id as a plain string instead of {"value": id}',
    refs: ['PATCH-IOP-08'],
    state: 'group.one-member',
    target: 'U1',
    operations: [{ op: 'Add', path: `${ENT}:manager`, value: '{U2.id}' }],
    assertions: [equals(`${ENT}:manager.value`, '{U2.id}')],
  },
  {
    client: 'entra',
    shape: 'manager-as-array',
    title: 'Setting a manager (documented tutorial): Entra sends path "manager" with a one-element array',
    refs: ['PATCH-IOP-09'],
    state: 'group.one-member',
    target: 'U1',
    operations: [{ op: 'Add', path: 'manager', value: [{ $ref: '{U2.meta.location}', value: '{U2.id}' }] }],
    assertions: [equals(`${ENT}:manager.value`, '{U2.id}')],
  },
  {
    client: 'entra',
    shape: 'add-member-null-ref',
    title: 'Adding a group member: Entra sends Add members with "$ref": null',
    refs: ['PATCH-IOP-13', 'PATCH-GRP-01'],
    resource: 'Group',
    state: 'group.one-member',
    operations: [{ op: 'Add', path: 'members', value: [{ $ref: null, value: '{U2.id}' }] }],
    assertions: [members('U1', 'U2')],
  },
  {
    client: 'entra',
    shape: 'remove-member-by-value',
    title: 'Removing a group member: Entra sends Remove members with the member in a value array, not a filter',
    refs: ['PATCH-IOP-03'],
    resource: 'Group',
    state: 'group.three-members',
    operations: [{ op: 'Remove', path: 'members', value: [{ $ref: null, value: '{U1.id}' }] }],
    assertions: [members('U2', 'U3')],
  },
  {
    client: 'entra',
    shape: 'rename-group',
    title: 'Renaming a group: Entra sends Replace displayName',
    refs: ['PATCH-IOP-01'],
    resource: 'Group',
    state: 'group.one-member',
    operations: [{ op: 'Replace', path: 'displayName', value: 'Renamed by Entra' }],
    assertions: [equals('displayName', 'Renamed by Entra'), members('U1')],
  },
  {
    client: 'entra',
    shape: 'flag-disable-user-boolean',
    title: 'Disabling a user (aadOptscim062020 flag): Entra sends replace with active as a real boolean',
    refs: ['PATCH-REP-01'],
    operations: [{ op: 'replace', path: 'active', value: false }],
    assertions: [equals('active', false)],
  },
  {
    client: 'entra',
    shape: 'flag-path-less-replace',
    title: 'Updating a profile (aadOptscim062020 flag): Entra sends one replace without a path, with dotted and URN-qualified keys',
    refs: ['PATCH-IOP-04', 'PATCH-ADD-13'],
    operations: [
      { op: 'replace', path: 'emails[type eq "work"].value', value: 'bjfe@example.com' },
      { op: 'replace', value: { displayName: 'Bjfe', 'name.givenName': 'Kkom', 'name.familyName': 'Unua', [`${ENT}:employeeNumber`]: 'Aklq' } },
    ],
    assertions: [
      equals('displayName', 'Bjfe'),
      equals('name.givenName', 'Kkom'),
      equals('name.familyName', 'Unua'),
      equals('name.middleName', '{self.name.middleName}'),
      equals(`${ENT}:employeeNumber`, 'Aklq'),
      equals(`${ENT}:department`, `{self.${ENT}.department}`),
    ],
  },
  {
    client: 'entra',
    shape: 'flag-remove-member-filter',
    title: 'Removing a group member (aadOptscim062020 flag): Entra sends remove members[value eq "…"]',
    refs: ['PATCH-REM-05'],
    resource: 'Group',
    state: 'group.three-members',
    operations: [{ op: 'remove', path: memberFilter('U1') }],
    assertions: [members('U2', 'U3')],
  },
  // ---- Okta (C.2) ----
  {
    client: 'okta',
    shape: 'deactivate-path-less',
    title: 'Deactivating a user: Okta sends replace without a path, value {"active": false}',
    refs: ['PATCH-REP-03'],
    operations: [{ op: 'replace', value: { active: false } }],
    assertions: [equals('active', false), equals('userName', '{self.userName}')],
  },
  {
    client: 'okta',
    shape: 'rename-group-with-id',
    title: 'Renaming a group: Okta sends replace without a path that repeats the group id next to displayName',
    refs: ['PATCH-IOP-11', 'PATCH-MUT-04'],
    resource: 'Group',
    state: 'group.one-member',
    operations: [{ op: 'replace', value: { id: '{self.id}', displayName: 'Test SCIMv2' } }],
    assertions: [equals('displayName', 'Test SCIMv2'), members('U1')],
  },
  {
    client: 'okta',
    shape: 'membership-remove-then-add',
    title: 'Updating membership: Okta removes a member by filter and adds one with display in the same request',
    refs: ['PATCH-GRP-01', 'PATCH-REM-05'],
    resource: 'Group',
    state: 'group.one-member',
    operations: [
      { op: 'remove', path: memberFilter('U1') },
      { op: 'add', path: 'members', value: [{ value: '{U2.id}', display: '{U2.userName}' }] },
    ],
    assertions: [members('U2')],
  },
  {
    client: 'okta',
    shape: 'push-all-members',
    title: 'Pushing a group: Okta replaces the whole member list',
    refs: ['PATCH-GRP-07'],
    resource: 'Group',
    state: 'group.one-member',
    operations: [{ op: 'replace', path: 'members', value: [{ value: '{U2.id}', display: '{U2.userName}' }, { value: '{U3.id}', display: '{U3.userName}' }] }],
    assertions: [members('U2', 'U3')],
  },
  {
    client: 'okta',
    shape: 'push-empty-group',
    title: 'Pushing an empty group: Okta replaces members with an empty list',
    refs: ['PATCH-GRP-08'],
    resource: 'Group',
    state: 'group.three-members',
    operations: [{ op: 'replace', path: 'members', value: [] }],
    assertions: [members()],
  },
  // ---- PingFederate SCIM provisioner (C.6): PATCH for group membership only ----
  {
    client: 'pingfederate',
    shape: 'add-member',
    title: 'Adding a group member: PingFederate sends add members with the member id',
    refs: ['PATCH-GRP-01'],
    resource: 'Group',
    state: 'group.one-member',
    operations: [{ op: 'add', path: 'members', value: [{ value: '{U2.id}' }] }],
    assertions: [members('U1', 'U2')],
  },
  {
    client: 'pingfederate',
    shape: 'remove-member-filter',
    title: 'Removing a group member: PingFederate sends remove members[value eq "…"]',
    refs: ['PATCH-REM-05'],
    resource: 'Group',
    state: 'group.three-members',
    operations: [{ op: 'remove', path: memberFilter('U2') }],
    assertions: [members('U1', 'U3')],
  },
  // ---- OneLogin (C.3, indirect evidence) ----
  {
    client: 'onelogin',
    shape: 'add-member',
    title: 'Adding a group member: OneLogin sends a lower-case add on members',
    refs: ['PATCH-GRP-01'],
    resource: 'Group',
    state: 'group.empty',
    operations: [{ op: 'add', path: 'members', value: [{ value: '{U1.id}' }, { value: '{U2.id}' }] }],
    assertions: [members('U1', 'U2')],
  },
  // ---- authentik outbound provider (D.3) ----
  {
    client: 'authentik',
    shape: 'remove-member-by-value',
    title: 'Removing a group member: authentik sends remove members with a value array',
    refs: ['PATCH-IOP-03'],
    resource: 'Group',
    state: 'group.three-members',
    operations: [{ op: 'remove', path: 'members', value: [{ value: '{U3.id}' }] }],
    assertions: [members('U1', 'U2')],
  },
  // ---- Microsoft SCIM Validator (C.1) ----
  {
    client: 'ms-validator',
    shape: 'empty-operations',
    title: 'Probing PATCH: the Microsoft SCIM Validator sends a PatchOp with an empty Operations list and expects success',
    refs: ['PATCH-IOP-12', 'PATCH-ENV-04'],
    operations: [],
    assertions: [equals('userName', '{self.userName}')],
    oracle: false,
    rfcAnswer: bad('invalidSyntax', 'invalidValue'),
    note: 'RFC 7644 §3.5.2 asks for one or more operations (E-4), so a strict server answers 400.',
  },
  {
    client: 'ms-validator',
    shape: 'disable-user',
    title: 'Disabling a user: the Microsoft SCIM Validator sends replace active false and checks it with a later GET',
    refs: ['PATCH-REP-01'],
    operations: [{ op: 'replace', path: 'active', value: false }],
    assertions: [equals('active', false)],
  },
];

function requirements(sh: Shape, resource: ResourceKind): Capability[] {
  const caps: Capability[] = ['patch'];
  if (resource === 'Group' || (sh.state ?? '').startsWith('group.')) caps.push('groups');
  if (resource === 'User' && JSON.stringify(sh.operations).includes(ENT)) caps.push('enterpriseUser');
  if (sh.shape.startsWith('manager-')) caps.push('enterpriseUser');
  return [...new Set(caps)];
}

export function idpScenarios(): Scenario[] {
  return SHAPES.map((sh) => {
    const resource = sh.resource ?? 'User';
    const success: Expectation = {
      kind: 'success',
      assertions: sh.assertions,
      ...(sh.oracle === false ? { oracle: false, effect: 'no-change' as const } : {}),
    };
    const scenario: Scenario = {
      id: `idp.${sh.client}.${sh.shape}`,
      title: sh.title,
      family: 'idp',
      level: 'INTEROP',
      refs: ['RFC7644-3.5.2', ...sh.refs],
      requires: requirements(sh, resource),
      resource,
      state: { name: sh.state ?? (resource === 'Group' ? 'group.one-member' : 'user.full') },
      request: { target: sh.target ?? 'self', body: sh.body ?? { schemas: [PATCH_OP], Operations: sh.operations } },
      expect: success,
    };
    if (sh.rfcAnswer) scenario.acceptable = sh.rfcAnswer;
    if (sh.oracleOptions) scenario.oracleOptions = sh.oracleOptions;
    if (sh.note) scenario.note = sh.note;
    return scenario;
  });
}
