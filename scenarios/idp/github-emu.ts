// GitHub Enterprise Managed Users. GitHub is a SCIM *server*: its REST documentation for the EMU
// SCIM endpoints shows the PATCH bodies that identity providers (its partner apps, and custom
// integrations written against the docs) send to it. Those same clients reach any server that
// takes GitHub's place, so each documented body is a shape such a server must answer as GitHub
// does: 200 with the resource (204 is also documented for groups) and the state the body asks for.
import { count, equals, members } from '../catalog/build.ts';
import type { Shape } from './shape.ts';

const SCIM_DOC = 'https://docs.github.com/en/enterprise-cloud@latest/rest/enterprise-admin/scim';
const USERNAME_DOC =
  'https://docs.github.com/en/enterprise-cloud@latest/admin/managing-iam/iam-configuration-reference/username-considerations-for-external-authentication';

const NEW_WORK_EMAIL = 'mona.updated@example.com';
const NEW_FAMILY_NAME = 'Octocat-Updated';

/** What the documented work-email update must leave behind, however its filter is spelled. */
const workEmailUpdated = [
  equals('emails[type eq "work"].value', [NEW_WORK_EMAIL]),
  equals('name.familyName', NEW_FAMILY_NAME),
  equals('name.givenName', '{self.name.givenName}'),
  count('emails', 2),
  // A server that ignores the filter rewrites every email: the new address must be on one only.
  count(`emails[value eq "${NEW_WORK_EMAIL}"]`, 1),
];

export const GITHUB_EMU_SHAPES: Shape[] = [
  {
    client: 'github-emu',
    shape: 'update-work-email-single-quoted',
    title:
      "Updating the work email and family name: GitHub's documented request filters emails[type eq 'work'].value with single quotes, which RFC 7644's filter grammar does not allow",
    refs: ['RFC7644-3.4.2.2', 'RFC7644-3.5.2.3', 'RFC7644-3.12', 'PATCH-REP-08', 'PATCH-FLT-04', SCIM_DOC],
    operations: [
      { op: 'replace', path: "emails[type eq 'work'].value", value: NEW_WORK_EMAIL },
      { op: 'replace', path: 'name.familyName', value: NEW_FAMILY_NAME },
    ],
    assertions: workEmailUpdated,
    oracle: false,
    effect: 'change',
    rfcAnswer: { kind: 'error', status: [400], scimType: ['invalidFilter', 'invalidPath'] },
    note:
      "GitHub's SCIM docs give this body for a multi-valued update: replace emails[type eq 'work'].value (value in single " +
      'quotes) and replace name.familyName, answered 200. RFC 7644 §3.4.2.2 takes comparison values from JSON, where a ' +
      'string is double-quoted, so the single-quoted value is outside the filter grammar and a strict server may refuse ' +
      'the whole request with 400 invalidFilter (Table 9 also allows invalidPath for a bad path filter) and change ' +
      'nothing. Tolerating it is an interoperability choice, not an RFC rule: INTEROP, the update passes, the strict ' +
      'refusal is a warning. The oracle cannot parse the filter, so the assertions carry the check.',
  },
  {
    client: 'github-emu',
    shape: 'update-work-email-case-varying',
    title: 'Updating the work email and family name with the filter in another case: emails[Type EQ "Work"].value',
    refs: ['RFC7644-3.4.2.2', 'RFC7643-4.1.2', 'PATCH-FLT-01', 'PATCH-FLT-02', 'PATCH-REP-08', SCIM_DOC, USERNAME_DOC],
    operations: [
      { op: 'replace', path: 'emails[Type EQ "Work"].value', value: NEW_WORK_EMAIL },
      { op: 'replace', path: 'name.familyName', value: NEW_FAMILY_NAME },
    ],
    assertions: workEmailUpdated,
    note:
      "The RFC-conformant spelling of GitHub's documented work-email update, with the attribute name, operator and " +
      'value in another case than stored. Filter attribute names and operators are case-insensitive (RFC 7644 ' +
      '§3.4.2.2) and emails.type is caseExact false (RFC 7643 §4.1.2), so "Work" must match "work". GitHub itself ' +
      'reads identifiers without regard to case (its username normalization turns The.Octocat into the-octocat); a ' +
      'server that stands in for it must not miss the record over case either.',
  },
  {
    client: 'github-emu',
    shape: 'rename-user',
    title: 'Renaming a user: GitHub documents a replace of userName and a replace of displayName in one request',
    refs: ['RFC7644-3.5.2.3', 'PATCH-REP-02', SCIM_DOC],
    operations: [
      { op: 'replace', path: 'userName', value: 'renamed-{self.userName}' },
      { op: 'replace', path: 'displayName', value: 'Monalisa Octocat' },
    ],
    assertions: [equals('userName', 'renamed-{self.userName}'), equals('displayName', 'Monalisa Octocat')],
    note: "GitHub's single-valued example: two replace operations with paths, expecting 200 and both attributes changed.",
  },
  {
    client: 'github-emu',
    shape: 'disable-user',
    title: 'Suspending a user: GitHub documents replace active false with a path',
    refs: ['RFC7644-3.5.2.3', 'PATCH-REP-12', SCIM_DOC],
    operations: [{ op: 'replace', path: 'active', value: false }],
    assertions: [equals('active', false), equals('userName', '{self.userName}')],
    note: "GitHub's disable example: replace active with the boolean false; the user stays readable with active false.",
  },
  {
    client: 'github-emu',
    shape: 'disable-user-path-less',
    title: 'Suspending a user: GitHub\'s warning example sends replace without a path, value {"active": false}',
    refs: ['RFC7644-3.5.2.3', 'PATCH-REP-12', 'PATCH-REP-01', SCIM_DOC],
    operations: [{ op: 'replace', value: { active: false } }],
    assertions: [equals('active', false), equals('displayName', '{self.displayName}')],
    note: 'The docs warn that this path-less replace suspends the user; the other attributes must stay as they were.',
  },
  {
    client: 'github-emu',
    shape: 'rename-group',
    title: 'Renaming a group: GitHub documents replace displayName with a path',
    refs: ['RFC7644-3.5.2.3', 'PATCH-GRP-11', SCIM_DOC],
    resource: 'Group',
    state: 'group.one-member',
    operations: [{ op: 'replace', path: 'displayName', value: 'Employees {self.externalId}' }],
    assertions: [equals('displayName', 'Employees {self.externalId}'), members('U1')],
    note: "GitHub's group update example (documented answers 200 or 204); the member list must not change.",
  },
  {
    client: 'github-emu',
    shape: 'add-members-batch',
    title: 'Adding group members in a batch: GitHub documents one add of members with two values',
    refs: ['RFC7644-3.5.2.1', 'PATCH-GRP-09', SCIM_DOC],
    resource: 'Group',
    state: 'group.one-member',
    operations: [{ op: 'add', path: 'members', value: [{ value: '{U2.id}' }, { value: '{U3.id}' }] }],
    assertions: [members('U1', 'U2', 'U3')],
    note: 'GitHub accepts memberships one by one or in batches, referenced by the SCIM user id; the existing member stays.',
  },
];
