// The SCIM schema model (RFC 7643 §7): how a resource's attributes are described.
// Shared by patch/ (semantics), server/ (validation), engine/ (discovery) and scenarios/ (generation).

export type AttributeType =
  | 'string'
  | 'boolean'
  | 'decimal'
  | 'integer'
  | 'dateTime'
  | 'binary'
  | 'reference'
  | 'complex';

export type Mutability = 'readOnly' | 'readWrite' | 'immutable' | 'writeOnly';
export type Returned = 'always' | 'never' | 'default' | 'request';
export type Uniqueness = 'none' | 'server' | 'global';

/** One attribute definition, as served in the `attributes` of a /Schemas resource. */
export interface AttributeDef {
  name: string;
  type: AttributeType;
  multiValued: boolean;
  description?: string;
  required: boolean;
  caseExact: boolean;
  mutability: Mutability;
  returned: Returned;
  uniqueness: Uniqueness;
  canonicalValues?: string[];
  referenceTypes?: string[];
  subAttributes?: AttributeDef[];
}

/** A schema resource (RFC 7643 §7): core or extension. */
export interface SchemaDef {
  id: string; // URN, e.g. urn:ietf:params:scim:schemas:core:2.0:User
  name: string;
  description?: string;
  attributes: AttributeDef[];
}

/** A resource type (RFC 7643 §6). */
export interface ResourceTypeDef {
  id: string; // e.g. "User"
  name: string;
  endpoint: string; // e.g. "/Users"
  description?: string;
  schema: string; // core schema URN
  schemaExtensions: Array<{ schema: string; required: boolean }>;
}

/**
 * Everything needed to interpret one kind of resource: its core schema and the extensions
 * its resource type allows. Built from discovery or from the RFC 7643 definitions.
 */
export interface ResourceSchema {
  resourceType: ResourceTypeDef;
  core: SchemaDef;
  extensions: SchemaDef[];
}

/** Attributes common to every resource (RFC 7643 §3.1); not part of any schema's `attributes`. */
export const COMMON_ATTRIBUTE_NAMES = ['schemas', 'id', 'externalId', 'meta'] as const;

export const URN = {
  user: 'urn:ietf:params:scim:schemas:core:2.0:User',
  group: 'urn:ietf:params:scim:schemas:core:2.0:Group',
  enterpriseUser: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
  patchOp: 'urn:ietf:params:scim:api:messages:2.0:PatchOp',
  error: 'urn:ietf:params:scim:api:messages:2.0:Error',
  listResponse: 'urn:ietf:params:scim:api:messages:2.0:ListResponse',
  serviceProviderConfig: 'urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig',
  resourceType: 'urn:ietf:params:scim:schemas:core:2.0:ResourceType',
  schema: 'urn:ietf:params:scim:schemas:core:2.0:Schema',
} as const;

/** scimType keywords of RFC 7644 §3.12 Table 9. */
export const SCIM_TYPES = [
  'invalidFilter',
  'tooMany',
  'uniqueness',
  'mutability',
  'invalidSyntax',
  'invalidPath',
  'noTarget',
  'invalidValue',
  'invalidVers',
  'sensitive',
  // RFC 9865 §2.1 (cursor pagination)
  'invalidCursor',
  'expiredCursor',
] as const;
export type ScimType = (typeof SCIM_TYPES)[number];

/** A SCIM resource as JSON. */
export type ScimResource = Record<string, unknown>;
