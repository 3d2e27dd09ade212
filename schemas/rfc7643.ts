// The RFC 7643 resource schemas (§4.1 User, §4.2 Group, §4.3 Enterprise User; JSON of §8.7.1)
// with the corrections the suite relies on (erratum 5368 and the catalog's section 0.3):
// Group.displayName required; `primary` on addresses; `groups` readOnly throughout; Group `members`
// readWrite with immutable sub-attributes (plus `display`, used by Okta and the RFC examples);
// enterprise manager.displayName readOnly; password writeOnly/never.
import type {
  AttributeDef,
  AttributeType,
  Mutability,
  ResourceSchema,
  ResourceTypeDef,
  Returned,
  SchemaDef,
  Uniqueness,
} from './scim-schema.ts';
import { URN } from './scim-schema.ts';

interface AttrOptions {
  multiValued?: boolean;
  required?: boolean;
  caseExact?: boolean;
  mutability?: Mutability;
  returned?: Returned;
  uniqueness?: Uniqueness;
  canonicalValues?: string[];
  referenceTypes?: string[];
  subAttributes?: AttributeDef[];
  description?: string;
}

function attr(name: string, type: AttributeType, o: AttrOptions = {}): AttributeDef {
  const def: AttributeDef = {
    name,
    type,
    multiValued: o.multiValued ?? false,
    required: o.required ?? false,
    caseExact: o.caseExact ?? type === 'binary',
    mutability: o.mutability ?? 'readWrite',
    returned: o.returned ?? 'default',
    uniqueness: o.uniqueness ?? 'none',
  };
  if (o.description !== undefined) def.description = o.description;
  if (o.canonicalValues !== undefined) def.canonicalValues = o.canonicalValues;
  if (o.referenceTypes !== undefined) def.referenceTypes = o.referenceTypes;
  if (o.subAttributes !== undefined) def.subAttributes = o.subAttributes;
  return def;
}

/** The usual sub-attributes of a multi-valued complex attribute (value, display, type, primary). */
function plural(
  name: string,
  valueType: AttributeType,
  typeValues: string[],
  extra: { referenceTypes?: string[]; description?: string } = {},
): AttributeDef {
  const valueOpts: AttrOptions = extra.referenceTypes ? { referenceTypes: extra.referenceTypes } : {};
  return attr(name, 'complex', {
    multiValued: true,
    description: extra.description,
    subAttributes: [
      attr('value', valueType, valueOpts),
      attr('display', 'string'),
      attr('type', 'string', typeValues.length > 0 ? { canonicalValues: typeValues } : {}),
      attr('primary', 'boolean'),
    ],
  });
}

export const USER_SCHEMA: SchemaDef = {
  id: URN.user,
  name: 'User',
  description: 'User Account',
  attributes: [
    attr('userName', 'string', {
      required: true,
      uniqueness: 'server',
      description: 'Unique identifier for the User, used to authenticate.',
    }),
    attr('name', 'complex', {
      description: "The components of the user's real name.",
      subAttributes: [
        attr('formatted', 'string'),
        attr('familyName', 'string'),
        attr('givenName', 'string'),
        attr('middleName', 'string'),
        attr('honorificPrefix', 'string'),
        attr('honorificSuffix', 'string'),
      ],
    }),
    attr('displayName', 'string'),
    attr('nickName', 'string'),
    attr('profileUrl', 'reference', { referenceTypes: ['external'] }),
    attr('title', 'string'),
    attr('userType', 'string'),
    attr('preferredLanguage', 'string'),
    attr('locale', 'string'),
    attr('timezone', 'string'),
    attr('active', 'boolean'),
    attr('password', 'string', { mutability: 'writeOnly', returned: 'never' }),
    plural('emails', 'string', ['work', 'home', 'other']),
    plural('phoneNumbers', 'string', ['work', 'home', 'mobile', 'fax', 'pager', 'other']),
    plural('ims', 'string', ['aim', 'gtalk', 'icq', 'xmpp', 'msn', 'skype', 'qq', 'yahoo']),
    plural('photos', 'reference', ['photo', 'thumbnail'], { referenceTypes: ['external'] }),
    attr('addresses', 'complex', {
      multiValued: true,
      subAttributes: [
        attr('formatted', 'string'),
        attr('streetAddress', 'string'),
        attr('locality', 'string'),
        attr('region', 'string'),
        attr('postalCode', 'string'),
        attr('country', 'string'),
        attr('type', 'string', { canonicalValues: ['work', 'home', 'other'] }),
        attr('primary', 'boolean'),
      ],
    }),
    attr('groups', 'complex', {
      multiValued: true,
      mutability: 'readOnly',
      description: 'Groups the user belongs to; derived from Group membership.',
      subAttributes: [
        attr('value', 'string', { mutability: 'readOnly' }),
        attr('$ref', 'reference', { mutability: 'readOnly', referenceTypes: ['User', 'Group'] }),
        attr('display', 'string', { mutability: 'readOnly' }),
        attr('type', 'string', { mutability: 'readOnly', canonicalValues: ['direct', 'indirect'] }),
      ],
    }),
    plural('entitlements', 'string', []),
    plural('roles', 'string', []),
    plural('x509Certificates', 'binary', []),
  ],
};

export const GROUP_SCHEMA: SchemaDef = {
  id: URN.group,
  name: 'Group',
  description: 'Group',
  attributes: [
    attr('displayName', 'string', { required: true }),
    attr('members', 'complex', {
      multiValued: true,
      subAttributes: [
        attr('value', 'string', { mutability: 'immutable' }),
        attr('$ref', 'reference', { mutability: 'immutable', referenceTypes: ['User', 'Group'] }),
        attr('display', 'string', { mutability: 'immutable' }),
        attr('type', 'string', { mutability: 'immutable', canonicalValues: ['User', 'Group'] }),
      ],
    }),
  ],
};

export const ENTERPRISE_USER_SCHEMA: SchemaDef = {
  id: URN.enterpriseUser,
  name: 'EnterpriseUser',
  description: 'Enterprise User',
  attributes: [
    attr('employeeNumber', 'string'),
    attr('costCenter', 'string'),
    attr('organization', 'string'),
    attr('division', 'string'),
    attr('department', 'string'),
    attr('manager', 'complex', {
      subAttributes: [
        attr('value', 'string'),
        attr('$ref', 'reference', { referenceTypes: ['User'] }),
        attr('displayName', 'string', { mutability: 'readOnly' }),
      ],
    }),
  ],
};

/**
 * Attributes common to every resource (RFC 7643 §3.1). They belong to no schema's attribute list,
 * but PATCH needs their characteristics (id and meta are readOnly, externalId is caseExact).
 */
export const COMMON_ATTRIBUTES: AttributeDef[] = [
  attr('schemas', 'reference', { multiValued: true, required: true, caseExact: true, returned: 'always' }),
  attr('id', 'string', { caseExact: true, mutability: 'readOnly', returned: 'always', uniqueness: 'server' }),
  attr('externalId', 'string', { caseExact: true }),
  attr('meta', 'complex', {
    mutability: 'readOnly',
    subAttributes: [
      attr('resourceType', 'string', { caseExact: true, mutability: 'readOnly' }),
      attr('created', 'dateTime', { mutability: 'readOnly' }),
      attr('lastModified', 'dateTime', { mutability: 'readOnly' }),
      attr('location', 'reference', { mutability: 'readOnly', referenceTypes: ['uri'] }),
      attr('version', 'string', { caseExact: true, mutability: 'readOnly' }),
    ],
  }),
];

export const USER_RESOURCE_TYPE: ResourceTypeDef = {
  id: 'User',
  name: 'User',
  endpoint: '/Users',
  description: 'User Account',
  schema: URN.user,
  schemaExtensions: [{ schema: URN.enterpriseUser, required: false }],
};

export const GROUP_RESOURCE_TYPE: ResourceTypeDef = {
  id: 'Group',
  name: 'Group',
  endpoint: '/Groups',
  description: 'Group',
  schema: URN.group,
  schemaExtensions: [],
};

/** Fresh copies each call, so a caller may adjust its own without affecting others. */
export function builtinResourceSchemas(): { User: ResourceSchema; Group: ResourceSchema } {
  return structuredClone({
    User: { resourceType: USER_RESOURCE_TYPE, core: USER_SCHEMA, extensions: [ENTERPRISE_USER_SCHEMA] },
    Group: { resourceType: GROUP_RESOURCE_TYPE, core: GROUP_SCHEMA, extensions: [] },
  });
}
