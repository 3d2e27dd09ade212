// Cross-cutting checks: rules that apply to every response of the run, not to one request. Each is
// evaluated on every exchange (engine/checks/) and reported once, as a scenario of the `checks`
// family with the count of responses that broke it, so a quirk in, say, meta.location is one
// finding instead of a failure in every PATCH scenario that happens to read a resource.
import type { Level, Scenario } from './scenario.ts';

export type CheckId =
  | 'response-schema'
  | 'returned-never'
  | 'meta-location'
  | 'meta-location-absolute'
  | 'meta-resource-type'
  | 'content-type-json'
  | 'content-type-scim'
  | 'etag-header'
  | 'location-header';

export interface CheckDefinition {
  id: CheckId;
  title: string;
  level: Level;
  refs: string[];
  note?: string;
}

export const CHECKS: readonly CheckDefinition[] = [
  {
    id: 'response-schema',
    title: 'Every resource and list the server returns is valid against its JSON Schema (types, required attributes, schemas).',
    level: 'MUST',
    refs: ['RFC7643-2', 'RFC7643-4', 'RFC7644-3.4.2', 'PATCH-RESP-01'],
    note: 'Answers to requests with ?attributes or ?excludedAttributes are left out: a projection may drop required attributes.',
  },
  {
    id: 'returned-never',
    title: 'No response returns an attribute whose schema says returned "never" (password).',
    level: 'MUST',
    refs: ['RFC7643-2.2', 'RFC7643-4.1.1', 'PATCH-RESP-04'],
  },
  {
    id: 'meta-location',
    title: "meta.location, when present, is a URI reference to the resource itself (its endpoint and id).",
    level: 'MUST',
    refs: ['RFC7643-3.1'],
    note: 'A relative reference is legal (RFC 7643 §2.3.7 resolves it against the service root); it passes here and is noted by meta-location-absolute.',
  },
  {
    id: 'meta-location-absolute',
    title: 'meta.location is an absolute URI, as most clients expect.',
    level: 'INTEROP',
    refs: ['RFC7643-3.1', 'RFC7643-2.3.7'],
    note: 'Interop only: a relative location conforms to RFC 7643, but clients that follow it as-is may fail.',
  },
  {
    id: 'meta-resource-type',
    title: 'meta.resourceType, when present, names the resource type of the endpoint (User, Group).',
    level: 'MUST',
    refs: ['RFC7643-3.1'],
  },
  {
    id: 'content-type-json',
    title: 'A JSON body is sent with a JSON media type (application/scim+json or application/json), never text/html or text/plain.',
    level: 'MUST',
    refs: ['RFC7644-3.1', 'RFC7644-8.1'],
  },
  {
    id: 'content-type-scim',
    title: 'Success bodies use the SCIM media type application/scim+json.',
    level: 'SHOULD',
    refs: ['RFC7644-3.1', 'RFC7644-8.1', 'PATCH-RESP-06'],
    note: 'application/json is accepted by RFC 7644 §8.1 for clients; answering with it is a warning, not a failure.',
  },
  {
    id: 'etag-header',
    title: 'An ETag header is a valid entity-tag ("x" or W/"x") and equals meta.version of the resource it comes with.',
    level: 'MUST',
    refs: ['RFC7644-3.14', 'RFC7232-2.3', 'PATCH-RESP-07'],
  },
  {
    id: 'location-header',
    title: 'A create (201) carries a Location header with the URI of the new resource, the same as its meta.location.',
    level: 'MUST',
    refs: ['RFC7644-3.3', 'RFC7643-3.1'],
  },
];

/** The checks as scenarios, so that `list`, selection, reports and the gate treat them like any other. */
export function checkScenarios(): Scenario[] {
  return CHECKS.map((c) => ({
    id: `checks.${c.id}`,
    title: c.title,
    family: 'checks',
    level: c.level,
    refs: c.refs,
    requires: [],
    resource: 'User',
    state: { name: 'user.minimal' },
    request: { target: 'self', body: null },
    expect: { kind: 'success' },
    check: c.id,
    ...(c.note ? { note: c.note } : {}),
  }));
}
