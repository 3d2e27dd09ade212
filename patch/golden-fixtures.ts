// The catalog's section 0.3 fixtures (U1, U2, U3, G1) as stored resources with fixed ids, plus a
// schema with a custom extension for attribute types the RFC schemas lack. Shared by the golden tests.
import type { ResourceSchema, ScimResource } from '../schemas/scim-schema.ts';
import { URN } from '../schemas/scim-schema.ts';
import { builtinResourceSchemas } from '../schemas/rfc7643.ts';

export const ENT = URN.enterpriseUser;
export const U1_ID = '2819c223-7f76-453a-919d-413861904646';
export const U2_ID = '902c246b-6245-4190-8e05-00816be7344a';
export const U3_ID = 'c8a7dbb4-3f6e-4f35-9d2d-1e1b6c0f5a77';
export const G1_ID = 'e9e30dba-f08f-4109-8486-d5c6a331660a';

export const USER = builtinResourceSchemas().User;
export const GROUP = builtinResourceSchemas().Group;

export function u1(): ScimResource {
  return {
    schemas: [URN.user, ENT],
    id: U1_ID,
    externalId: 'bjensen-Ext',
    userName: 'bjensen@example.com',
    name: { givenName: 'Barbara', familyName: 'Jensen', middleName: 'Jane', formatted: 'Barbara J Jensen' },
    displayName: 'Babs Jensen',
    nickName: 'Babs',
    title: 'Tour Guide',
    active: true,
    password: 't1meMa$heen',
    emails: [
      { value: 'bjensen@example.com', type: 'work', primary: true },
      { value: 'babs@jensen.org', type: 'home' },
    ],
    phoneNumbers: [{ value: '555-555-8377', type: 'work' }],
    addresses: [
      {
        type: 'work',
        streetAddress: '100 Universal City Plaza',
        locality: 'Hollywood',
        region: 'CA',
        postalCode: '91608',
        country: 'US',
        primary: true,
      },
    ],
    [ENT]: { employeeNumber: '701984', costCenter: '4130', department: 'Tour Operations', manager: { value: U2_ID } },
    meta: {
      resourceType: 'User',
      created: '2024-01-01T00:00:00Z',
      lastModified: '2024-01-01T00:00:00Z',
      location: `https://example.com/v2/Users/${U1_ID}`,
      version: 'W/"1"',
    },
  };
}

export function u2(): ScimResource {
  return { schemas: [URN.user], id: U2_ID, userName: 'jsmith@example.com' };
}

export function g1(): ScimResource {
  return {
    schemas: [URN.group],
    id: G1_ID,
    displayName: 'Tour Guides',
    externalId: 'grp-ext-1',
    members: [{ value: U1_ID }],
  };
}

export const CUSTOM_URN = 'urn:example:params:scim:schemas:ext:1.0:User';

/** User plus a custom extension with a string array, a dateTime, an integer and an immutable string. */
export function userWithCustomExtension(): ResourceSchema {
  const s = builtinResourceSchemas().User;
  const base = { required: false, caseExact: false, returned: 'default', uniqueness: 'none' } as const;
  s.extensions.push({
    id: CUSTOM_URN,
    name: 'Custom',
    attributes: [
      { ...base, name: 'tags', type: 'string', multiValued: true, mutability: 'readWrite' },
      { ...base, name: 'hireDate', type: 'dateTime', multiValued: false, mutability: 'readWrite' },
      { ...base, name: 'level', type: 'integer', multiValued: false, mutability: 'readWrite' },
      { ...base, name: 'badge', type: 'string', multiValued: false, mutability: 'immutable' },
    ],
  });
  s.resourceType.schemaExtensions.push({ schema: CUSTOM_URN, required: false });
  return s;
}

/** Freezes a value deeply so a test fails if the code under test writes into its input. */
export function deepFreeze<T>(v: T): T {
  if (typeof v === 'object' && v !== null) {
    for (const x of Object.values(v)) deepFreeze(x);
    Object.freeze(v);
  }
  return v;
}
