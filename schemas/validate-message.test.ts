import { describe, it, expect } from 'vitest';
import { URN } from './scim-schema.ts';
import { kindOfResponse, validateMessage } from './validate-message.ts';
import type { MessageKind } from './validate-message.ts';

// Bodies shaped like the RFC 7643 §8 / RFC 7644 examples (values are our own).
function user(): Record<string, unknown> {
  return {
    schemas: [URN.user, URN.enterpriseUser],
    id: '7d3c1a52-44f0-4d6b-9f11-2b8e0c6a91aa',
    externalId: 'hr-1042',
    userName: 'ada.lovelace@example.org',
    name: { formatted: 'Ms. Ada Lovelace', familyName: 'Lovelace', givenName: 'Ada', honorificPrefix: 'Ms.' },
    displayName: 'Ada Lovelace',
    profileUrl: 'https://login.example.org/ada',
    active: true,
    emails: [
      { value: 'ada.lovelace@example.org', type: 'work', primary: true },
      { value: 'ada@home.example', type: 'home' },
    ],
    phoneNumbers: [{ value: '+44 20 7946 0000', type: 'work' }],
    addresses: [{ streetAddress: '12 Analytical Row', locality: 'London', country: 'GB', type: 'work', primary: true }],
    groups: [{ value: 'g-1', $ref: 'https://scim.example.org/v2/Groups/g-1', display: 'Engineers', type: 'direct' }],
    [URN.enterpriseUser]: {
      employeeNumber: '1815',
      department: 'Engines',
      manager: { value: 'u-9', $ref: '../Users/u-9', displayName: 'Charles Babbage' },
    },
    meta: {
      resourceType: 'User',
      created: '2024-03-01T09:30:00Z',
      lastModified: '2024-03-02T10:00:00.123+01:00',
      location: 'https://scim.example.org/v2/Users/7d3c1a52-44f0-4d6b-9f11-2b8e0c6a91aa',
      version: 'W/"a330bc54f0671c9"',
    },
  };
}

function group(): Record<string, unknown> {
  return {
    schemas: [URN.group],
    id: 'e9e30dba-f08f-4109-8486-d5c6a331660a',
    displayName: 'Tour Guides',
    members: [
      { value: '2819c223-7f76-453a-919d-413861904646', $ref: 'https://example.com/v2/Users/2819c223', display: 'Babs Jensen', type: 'User' },
      { value: 'fc348aa8-3835-40eb-a20b-c726e15c55b5', type: 'Group' },
    ],
    meta: { resourceType: 'Group', created: '2010-01-23T04:56:22Z', lastModified: '2011-05-13T04:42:34Z', version: 'W/"3694e05e9dff592"', location: 'https://example.com/v2/Groups/e9e30dba' },
  };
}

function patchOp(): Record<string, unknown> {
  return {
    schemas: [URN.patchOp],
    Operations: [
      { op: 'add', path: 'members', value: [{ display: 'Babs Jensen', value: '2819c223' }] },
      { op: 'remove', path: 'emails[type eq "work" and value ew "example.com"]' },
      { op: 'Replace', value: { active: false } },
    ],
  };
}

function error(): Record<string, unknown> {
  return { schemas: [URN.error], status: '400', scimType: 'noTarget', detail: 'filter matched no value' };
}

function listResponse(): Record<string, unknown> {
  return { schemas: [URN.listResponse], totalResults: 2, startIndex: 1, itemsPerPage: 2, Resources: [user(), group()] };
}

function serviceProviderConfig(): Record<string, unknown> {
  return {
    schemas: [URN.serviceProviderConfig],
    documentationUri: 'https://example.com/help/scim.html',
    patch: { supported: true },
    bulk: { supported: true, maxOperations: 1000, maxPayloadSize: 1048576 },
    filter: { supported: true, maxResults: 200 },
    changePassword: { supported: false },
    sort: { supported: true },
    etag: { supported: true },
    authenticationSchemes: [
      {
        name: 'OAuth Bearer Token',
        description: 'Authentication scheme using the OAuth Bearer Token Standard',
        specUri: 'https://www.rfc-editor.org/info/rfc6750',
        type: 'oauthbearertoken',
        primary: true,
      },
    ],
    meta: { location: 'https://example.com/v2/ServiceProviderConfig', resourceType: 'ServiceProviderConfig' },
  };
}

function resourceType(): Record<string, unknown> {
  return {
    schemas: [URN.resourceType],
    id: 'User',
    name: 'User',
    endpoint: '/Users',
    description: 'User Account',
    schema: URN.user,
    schemaExtensions: [{ schema: URN.enterpriseUser, required: true }],
    meta: { location: 'https://example.com/v2/ResourceTypes/User', resourceType: 'ResourceType' },
  };
}

function schema(): Record<string, unknown> {
  return {
    schemas: [URN.schema],
    id: URN.group,
    name: 'Group',
    description: 'Group',
    attributes: [
      { name: 'displayName', type: 'string', multiValued: false, required: true, caseExact: false, mutability: 'readWrite', returned: 'default', uniqueness: 'none' },
      {
        name: 'members',
        type: 'complex',
        multiValued: true,
        required: false,
        mutability: 'readWrite',
        returned: 'default',
        subAttributes: [
          { name: 'value', type: 'string', multiValued: false, mutability: 'immutable' },
          { name: '$ref', type: 'reference', referenceTypes: ['User', 'Group'], multiValued: false, mutability: 'immutable' },
          { name: 'type', type: 'string', multiValued: false, canonicalValues: ['User', 'Group'], mutability: 'immutable' },
        ],
      },
    ],
    meta: { resourceType: 'Schema', location: `/v2/Schemas/${URN.group}` },
  };
}

const VALID: Array<[MessageKind, () => Record<string, unknown>]> = [
  ['User', user],
  ['Group', group],
  ['PatchOp', patchOp],
  ['Error', error],
  ['ListResponse', listResponse],
  ['ServiceProviderConfig', serviceProviderConfig],
  ['ResourceType', resourceType],
  ['Schema', schema],
];

/** Every line must start with the given path; returns the lines for further checks. */
function rejected(kind: MessageKind, body: unknown, path: string): string[] {
  const lines = validateMessage(kind, body);
  expect(lines.length).toBeGreaterThan(0);
  expect(lines.length).toBeLessThanOrEqual(5);
  expect(lines.some((l) => l.startsWith(`${path}: `)), lines.join('\n')).toBe(true);
  return lines;
}

describe('validateMessage: valid examples', () => {
  it.each(VALID)('accepts an RFC-style %s', (kind, make) => {
    expect(validateMessage(kind, make())).toEqual([]);
  });

  it('accepts resources with unknown extension attributes and no enterprise part', () => {
    const u = { schemas: [URN.user, 'urn:example:ext:1.0'], id: 'u1', userName: 'x', 'urn:example:ext:1.0': { badge: 7 }, extra: 1 };
    expect(validateMessage('User', u)).toEqual([]);
  });

  it('accepts an empty ListResponse without Resources', () => {
    expect(validateMessage('ListResponse', { schemas: [URN.listResponse], totalResults: 0 })).toEqual([]);
  });

  it('accepts a User item of a ListResponse that attributes= reduced to its id', () => {
    const body = { schemas: [URN.listResponse], totalResults: 1, Resources: [{ schemas: [URN.user], id: 'u1' }] };
    expect(validateMessage('ListResponse', body)).toEqual([]);
  });
});

describe('validateMessage: Error', () => {
  it('rejects a numeric status and says it must be a string', () => {
    const lines = rejected('Error', { ...error(), status: 400 }, 'status');
    expect(lines[0]).toContain('"400"');
  });
  it('rejects an unknown scimType', () => {
    const lines = rejected('Error', { ...error(), scimType: 'badThing' }, 'scimType');
    expect(lines.join('\n')).toContain('"invalidFilter"');
  });
  it('rejects a missing status and a status that is not three digits', () => {
    const { status: _status, ...noStatus } = error();
    rejected('Error', noStatus, 'status');
    expect(rejected('Error', { ...error(), status: 'Bad Request' }, 'status')[0]).toContain('three-digit');
  });
  it('rejects a body without the Error URN, naming the URN', () => {
    const lines = rejected('Error', { ...error(), schemas: ['urn:example:other'] }, 'schemas');
    expect(lines[0]).toContain(URN.error);
  });
  it('rejects an RFC 7807 problem+json body', () => {
    const lines = validateMessage('Error', { type: 'about:blank', title: 'Bad Request', status: 400 });
    expect(lines).toEqual(expect.arrayContaining([expect.stringMatching(/^schemas: /), expect.stringMatching(/^status: /)]));
  });
});

describe('validateMessage: User', () => {
  it('rejects a password in any casing, saying it is never returned', () => {
    expect(rejected('User', { ...user(), password: 't1meMa$heen' }, 'password')[0]).toContain('never');
    rejected('User', { ...user(), Password: 'x' }, 'Password');
  });
  it('rejects active as the string "true"', () => {
    expect(rejected('User', { ...user(), active: 'true' }, 'active')[0]).toContain('must be boolean');
  });
  it('rejects emails that are not an array, and a non-boolean primary', () => {
    rejected('User', { ...user(), emails: { value: 'a@example.org' } }, 'emails');
    rejected('User', { ...user(), emails: [{ value: 'a@example.org', primary: 'true' }] }, 'emails[0].primary');
  });
  it('rejects two primary emails', () => {
    const emails = [{ value: 'a@example.org', primary: true }, { value: 'b@example.org', primary: true }];
    expect(rejected('User', { ...user(), emails }, 'emails')[0]).toContain('primary');
  });
  it('rejects a missing or empty userName, a missing id and a non-string id', () => {
    const { userName: _u, ...noUserName } = user();
    rejected('User', noUserName, 'userName');
    rejected('User', { ...user(), userName: '' }, 'userName');
    const { id: _id, ...noId } = user();
    rejected('User', noId, 'id');
    rejected('User', { ...user(), id: 42 }, 'id');
  });
  it('rejects schemas without the core URN, empty schemas and duplicated schemas', () => {
    expect(rejected('User', { ...user(), schemas: [URN.enterpriseUser] }, 'schemas')[0]).toContain(URN.user);
    rejected('User', { ...user(), schemas: [] }, 'schemas');
    rejected('User', { ...user(), schemas: [URN.user, URN.user, URN.enterpriseUser] }, 'schemas');
  });
  it('rejects enterprise attributes whose URN is not in schemas', () => {
    expect(rejected('User', { ...user(), schemas: [URN.user] }, 'schemas')[0]).toContain(URN.enterpriseUser);
  });
  it('rejects a manager given as a string and a bad meta', () => {
    rejected('User', { ...user(), [URN.enterpriseUser]: { manager: 'u-9' } }, `${URN.enterpriseUser}.manager`);
    rejected('User', { ...user(), meta: { created: 'yesterday' } }, 'meta.created');
    rejected('User', { ...user(), meta: { location: 'not a uri' } }, 'meta.location');
    rejected('User', { ...user(), name: 'Ada Lovelace' }, 'name');
  });
  it('reports at most five lines, a leaked password first, and counts the rest', () => {
    const bad = { schemas: 'x', id: 1, userName: 2, active: 'yes', emails: 'a', phoneNumbers: 'b', name: 3, password: 'p' };
    const lines = validateMessage('User', bad);
    expect(lines).toHaveLength(5);
    expect(lines[0]).toMatch(/^password: /);
    expect(lines[4]).toMatch(/\(and 3 more\)$/);
  });
  it('explains a date-time without time zone', () => {
    expect(rejected('User', { ...user(), meta: { lastModified: '2024-03-01T09:30:00' } }, 'meta.lastModified')[0]).toContain('time zone');
  });
  it('rejects a body that is not an object', () => {
    expect(validateMessage('User', 'hello')).toEqual(['(body): must be object']);
  });
});

describe('validateMessage: Group', () => {
  it('rejects a member without value, an unknown member type and a missing displayName', () => {
    rejected('Group', { ...group(), members: [{ display: 'Babs' }] }, 'members[0].value');
    rejected('Group', { ...group(), members: [{ value: 'x', type: 'Robot' }] }, 'members[0].type');
    const { displayName: _d, ...noName } = group();
    rejected('Group', noName, 'displayName');
  });
});

describe('validateMessage: PatchOp', () => {
  it('rejects an empty Operations array', () => {
    rejected('PatchOp', { ...patchOp(), Operations: [] }, 'Operations');
  });
  it('rejects a body without schemas or without the PatchOp URN', () => {
    const { schemas: _s, ...noSchemas } = patchOp();
    rejected('PatchOp', noSchemas, 'schemas');
    expect(rejected('PatchOp', { ...patchOp(), schemas: [URN.user] }, 'schemas')[0]).toContain(URN.patchOp);
  });
  it('rejects an unknown or missing op but accepts any casing of a known one', () => {
    expect(rejected('PatchOp', { ...patchOp(), Operations: [{ op: 'delete', path: 'x' }] }, 'Operations[0].op')[0]).toContain('"replace"');
    rejected('PatchOp', { ...patchOp(), Operations: [{ path: 'x' }] }, 'Operations[0].op');
    rejected('PatchOp', { ...patchOp(), Operations: [{ op: 'add ', value: {} }] }, 'Operations[0].op');
    expect(validateMessage('PatchOp', { ...patchOp(), Operations: [{ op: 'ADD', value: {} }, { op: 'rEmOvE', path: 'x' }] })).toEqual([]);
  });
  it('rejects a non-string path', () => {
    rejected('PatchOp', { ...patchOp(), Operations: [{ op: 'remove', path: 3 }] }, 'Operations[0].path');
  });
});

describe('validateMessage: ListResponse', () => {
  it('rejects a missing or negative totalResults', () => {
    const { totalResults: _t, ...noTotal } = listResponse();
    rejected('ListResponse', noTotal, 'totalResults');
    rejected('ListResponse', { ...listResponse(), totalResults: -1 }, 'totalResults');
    rejected('ListResponse', { ...listResponse(), totalResults: '2' }, 'totalResults');
  });
  it('requires Resources when totalResults is non-zero', () => {
    const { Resources: _r, ...noResources } = listResponse();
    const lines = rejected('ListResponse', noResources, 'Resources');
    expect(lines).toEqual(['Resources: is required']);
  });
  it('rejects a zero startIndex and a fractional itemsPerPage', () => {
    rejected('ListResponse', { ...listResponse(), startIndex: 0 }, 'startIndex');
    rejected('ListResponse', { ...listResponse(), itemsPerPage: 1.5 }, 'itemsPerPage');
  });
  it('checks each item against the resource it claims to be', () => {
    const leaky = { ...user(), password: 'secret', active: 'true' };
    const lines = validateMessage('ListResponse', { ...listResponse(), Resources: [leaky, { ...group(), members: [{}] }] });
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Resources\[0\]\.password: /),
        expect.stringMatching(/^Resources\[0\]\.active: /),
        expect.stringMatching(/^Resources\[1\]\.members\[0\]\.value: /),
      ]),
    );
    expect(lines.some((l) => l.includes('"then"'))).toBe(false);
  });
});

describe('validateMessage: ServiceProviderConfig', () => {
  it('rejects a patch without supported, and a string supported', () => {
    rejected('ServiceProviderConfig', { ...serviceProviderConfig(), patch: {} }, 'patch.supported');
    rejected('ServiceProviderConfig', { ...serviceProviderConfig(), patch: { supported: 'true' } }, 'patch.supported');
  });
  it('rejects a missing feature and bulk/filter without their limits', () => {
    const { etag: _e, ...noEtag } = serviceProviderConfig();
    rejected('ServiceProviderConfig', noEtag, 'etag');
    rejected('ServiceProviderConfig', { ...serviceProviderConfig(), bulk: { supported: false } }, 'bulk.maxOperations');
    rejected('ServiceProviderConfig', { ...serviceProviderConfig(), filter: { supported: true, maxResults: '200' } }, 'filter.maxResults');
  });
  it('rejects an authentication scheme without name', () => {
    rejected('ServiceProviderConfig', { ...serviceProviderConfig(), authenticationSchemes: [{ type: 'httpbasic', description: 'Basic' }] }, 'authenticationSchemes[0].name');
  });
});

describe('validateMessage: ResourceType and Schema', () => {
  it('rejects a ResourceType without endpoint or with a non-boolean extension flag', () => {
    const { endpoint: _e, ...noEndpoint } = resourceType();
    rejected('ResourceType', noEndpoint, 'endpoint');
    rejected('ResourceType', { ...resourceType(), schemaExtensions: [{ schema: URN.enterpriseUser, required: 'false' }] }, 'schemaExtensions[0].required');
  });
  it('rejects a Schema without attributes, an unknown attribute type and a bad nested definition', () => {
    const { attributes: _a, ...noAttributes } = schema();
    rejected('Schema', noAttributes, 'attributes');
    rejected('Schema', { ...schema(), attributes: [{ name: 'x', type: 'text', multiValued: false }] }, 'attributes[0].type');
    const nested = [{ name: 'x', type: 'complex', multiValued: false, subAttributes: [{ name: 'y', type: 'string', multiValued: false, returned: 'sometimes' }] }];
    rejected('Schema', { ...schema(), attributes: nested }, 'attributes[0].subAttributes[0].returned');
  });
});

describe('kindOfResponse', () => {
  it.each(VALID)('recognises a %s from its schemas', (kind, make) => {
    expect(kindOfResponse(make())).toBe(kind);
  });
  it('prefers the message URN, tolerates URN case and gives up on unknown bodies', () => {
    expect(kindOfResponse({ schemas: [URN.error, URN.user] })).toBe('Error');
    expect(kindOfResponse({ schemas: [URN.user.toUpperCase()] })).toBe('User');
    expect(kindOfResponse({ schemas: [URN.enterpriseUser] })).toBe('User');
    expect(kindOfResponse({ schemas: ['urn:example:x'] })).toBeUndefined();
    expect(kindOfResponse({ status: '400' })).toBeUndefined();
    expect(kindOfResponse([URN.user])).toBeUndefined();
    expect(kindOfResponse(null)).toBeUndefined();
  });
});
