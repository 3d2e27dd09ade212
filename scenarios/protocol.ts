// Assertions of the protocol families (discovery, me, bulk): what a discovery answer, a /Me answer or
// a BulkResponse must hold. Data, like every assertion; engine/protocol-judge.ts decides them over
// the observed answer and the reads engine/protocol-reads.ts makes after it.

/** A discovery rule, judged over the answer (and, for cross-checks, a read of another discovery endpoint). */
export type DiscoveryRule =
  /** the answer validates as a ServiceProviderConfig (schemas/json) */
  | 'spc-valid'
  /** the ServiceProviderConfig has this REQUIRED complex attribute with its REQUIRED sub-attributes (RFC 7643 §5) */
  | `spc-attribute:${'patch' | 'bulk' | 'filter' | 'changePassword' | 'sort' | 'etag'}`
  /** authenticationSchemes: at least one, each with type, name and description (RFC 7643 §5) */
  | 'spc-authentication-schemes'
  /** a ListResponse whose Resources each validate as a ResourceType / a Schema */
  | 'list-of:ResourceType'
  | 'list-of:Schema'
  /** the answer is this ResourceType / this Schema (validates, id or name and schema match) */
  | `resource-type:${string}`
  | `schema:${string}`
  /** each ResourceType names name, endpoint (a path) and schema (RFC 7643 §6) */
  | 'resource-types-required'
  /** each schemaExtension names schema and required (RFC 7643 §6) */
  | 'resource-types-extensions'
  /** each ResourceType's schema and schemaExtensions are listed by /Schemas (when /Schemas is offered) */
  | 'resource-types-schemas-listed'
  /** each attribute definition, sub-attributes included, carries these characteristics (RFC 7643 §7) */
  | 'schema-attributes-core'
  | 'schema-attributes-characteristics'
  /** each complex attribute has subAttributes (RFC 7643 §7) */
  | 'schema-sub-attributes'
  /** the User schema defines userName as required with uniqueness server (RFC 7643 §4.1.1) */
  | 'schema-user-name'
  /** pagination was ignored: every item is there (the User resource type / schema among them) and totalResults counts them */
  | 'list-unpaged:ResourceType'
  | 'list-unpaged:Schema'
  /** a 404 / 501 is right only when /Schemas itself is not offered */
  | 'schemas-not-offered'
  /** what the run's ServiceProviderConfig says about a capability matches what the answer shows */
  | `advertised:${'bulk' | 'filter' | 'etag' | 'patch'}`;

/** One operation of a BulkResponse as the scenario expects it. */
export interface BulkOpWant {
  /** Matched by bulkId when given, else by its position among the operations without one. */
  bulkId?: string;
  method: string;
  /** Accepted statuses (as numbers; the answer must carry them as strings). */
  status: number[];
}

/** A read after the bulk request: a path under an endpoint (`@User/…`, `@Group/…`) with `{alias.attr}` or `bulkId:x` for the id. */
export interface BulkRead {
  path: string;
  want: { gone: true } | { equals: { attr: string; value: unknown } } | { members: string[] } | { noLiteralBulkIds: true };
}

export type ProtocolAssertion =
  | { kind: 'discovery'; rule: DiscoveryRule }
  /** a BulkResponse with exactly these operations (status strings, location, bulkId echoed, failed ones with an Error) */
  | { kind: 'bulk'; ops: BulkOpWant[]; reads?: BulkRead[] }
  /** circular bulkId references: every operation of the circle is resolved (read back) or answered 409 */
  | { kind: 'bulk-circle'; bulkIds: string[]; reads: BulkRead[] }
  /** a 413 whose Error names the limit exceeded (RFC 7644 §3.7.4) */
  | { kind: 'bulk-limit'; limit: 'maxOperations' | 'maxPayloadSize' }
  /** a /Me answer: the subject's resource (200) or a redirect to it (308 with Location) */
  | { kind: 'me'; form: 'resource' | 'redirect'; attributes?: string[] };
