// The scenario model: a scenario is plain data. The runner (engine/) executes it; the
// generator (scenarios/generate.ts) produces it; reports cite its id, level and references.
import type { ScimType } from '../schemas/scim-schema.ts';
import type { ProtocolAssertion } from './protocol.ts';

/** Requirement levels (RFC 2119 plus the catalog's DERIVED / AMBIG / INTEROP). */
export type Level = 'MUST' | 'SHOULD' | 'MAY' | 'DERIVED' | 'AMBIG' | 'INTEROP';

/** Capabilities a scenario may need (RFC 7643 §5 plus what the resource types offer). */
export type Capability =
  | 'patch'
  | 'etag'
  | 'filter'
  | 'bulk'
  | 'sort'
  | 'changePassword'
  | 'groups'
  | 'enterpriseUser'
  /** cursor-based pagination (RFC 9865: ServiceProviderConfig pagination.cursor is true) */
  | 'cursor';

export type ResourceKind = 'User' | 'Group';

/**
 * Which resource the PATCH goes to: an alias of the starting state ("self" is the state's
 * main resource), a random id that never existed, or a resource the scenario created and
 * deleted before the PATCH.
 */
export type PatchTarget = string | { unknown: ResourceKind } | { deleted: string };

/** A body sent as-is (malformed JSON); otherwise the body is JSON with `{alias.attr}` placeholders. */
export interface RawBody {
  raw: string;
}

export interface PatchRequestSpec {
  target: PatchTarget;
  /** JSON body. Strings like "{U2.id}" or "{self.userName}" are replaced with values of the created resources. */
  body: unknown | RawBody;
  /** Query parameters, e.g. { attributes: 'userName,nickName' }. */
  query?: Record<string, string>;
  /** Content-Type to send; defaults to the configured media type (application/scim+json). */
  contentType?: string;
  /**
   * If-Match header: the current ETag as the server sent it, the current one in weak form,
   * a stale one, or "*".
   */
  ifMatch?: 'current' | 'current-weak' | 'stale' | '*';
  /** HTTP method; default PATCH. Other methods skip the PATCH oracle (security checks). */
  method?: RequestMethod;
  /**
   * Where the request goes: the target resource (default), the resource type's collection, its
   * /.search, or a discovery endpoint.
   */
  endpoint?: RequestEndpoint;
  /** Send the target's id under this resource type's endpoint instead of its own (a Group id under /Users). */
  under?: ResourceKind;
  /**
   * The credential of this one request instead of the configured one: none at all, a wrong one of the
   * same kind, or the optional `credentials.limited` / `credentials.otherTenant` of the configuration.
   */
  credential?: RequestCredential;
  /** POST/PUT: the body is a fresh resource built like this alias of the state (template applied); an object `body` overrides its attributes. */
  bodyFrom?: string;
  /**
   * After the request, the engine fetches the following pages of the same query (engine/list-walk.ts):
   * by startIndex or by RFC 9865 cursor, at most `maxPages` requests; the list oracle judges them all.
   */
  walk?: { by: 'index' | 'cursor'; maxPages: number };
  /** GET: If-None-Match with the target's current ETag or another one (engine/lifecycle/). */
  ifNoneMatch?: 'current' | 'stale';
  /** With `bodyFrom`: top-level attributes left out of the fresh body (a PUT that omits them). */
  omit?: string[];
  /** A discovery endpoint: one item below it, sent as is (/ResourceTypes/User, /Schemas/{urn}). */
  subPath?: string;
}

export type RequestMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type RequestEndpoint = 'resource' | 'collection' | 'search' | 'serviceProviderConfig' | 'resourceTypes' | 'schemas' | 'root-search' | 'me' | 'bulk';
export type RequestCredential = 'none' | 'wrong' | 'limited' | 'other-tenant';

/** A named starting state (fixtures/states.ts) plus optional overrides. */
export interface StateSpec {
  /** Name of a state in fixtures/states.ts, e.g. "user.full". */
  name: string;
}

/**
 * A check that is true or false of the observed exchange, independent of the oracle.
 * Paths are SCIM attribute paths ("name.givenName", "emails[type eq \"work\"].value",
 * "urn:...:User:employeeNumber"); `in` selects the 200 body, the GET after, or both.
 */
export type Assertion =
  | { kind: 'absent'; path: string; in?: 'response' | 'get' | 'both' }
  | { kind: 'present'; path: string; in?: 'response' | 'get' | 'both' }
  | { kind: 'equals'; path: string; value: unknown; in?: 'response' | 'get' | 'both' }
  | { kind: 'count'; path: string; count: number; in?: 'response' | 'get' | 'both' }
  /** the 200 body carries only these top-level attributes (besides id and schemas) */
  | { kind: 'only-attributes'; attributes: string[] }
  /** each multi-valued attribute has at most one primary:true */
  | { kind: 'single-primary'; in?: 'response' | 'get' | 'both' }
  /** the member ids of the group, by alias, are exactly these */
  | { kind: 'members'; aliases: string[] }
  /** the answer carries this header (any value) */
  | { kind: 'header'; name: string }
  /** no returned:"never" attribute (password) in the answer (resource or list) nor in the GET after */
  | { kind: 'never-returned' }
  /** the answer is a ListResponse whose Resources are exactly these aliases' resources (by id) */
  | { kind: 'listed'; aliases: string[] }
  /** the answer (and the pages of a walk) is what the list oracle computes over these aliases (engine/list-oracle.ts) */
  | ListAssertion
  /** the group `group` (an alias), read after the request, has exactly these aliases as members (engine/lifecycle/) */
  | { kind: 'members-of'; group: string; aliases: string[] }
  /** the protocol families' assertions (scenarios/protocol.ts: discovery, /Me, Bulk) */
  | ProtocolAssertion;

/**
 * The list oracle's view of a query (RFC 7644 §3.4.2): the resolved filter evaluated over the
 * candidate aliases' resources (as the server answered their creation) gives the expected set; with
 * sortBy its order; startIndex / count the expected page. Values are the request's, placeholders allowed.
 */
export interface ListAssertion {
  kind: 'list';
  /** The scenario's own resources that could match: nothing else may be listed. */
  aliases: string[];
  filter?: string;
  sortBy?: string;
  sortOrder?: 'ascending' | 'descending';
  startIndex?: number;
  count?: number;
  /** The scenario walks the pages (request.walk): judge them together; a cursor walk has no startIndex. */
  walk?: 'index' | 'cursor';
  /** Each listed resource carries only these top-level attributes (besides id, schemas, meta). */
  attributes?: string[];
  /** No listed resource carries these top-level attributes. */
  excludedAttributes?: string[];
}

/** Expected outcome of a PATCH. */
export type Expectation =
  | {
      kind: 'success';
      /** Acceptable success statuses; default [200, 204]. */
      status?: number[];
      /**
       * Compare against the oracle (the PATCH module applied to the starting state). Default true.
       * Options select the semantics for the ambiguous cases (section E of the catalog).
       */
      oracle?: boolean;
      /** Whether the change is effective (version/lastModified must move) or a no-op (they must not). Default: from the oracle. */
      effect?: 'change' | 'no-change';
      assertions?: Assertion[];
    }
  | {
      kind: 'error';
      status: number[];
      /** Accepted scimType values; absent = not checked. */
      scimType?: ScimType[];
      /** The resource must be unchanged (GET after equals the starting state, meta.version included). Default true. */
      unchanged?: boolean;
      assertions?: Assertion[];
    };

export interface Scenario {
  /** Stable id, e.g. "patch.replace.value-path.sub-attribute". Never reused once retired. */
  id: string;
  title: string;
  /** Family = the suite file that runs it, e.g. "add", "remove", "replace", "bad-path", "group". */
  family: string;
  level: Level;
  /** Machine-readable references: "RFC7644-3.5.2.1", "RFC7643-2.4", catalog ids like "PATCH-ADD-01". */
  refs: string[];
  requires: Capability[];
  /** Which resource kind the PATCH goes to. */
  resource: ResourceKind;
  state: StateSpec;
  request: PatchRequestSpec;
  /** The expected (for AMBIG: the preferred) outcome. */
  expect: Expectation;
  /** AMBIG / INTEROP: an outcome that is tolerated with a warning. */
  acceptable?: Expectation;
  /** Other outcomes that conform just as well (the RFC leaves the choice to the server): they pass. */
  alsoConformant?: Expectation[];
  /** One sentence on what the scenario proves or why the decision was taken. */
  note?: string;
  /** Options for the oracle's PATCH semantics (e.g. upsert on no match for compat scenarios). */
  oracleOptions?: Record<string, boolean>;
  /**
   * A cross-cutting check (scenarios/checks.ts): a rule for every response, evaluated by
   * engine/checks/ on each exchange of the run and reported once. It sends no request of its own;
   * `state`, `request` and `expect` are unused.
   */
  check?: string;
  /** Capabilities the target must NOT have for the scenario to run (sortBy ignored where sort is not advertised). */
  unless?: Capability[];
}
