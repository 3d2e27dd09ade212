// Seeded defects: bugs that real SCIM servers ship (catalog section D), each one switchable on the
// reference server (`startServer({ defects: [name] })`) to prove the suite catches it. The
// behaviours live in defect-behaviours.ts; this is the catalogue and the switch.
import { BEHAVIOURS } from './defect-behaviours.ts';
import { DefectRuntime } from './defect-hooks.ts';
import { LIFECYCLE_CATALOGUE, LIFECYCLE_DEFECT_NAMES } from './defect-lifecycle.ts';

export const DEFECT_NAMES = [
  'op-case-sensitive',
  'attribute-case-sensitive',
  'urn-qualified-path-ignored',
  'partial-apply',
  'value-path-replace-appends',
  'value-path-add-rejected',
  'filtered-remove-removes-all',
  'filtered-remove-no-match-500',
  'filtered-replace-wipes-siblings',
  'filtered-replace-first-match-only',
  'pathless-remove-accepted',
  'extension-urn-split',
  'manager-value-rejected',
  'add-multi-valued-replaces',
  'complex-replace-overwrites',
  'primary-not-normalised',
  'username-uniqueness-unchecked',
  'uniqueness-case-exact',
  'uniqueness-400',
  'conflict-without-scimtype',
  'if-match-ignored',
  'if-match-after-apply',
  'version-unchanged-on-change',
  'version-bumped-on-no-op',
  'password-returned',
  'id-writable',
  'meta-writable',
  'groups-writable',
  'required-removable',
  'wrong-type-accepted',
  'missing-value-accepted',
  'schemas-not-checked',
  'unknown-op-500',
  'empty-operations-500',
  'empty-operations-accepted',
  'error-status-number',
  'error-plain-text',
  'error-without-schemas',
  'unknown-resource-200',
  'unknown-resource-400',
  'remove-members-value-wipes',
  'member-errors-500',
  'group-replace-empties-members',
  'group-external-id-ignored',
  'attributes-param-ignored',
  'stale-response-body',
  'create-uniqueness-400',
  'create-without-location',
  'create-location-mismatch',
  '401-without-www-authenticate',
  'error-content-type-html',
  'get-attributes-ignored',
  'patch-writes-other-user',
  // Lists and searches (defect-list.ts)
  'filter-case-sensitive',
  'filter-co-as-sw',
  'filter-not-ignored',
  'start-index-off-by-one',
  'total-results-page',
  'items-per-page-total',
  'count-zero-all',
  'sort-order-ignored',
  'search-body-filter-ignored',
  'page-repeats-last',
  'cursor-ignored',
  ...LIFECYCLE_DEFECT_NAMES,
  'bulk-id-unresolved',
  'bulk-fail-on-errors-ignored',
  'bulk-max-operations-unenforced',
  'bulk-status-number',
  'bulk-without-location',
  'spc-without-authentication-schemes',
  'resource-type-unlisted-extension',
  'schemas-not-a-list',
  'me-404',
  'discovery-filter-ignored',
] as const;

export type DefectName = (typeof DEFECT_NAMES)[number];

export interface DefectInfo {
  name: DefectName;
  /** What it breaks, one sentence. */
  breaks: string;
  /** Catalog ids (PATCH-…, D-n for section D) and RFC sections. */
  refs: string[];
  /**
   * How the suite is expected to catch it: 'fail' (default); 'warn' when the honest outcome is a
   * SHOULD/INTEROP-level miss or an answer the catalog tolerates with a warning; 'error' when the
   * defect is a 5xx on a request whose preferred answer is a success (the runner grades every
   * such 5xx as 'error', scenario contract step 7).
   */
  caughtAs?: 'fail' | 'warn' | 'error';
}

type Entry = Omit<DefectInfo, 'name'>;

const CATALOGUE: Record<DefectName, Entry> = {
  'op-case-sensitive': {
    breaks: 'An op written in another case ("Replace") is skipped and the request still answers 200.',
    refs: ['D-1', 'E-1', 'PATCH-IOP-01'],
    caughtAs: 'warn',
  },
  'attribute-case-sensitive': {
    breaks: 'A path whose attribute name is spelled in another case ("NICKNAME") is skipped and the request answers 200.',
    refs: ['D-2', 'PATCH-PATH', 'RFC7643-2.1'],
  },
  'urn-qualified-path-ignored': {
    breaks: 'A path qualified with the core schema URN is skipped and the request answers 200.',
    refs: ['D-2', 'PATCH-PATH', 'RFC7644-3.10'],
  },
  'partial-apply': {
    breaks: 'When an operation fails, the operations before it stay stored although the error is answered.',
    refs: ['D-15', 'PATCH-ATOM', 'RFC7644-3.5.2'],
  },
  'value-path-replace-appends': {
    breaks: 'A replace whose value filter matches nothing appends a new element instead of answering 400 noTarget.',
    refs: ['D-5', 'PATCH-REP-09', 'RFC7644-3.5.2.3'],
  },
  'value-path-add-rejected': {
    breaks: 'An add whose path has a value filter is refused with 400 invalidPath.',
    refs: ['D-6', 'E-12', 'PATCH-ADD-14'],
    caughtAs: 'warn',
  },
  'filtered-remove-removes-all': {
    breaks: 'A remove with a value filter removes every element of the attribute, not just the matching ones.',
    refs: ['D-11', 'D-4', 'PATCH-REM', 'RFC7644-3.5.2.2'],
  },
  'filtered-remove-no-match-500': {
    breaks: 'A remove whose value filter matches nothing fails with 500.',
    refs: ['D-17', 'E-5', 'PATCH-ERR-06'],
  },
  'filtered-replace-wipes-siblings': {
    breaks: 'Replacing a sub-attribute of filtered elements drops the other sub-attributes of those elements.',
    refs: ['D-7', 'PATCH-REP', 'RFC7644-3.5.2.3'],
  },
  'filtered-replace-first-match-only': {
    breaks: 'A replace with a value filter changes only the first matching element.',
    refs: ['D-7', 'PATCH-REP', 'RFC7644-3.5.2.3'],
  },
  'pathless-remove-accepted': {
    breaks: 'A remove without path is accepted and does nothing instead of answering 400 noTarget.',
    refs: ['D-8', 'PATCH-REM', 'RFC7644-3.5.2.2'],
  },
  'extension-urn-split': {
    breaks: 'Extension paths are split at the first colon, so every enterprise-extension path answers 400 noTarget.',
    refs: ['D-9', 'PATCH-EXT', 'RFC7644-3.10'],
  },
  'manager-value-rejected': {
    breaks: 'The path "…:manager.value" is refused with 400 invalidPath.',
    refs: ['D-9', 'PATCH-EXT', 'RFC7643-4.3'],
  },
  'add-multi-valued-replaces': {
    breaks: 'An add to a multi-valued attribute replaces its values instead of appending.',
    refs: ['D-10', 'PATCH-ADD-06', 'RFC7644-3.5.2.1'],
  },
  'complex-replace-overwrites': {
    breaks: 'A replace on a complex attribute unassigns the sub-attributes it does not name.',
    refs: ['PATCH-REP-04', 'RFC7644-3.5.2.3'],
  },
  'primary-not-normalised': {
    breaks: 'Setting primary on one value leaves primary true on the others.',
    refs: ['D-12', 'PATCH-PRI', 'RFC7643-2.4'],
  },
  'username-uniqueness-unchecked': {
    breaks: "A PATCH may give a user another user's userName.",
    refs: ['D-13', 'PATCH-MUT-05', 'RFC7643-4.1.1'],
  },
  'uniqueness-case-exact': {
    breaks: "userName uniqueness is checked case-sensitively, so another user's userName in another case is accepted.",
    refs: ['D-13', 'PATCH-MUT-06', 'RFC7643-2.2'],
  },
  'uniqueness-400': {
    breaks: 'A PATCH that would give a user another user\'s userName is answered 400 uniqueness instead of 409.',
    refs: ['D-13', 'E-9', 'RFC7644-3.3', 'RFC7644-3.12'],
  },
  'conflict-without-scimtype': {
    breaks: 'A 409 conflict carries no scimType.',
    refs: ['D-13', 'RFC7644-3.12'],
  },
  'if-match-ignored': {
    breaks: 'If-Match is ignored: a PATCH with a stale ETag is applied.',
    refs: ['D-14', 'PATCH-VER', 'RFC7644-3.14'],
  },
  'if-match-after-apply': {
    breaks: 'If-Match is compared with the version after the patch, so the current ETag gets 412.',
    refs: ['D-14', 'PATCH-VER', 'RFC7644-3.14'],
  },
  'version-unchanged-on-change': {
    breaks: 'meta.version (the ETag) stays the same when the resource changes.',
    refs: ['PATCH-VER', 'RFC7644-3.14', 'RFC7643-3.1'],
  },
  'version-bumped-on-no-op': {
    breaks: 'A PATCH that changes nothing still moves meta.version and meta.lastModified.',
    refs: ['PATCH-VER', 'RFC7644-3.5.2.1'],
  },
  'password-returned': {
    breaks: 'The PATCH response carries the password.',
    refs: ['D-19', 'PATCH-RESP', 'RFC7643-4.1.1'],
  },
  'id-writable': {
    breaks: 'A PATCH may change id.',
    refs: ['PATCH-MUT-01', 'RFC7643-3.1', 'RFC7644-3.5.2'],
  },
  'meta-writable': {
    breaks: 'A PATCH may set meta.lastModified.',
    refs: ['PATCH-MUT-02', 'E-7', 'RFC7643-3.1'],
  },
  'groups-writable': {
    breaks: 'The read-only User attribute groups may be written by PATCH.',
    refs: ['PATCH-MUT-03', 'RFC7643-4.1.2'],
  },
  'required-removable': {
    breaks: 'The required userName may be removed.',
    refs: ['D-2', 'PATCH-MUT-08', 'RFC7644-3.5.2.2'],
  },
  'wrong-type-accepted': {
    breaks: 'A value of the wrong JSON type is stored as sent ("yes" for active, a number for a string).',
    refs: ['PATCH-ADD-18', 'RFC7644-3.12', 'RFC7643-2.3'],
  },
  'missing-value-accepted': {
    breaks: 'An add or replace without value is accepted as a no-op instead of answering 400.',
    refs: ['D-20', 'PATCH-ENV', 'RFC7644-3.5.2'],
  },
  'schemas-not-checked': {
    breaks: 'A PATCH body without the PatchOp schema URN is accepted.',
    refs: ['PATCH-ENV', 'RFC7644-3.5.2'],
  },
  'unknown-op-500': {
    breaks: 'An unknown op fails with 500 instead of 400.',
    refs: ['D-17', 'PATCH-ERR-06', 'RFC7644-3.5.2'],
  },
  'empty-operations-500': {
    breaks: 'An empty Operations array fails with 500.',
    refs: ['D-16', 'D-17', 'E-4', 'PATCH-ERR-06'],
  },
  'empty-operations-accepted': {
    breaks: 'An empty Operations array is accepted as a no-op instead of answering 400.',
    refs: ['D-16', 'E-4', 'RFC7644-3.5.2'],
    caughtAs: 'warn',
  },
  'error-status-number': {
    breaks: 'Error bodies carry status as a number instead of a string.',
    refs: ['RFC7644-3.12'],
  },
  'error-plain-text': {
    breaks: 'Errors are answered as plain text instead of a SCIM Error.',
    refs: ['D-17', 'RFC7644-3.12'],
  },
  'error-without-schemas': {
    breaks: 'Error bodies lack the Error schema URN.',
    refs: ['RFC7644-3.12'],
  },
  'unknown-resource-200': {
    breaks: 'A PATCH of an unknown resource answers 200 instead of 404.',
    refs: ['PATCH-ERR', 'RFC7644-3.12'],
  },
  'unknown-resource-400': {
    breaks: 'A PATCH of an unknown resource answers 400 instead of 404.',
    refs: ['PATCH-ERR', 'RFC7644-3.12'],
  },
  'remove-members-value-wipes': {
    breaks: 'A remove of members with a value array empties the whole group.',
    refs: ['D-3', 'E-2', 'PATCH-IOP-03'],
  },
  'member-errors-500': {
    breaks: 'A bad member in a Group PATCH fails with 500 instead of 400.',
    refs: ['D-17', 'PATCH-GRP', 'PATCH-ERR-06'],
  },
  'group-replace-empties-members': {
    breaks: 'Any replace on a group that is not about members empties its member list.',
    refs: ['D-18', 'PATCH-GRP'],
  },
  'group-external-id-ignored': {
    breaks: "A change to a group's externalId is ignored and the request answers 200.",
    refs: ['D-18', 'PATCH-GRP'],
  },
  'attributes-param-ignored': {
    breaks: 'The attributes and excludedAttributes query parameters are ignored on PATCH.',
    refs: ['PATCH-RESP', 'RFC7644-3.5.2', 'RFC7644-3.9'],
  },
  'stale-response-body': {
    breaks: 'The 200 PATCH response shows the resource as it was before the patch.',
    refs: ['PATCH-RESP', 'RFC7644-3.5.2'],
  },
  'create-uniqueness-400': {
    breaks: "A POST that would create a second user with an existing userName is answered 400 uniqueness instead of 409.",
    refs: ['RFC7644-3.3', 'RFC7644-3.12', 'RFC7643-4.1.1'],
  },
  'create-without-location': {
    breaks: 'A 201 create carries no Location header.',
    refs: ['RFC7644-3.3', 'RFC7643-3.1'],
  },
  'create-location-mismatch': {
    breaks: "A 201 create's Location header is the collection's URL instead of the new resource's meta.location.",
    refs: ['RFC7644-3.3', 'RFC7643-3.1'],
  },
  '401-without-www-authenticate': {
    breaks: 'A 401 answer carries no WWW-Authenticate header.',
    refs: ['RFC9110-11.6.1', 'RFC9110-15.5.2', 'RFC7235-3.1', 'RFC6750-3'],
  },
  'error-content-type-html': {
    breaks: 'Every error answer carries its SCIM Error JSON as text/html.',
    refs: ['RFC7644-3.12', 'RFC7644-8.1'],
  },
  'get-attributes-ignored': {
    breaks: 'GET of one resource ignores the attributes and excludedAttributes parameters and returns the full resource.',
    refs: ['RFC7644-3.4.2.5', 'RFC7644-3.9'],
  },
  'patch-writes-other-user': {
    breaks: "A PATCH of a user is also applied to every other user its values name by userName or id.",
    refs: ['RFC7644-3.5.2', 'RFC5789-2'],
  },
  'filter-case-sensitive': {
    breaks: 'List filters compare every string case-sensitively, caseExact false attributes (userName) included.',
    refs: ['RFC7644-3.4.2.2', 'RFC7643-2.2'],
  },
  'filter-co-as-sw': {
    breaks: 'The co (contains) filter operator behaves like sw (starts with).',
    refs: ['RFC7644-3.4.2.2'],
  },
  'filter-not-ignored': {
    breaks: 'A not in a list filter is ignored: not (x) lists what x matches.',
    refs: ['RFC7644-3.4.2.2'],
  },
  'start-index-off-by-one': {
    breaks: 'A startIndex above 1 is read as 0-based: every page after the first starts one result too late, so a page walk loses results.',
    refs: ['RFC7644-3.4.2.4'],
  },
  'total-results-page': {
    breaks: 'totalResults counts the resources on the page instead of every match.',
    refs: ['RFC7644-3.4.2', 'RFC7644-3.4.2.4'],
  },
  'items-per-page-total': {
    breaks: 'itemsPerPage is the total number of matches instead of the page length.',
    refs: ['RFC7644-3.4.2'],
  },
  'count-zero-all': {
    breaks: 'count=0 (or a negative count) returns every match instead of none.',
    refs: ['RFC7644-3.4.2.4'],
  },
  'sort-order-ignored': {
    breaks: 'sortOrder is ignored: results are always in ascending order.',
    refs: ['RFC7644-3.4.2.3'],
  },
  'search-body-filter-ignored': {
    breaks: "POST .search ignores the SearchRequest's filter and lists everything.",
    refs: ['RFC7644-3.4.3'],
  },
  'page-repeats-last': {
    breaks: 'Every page after the first starts one result early, repeating the last result of the page before.',
    refs: ['RFC7644-3.4.2.4'],
  },
  'cursor-ignored': {
    breaks: 'A cursor is ignored: every cursor request answers the first page (with a nextCursor).',
    refs: ['RFC9865-2'],
  },
  ...LIFECYCLE_CATALOGUE,
  'bulk-id-unresolved': {
    breaks: 'bulkId references in a bulk request are not resolved: the operation is run with the literal "bulkId:u" (which the group rules then refuse as a member).',
    refs: ['RFC7644-3.7.2'],
  },
  'bulk-fail-on-errors-ignored': {
    breaks: 'A bulk request goes on after failOnErrors errors and processes every operation.',
    refs: ['RFC7644-3.7'],
  },
  'bulk-max-operations-unenforced': {
    breaks: 'A bulk request with more operations than the advertised maxOperations is processed instead of answering 413.',
    refs: ['RFC7644-3.7.4', 'RFC7643-5'],
  },
  'bulk-status-number': {
    breaks: 'BulkResponse operations carry status as a number (201) instead of a string ("201").',
    refs: ['RFC7644-3.7', 'RFC7644-3.7.3'],
  },
  'bulk-without-location': {
    breaks: 'BulkResponse operations carry no location.',
    refs: ['RFC7644-3.7'],
  },
  'spc-without-authentication-schemes': {
    breaks: 'The ServiceProviderConfig has no authenticationSchemes.',
    refs: ['RFC7643-5'],
  },
  'resource-type-unlisted-extension': {
    breaks: 'The User resource type names an extension schema that /Schemas does not list.',
    refs: ['RFC7643-6', 'RFC7643-7'],
  },
  'schemas-not-a-list': {
    breaks: 'GET /Schemas answers { "Resources": [...] } without the ListResponse schemas and totalResults.',
    refs: ['RFC7644-4', 'RFC7644-3.4.2'],
  },
  'me-404': {
    breaks: 'GET /Me (not supported) answers 404 instead of 501.',
    refs: ['RFC7644-3.11'],
    caughtAs: 'warn',
  },
  'discovery-filter-ignored': {
    breaks: 'A filter on a discovery endpoint is ignored (200 with everything) instead of answering 403.',
    refs: ['RFC7644-4'],
    caughtAs: 'warn',
  },
};

export const DEFECTS: Record<DefectName, DefectInfo> = Object.fromEntries(
  DEFECT_NAMES.map((name) => [name, { name, ...CATALOGUE[name] }]),
) as Record<DefectName, DefectInfo>;

export function isDefectName(name: unknown): name is DefectName {
  return typeof name === 'string' && (DEFECT_NAMES as readonly string[]).includes(name);
}

/** Checks a list of names; an unknown one is an Error that lists the known ones. */
export function validateDefects(names: readonly unknown[]): DefectName[] {
  const unknown = names.filter((n) => !isDefectName(n));
  if (unknown.length > 0) {
    throw new Error(`Unknown defect ${unknown.map((n) => JSON.stringify(n)).join(', ')}; known defects: ${DEFECT_NAMES.join(', ')}`);
  }
  return [...new Set(names as DefectName[])];
}

/** The hooks the server runs for these defects (none: the reference server's behaviour). */
export function createDefectRuntime(names: readonly unknown[]): DefectRuntime {
  const valid = validateDefects(names);
  return new DefectRuntime(
    valid,
    valid.map((n) => BEHAVIOURS[n]),
  );
}
