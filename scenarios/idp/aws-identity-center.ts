// AWS IAM Identity Center. AWS is a SCIM *server*; its developer guide lists the PATCH limits it
// imposes on the identity providers that provision it: add/replace/remove only, a path on every
// remove, value on add and replace, only the eq operator in filters, one value per multi-valued
// attribute (emails, addresses, phoneNumbers), one operation on active or userName per request and
// never a remove of them, only displayName, members and externalId on groups, at most 100
// membership changes per request, and no replace or remove of all members at once. IdP connectors
// built for AWS stay inside those limits, so the requests below are what such clients send; any
// server that takes AWS's place (or sits behind the same connector) must handle them. All of them
// are RFC 7644 requests, so an RFC-conformant server handles every one.
import { count, equals, members } from '../catalog/build.ts';
import { memberFilter, type Shape } from './shape.ts';

const PATCH_USER_DOC = 'https://docs.aws.amazon.com/singlesignon/latest/developerguide/patchuser.html';
const PATCH_GROUP_DOC = 'https://docs.aws.amazon.com/singlesignon/latest/developerguide/patchgroup.html';

export const AWS_IDENTITY_CENTER_SHAPES: Shape[] = [
  {
    client: 'aws-identity-center',
    shape: 'rename-group-with-id',
    title: 'Renaming a group: the AWS example sends replace without a path whose value carries the group id next to displayName',
    refs: ['RFC7644-3.5.2.3', 'PATCH-IOP-11', 'PATCH-MUT-04', 'PATCH-GRP-11', PATCH_GROUP_DOC],
    resource: 'Group',
    state: 'group.one-member',
    operations: [{ op: 'replace', value: { id: '{self.id}', displayName: 'Group Foo New {self.externalId}' } }],
    assertions: [equals('displayName', 'Group Foo New {self.externalId}'), members('U1')],
    note:
      "AWS's PatchGroup example is a path-less replace of {id, displayName}, answered 204. The id sent is the group's " +
      'own (id is readOnly, RFC 7643 §3.1, so the same value changes nothing); the rename must not touch members.',
  },
  {
    client: 'aws-identity-center',
    shape: 'add-members',
    title: 'Adding group members: clients for AWS batch membership changes (at most 100 per request) in one add of members',
    refs: ['RFC7644-3.5.2.1', 'PATCH-GRP-09', PATCH_GROUP_DOC],
    resource: 'Group',
    state: 'group.one-member',
    operations: [{ op: 'add', path: 'members', value: [{ value: '{U2.id}' }, { value: '{U3.id}' }] }],
    assertions: [members('U1', 'U2', 'U3')],
    note: 'AWS allows up to 100 membership changes in one request; this batch of two adds keeps the existing member.',
  },
  {
    client: 'aws-identity-center',
    shape: 'remove-members-by-eq-filter',
    title: 'Removing two group members in one request: one remove per member, each filtered with eq (the only operator AWS supports)',
    refs: ['RFC7644-3.5.2.2', 'PATCH-GRP-03', PATCH_GROUP_DOC, PATCH_USER_DOC],
    resource: 'Group',
    state: 'group.three-members',
    operations: [
      { op: 'remove', path: memberFilter('U2') },
      { op: 'remove', path: memberFilter('U3') },
    ],
    assertions: [members('U1')],
    note:
      'AWS refuses a request that replaces or removes all memberships at once, so its clients name each member to ' +
      'remove with an eq filter and never empty the group in one step; only the named members may go.',
  },
  {
    client: 'aws-identity-center',
    shape: 'replace-emails-single-value',
    title: 'Changing the email: AWS keeps one value per multi-valued attribute, so clients replace emails with a single primary entry',
    refs: ['RFC7644-3.5.2.3', 'PATCH-REP-06', PATCH_USER_DOC],
    operations: [{ op: 'replace', path: 'emails', value: [{ value: 'mona.lisa@example.com', type: 'work', primary: true }] }],
    assertions: [count('emails', 1), equals('emails[type eq "work"].value', ['mona.lisa@example.com']), equals('emails[type eq "work"].primary', [true])],
    note:
      'AWS permits only one value in emails, addresses and phoneNumbers (and wants the email marked primary), so a ' +
      'client changes the address by replacing the whole attribute with one element; afterwards exactly that element remains.',
  },
  {
    client: 'aws-identity-center',
    shape: 'update-work-email-eq-filter',
    title: 'Updating the work email: the only filter AWS accepts is eq, as in emails[type eq "work"].value',
    refs: ['RFC7644-3.4.2.2', 'RFC7644-3.5.2.3', 'PATCH-REP-08', PATCH_USER_DOC],
    operations: [{ op: 'replace', path: 'emails[type eq "work"].value', value: 'mona.work@example.com' }],
    assertions: [equals('emails[type eq "work"].value', ['mona.work@example.com']), count('emails', 2)],
    note: 'A value path filtered with eq, the one operator AWS supports; only the work email changes, the home email stays.',
  },
  {
    client: 'aws-identity-center',
    shape: 'disable-with-single-active-op',
    title: 'Disabling a user while renaming: one replace of active (AWS allows one operation on active per request) next to a displayName replace',
    refs: ['RFC7644-3.5.2.3', 'PATCH-REP-12', 'PATCH-REP-02', PATCH_USER_DOC],
    operations: [
      { op: 'replace', path: 'active', value: false },
      { op: 'replace', path: 'displayName', value: 'Mona Lisa Octocat' },
    ],
    assertions: [equals('active', false), equals('displayName', 'Mona Lisa Octocat')],
    note:
      'AWS supports neither several operations on active (or userName) in one request nor a remove of either, so clients ' +
      'disable with a single replace of active, possibly alongside other attributes; both changes must apply.',
  },
  {
    client: 'aws-identity-center',
    shape: 'replace-name-keeps-middle',
    title: 'Updating the name: AWS lets clients modify name as a whole attribute, sending replace name with given and family name',
    refs: ['RFC7644-3.5.2.3', 'PATCH-REP-04', PATCH_USER_DOC],
    operations: [{ op: 'replace', path: 'name', value: { givenName: 'Mona', familyName: 'Octocat' } }],
    assertions: [equals('name.givenName', 'Mona'), equals('name.familyName', 'Octocat'), equals('name.middleName', '{self.name.middleName}')],
    note:
      'name is among the attributes AWS lets a PATCH modify (given and family name are required there). RFC 7644 ' +
      '§3.5.2.3 leaves sub-attributes not in the value unchanged, so the middle name must survive.',
  },
];
