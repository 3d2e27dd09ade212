// Finding titles of the protocol families' problem kinds (engine/protocol-judge.ts): discovery:…,
// bulk:…, me:…. engine/findings.ts names these three codes and asks here for the words.

const DISCOVERY: Record<string, string> = {
  'spc-invalid': 'The ServiceProviderConfig is not valid against RFC 7643 §5',
  'spc-attribute': 'The ServiceProviderConfig lacks a REQUIRED feature or its REQUIRED sub-attributes (RFC 7643 §5)',
  'authentication-schemes': 'The ServiceProviderConfig lacks authenticationSchemes with type, name and description (RFC 7643 §5)',
  'list-response': 'A discovery list (/ResourceTypes, /Schemas) is not a valid ListResponse of its resources (RFC 7644 §4)',
  'resource-type': 'GET /ResourceTypes/{name} does not answer that resource type (RFC 7643 §6)',
  schema: 'GET /Schemas/{urn} does not answer that schema (RFC 7643 §7)',
  'schema-not-found': '/Schemas is offered but a schema is not served by its id',
  'resource-type-fields': 'A resource type lacks name, endpoint or schema (RFC 7643 §6)',
  'schema-extensions': 'A resource type\'s schemaExtensions lack schema or required (RFC 7643 §6)',
  'schema-not-listed': 'A resource type names a schema that /Schemas does not list (RFC 7643 §6)',
  'attribute-core': 'Schema attribute definitions lack name, a SCIM type or multiValued (RFC 7643 §7)',
  'attribute-characteristics': 'Schema attribute definitions do not state required, mutability, returned and uniqueness (RFC 7643 §7)',
  'sub-attributes': 'Complex attributes are defined without subAttributes (RFC 7643 §7)',
  'user-name-definition': 'The User schema does not define userName as required and unique (RFC 7643 §4.1.1)',
  paged: '/ResourceTypes or /Schemas apply pagination, which RFC 7644 §4 says SHALL be ignored',
  'advertised-not-working': 'A capability the ServiceProviderConfig advertises does not work',
  unadvertised: 'A capability works although the ServiceProviderConfig does not advertise it',
};
const BULK: Record<string, string> = {
  response: 'The answer to a bulk request is not a BulkResponse (RFC 7644 §3.7)',
  operations: 'A BulkResponse answers other operations than those the request asked for and failOnErrors allowed (RFC 7644 §3.7)',
  'bulk-id': "A BulkResponse operation does not carry its request's bulkId (RFC 7644 §3.7)",
  status: 'BulkResponse operations carry status as a number instead of a string (RFC 7644 §3.7)',
  'op-status': 'Bulk operations are answered with another status than the same request alone gets',
  location: 'BulkResponse operations lack their location (RFC 7644 §3.7)',
  'error-response': "A failed bulk operation's response is not a SCIM Error (RFC 7644 §3.7)",
  reference: 'bulkId references are not resolved to the created resources (RFC 7644 §3.7.2)',
  read: 'A resource is not what the bulk operation that wrote it says',
  limit: 'A 413 for an exceeded bulk limit does not say which limit (RFC 7644 §3.7.4)',
};
const ME: Record<string, string> = {
  resource: "GET /Me answers 200 without the subject's resource (RFC 7644 §3.11)",
  redirect: 'A /Me redirect has no Location (RFC 7644 §3.11)',
};

export const PROTOCOL_TITLES: Record<string, (args: string[]) => string> = {
  discovery: ([what, arg]) => `${DISCOVERY[what ?? ''] ?? 'A discovery endpoint breaks RFC 7644 §4 / RFC 7643 §5-7'}${arg ? ` (${arg})` : ''}`,
  bulk: ([what]) => BULK[what ?? ''] ?? 'Bulk requests break RFC 7644 §3.7',
  me: ([what]) => ME[what ?? ''] ?? '/Me breaks RFC 7644 §3.11',
};
