// Target profiles as data: how a service speaks SCIM PATCH according to its own documentation
// (the seed pages in /work/shared/seeds), and where that documentation departs from RFC 7644.
// The engine adapts requests and expectations from this data; the reference server emulates it.
import type { PatchOptions } from '../patch/index.ts';
import type { Expectation, Level } from '../scenarios/scenario.ts';

/** How a PATCH body is written. */
export type Dialect =
  /** RFC 7644 §3.5.2 PatchOp. */
  | 'patchop'
  /** PatchOp with capitalised op names (Add/Replace/Remove) and a simple value sent as an array of {value}. */
  | 'patchop-capitalised'
  /** SCIM 1.x partial update: a partial resource, per-element `operation: "delete"`, `meta.attributes` to clear. */
  | 'scim1-partial';

/** Body of an error answer. */
export type ErrorFormat = 'scim' | 'problem-json' | 'empty';

/** Success answer of a PATCH without attributes/excludedAttributes. */
export type SuccessForm = '200' | '204' | 'either';

/**
 * Which scenarios a deviation touches; every given constraint must hold (an empty object = all).
 * Kept as data so the affected scenario ids can be listed for any scenario set.
 */
export interface Affects {
  /** Id globs (`*` = any run of characters). */
  ids?: string[];
  /** Only scenarios expecting an error / a success. */
  expect?: 'error' | 'success';
  /** Only scenarios with an add or replace operation that has no path. */
  pathLess?: boolean;
}

export interface Deviation {
  /** Stable id, `<profile>.<what>`. */
  id: string;
  /** Level of the RFC 7644 requirement the documented behaviour departs from. */
  level: Level;
  /** One or two sentences a buyer understands. */
  description: string;
  refs: string[];
  affects: Affects;
  /**
   * observed: the run shows it (the strict view re-judges the answer against RFC 7644);
   * documented: the suite cannot send the RFC form to this service, so the strict view takes
   * the vendor's documentation as the evidence.
   */
  evidence: 'observed' | 'documented';
  /** Under the profile the affected scenarios expect this instead (the vendor's contract). */
  expect?: Expectation;
  /** Under the profile the affected scenarios cannot be sent; this says why. */
  unsupported?: string;
}

export interface Profile {
  name: string;
  /** The service, as a buyer knows it. */
  title: string;
  description: string;
  /** Seed page the profile is written from (file in /work/shared/seeds), absent for rfc7644. */
  source?: string;
  /** The documented PATCH endpoint, for the docs. */
  documentedEndpoint?: string;
  /** Prefix appended to the configured baseUrl; `{name}` parts come from the config's templateValues. */
  basePath: string;
  /** Resource endpoints below the base path. */
  endpoints: { users: string; groups: string };
  auth: 'bearer' | 'any';
  /** Content-Type the service documents for PATCH bodies. */
  mediaType: string;
  dialect: Dialect;
  success: SuccessForm;
  errorFormat: ErrorFormat;
  /** Error statuses the vendor documents for PATCH; absent = not documented, RFC 7644 Table 8 assumed. */
  statuses?: number[];
  /** Options of the oracle's PATCH semantics (patch/ PatchOptions). */
  patchOptions: PatchOptions;
  /** In priority order: a scenario carries the first deviation that affects it. */
  deviations: Deviation[];
  /** Documented facts the profile does not model, and choices where the page is silent. */
  notes: string[];
  /** What the reference server uses when it emulates the service. */
  emulation: {
    templateValues: Record<string, string>;
    /** ETag support advertised by the emulation (none of the seed pages documents ETags except VMware's version conflict). */
    etag: boolean;
    /** Success status the emulation answers with. */
    patchSuccess: 200 | 204;
    /** The emulation answers a stale If-Match with this status instead of 412. */
    versionMismatchStatus?: 409;
  };
}

const SCIM_ENDPOINTS = { users: '/Users', groups: '/Groups' };

const rfc7644: Profile = {
  name: 'rfc7644',
  title: 'RFC 7644',
  description: "Plain RFC 7644: the PATCH semantics of the RFC with the catalog's preferred decisions (section E).",
  basePath: '',
  endpoints: SCIM_ENDPOINTS,
  auth: 'any',
  mediaType: 'application/scim+json',
  dialect: 'patchop',
  success: 'either',
  errorFormat: 'scim',
  patchOptions: {},
  deviations: [],
  notes: [],
  emulation: { templateValues: {}, etag: true, patchSuccess: 200 },
};

const matillion: Profile = {
  name: 'matillion-dpc',
  title: 'Matillion Data Productivity Cloud',
  description: 'Matillion DPC directory integration: RFC 7644 PatchOp, bearer token, 200 with the full User.',
  source: '000_84a7a467d004a43e.txt',
  documentedEndpoint: 'PATCH https://eu1.api.matillion.com/dpc/v1/directory-integration/scim/v2/Users/{id}',
  basePath: '/dpc/v1/directory-integration/scim/v2',
  endpoints: SCIM_ENDPOINTS,
  auth: 'bearer',
  mediaType: 'application/json',
  dialect: 'patchop',
  success: '200',
  errorFormat: 'scim',
  patchOptions: {},
  deviations: [],
  notes: [
    'The page documents only the 200 answer, so error statuses follow RFC 7644 Table 8.',
    'The documented 200 schema lists password and groups.type "DIRECT"; the page shows placeholders only, so neither is modelled (password stays never-returned).',
    'The curl example sends Content-Type application/json; the profile sends the same.',
  ],
  emulation: { templateValues: {}, etag: true, patchSuccess: 200 },
};

const workspaceOne: Profile = {
  name: 'workspace-one-access',
  title: 'VMware Workspace ONE Access (legacy SCIM API)',
  description: 'Workspace ONE Access: a SCIM 1.x partial update instead of a PatchOp, errors without a body.',
  source: '001_e277e540596ca948.txt',
  documentedEndpoint: 'PATCH https://{api_host}/SAAS/jersey/manager/api/scim/Users/{id}',
  basePath: '/SAAS/jersey/manager/api/scim',
  endpoints: SCIM_ENDPOINTS,
  auth: 'bearer',
  mediaType: 'application/json',
  dialect: 'scim1-partial',
  success: 'either',
  errorFormat: 'empty',
  statuses: [400, 403, 404, 500],
  patchOptions: {},
  deviations: [
    {
      id: 'workspace-one-access.empty-error-bodies',
      level: 'MUST',
      description: 'Errors come back with no body at all ("Operation doesn\'t return any data structure"), so a client never learns what was wrong; RFC 7644 requires a SCIM Error JSON body.',
      refs: ['RFC7644-3.12'],
      affects: { expect: 'error' },
      evidence: 'observed',
    },
    {
      id: 'workspace-one-access.partial-update',
      level: 'MUST',
      description: 'PATCH takes a SCIM 1.x partial User (with "operation": "delete" on list items and meta.attributes to clear), not an RFC 7644 PatchOp; a standard SCIM 2.0 client cannot update users through it.',
      refs: ['RFC7644-3.5.2'],
      affects: {},
      evidence: 'documented',
    },
  ],
  notes: [
    'The page documents no success status; SCIM 1.1 allows 200 with the resource or 204, and the emulation answers 204.',
    'Set-up and verification (POST, GET) use the SCIM 2.0 representation; only the PATCH body is translated (enterprise extension to urn:scim:schemas:extension:enterprise:1.0, manager.value to managerId).',
    'Scenarios that provoke a PatchOp-specific error (bad path, bad filter, envelope) cannot be written as a partial update and are reported unsupported.',
  ],
  emulation: { templateValues: {}, etag: false, patchSuccess: 204 },
};

const vmwareIdentityServices: Profile = {
  name: 'vmware-identity-services',
  title: 'VMware Identity Services',
  description: 'VMware Identity Services (identity broker): RFC 7644 PatchOp in application/scim+json, schemas optional, 409 on a version mismatch.',
  source: '002_c5edafe83148299d.txt',
  documentedEndpoint: 'PATCH https://{api_host}/usergroup/t/{tenant}/scim/v2/Users/{id}',
  basePath: '/usergroup/t/{tenant}/scim/v2',
  endpoints: SCIM_ENDPOINTS,
  auth: 'bearer',
  mediaType: 'application/scim+json',
  dialect: 'patchop',
  success: '200',
  errorFormat: 'scim',
  statuses: [400, 403, 404, 409],
  patchOptions: {},
  deviations: [
    {
      id: 'vmware-identity-services.version-conflict-409',
      level: 'AMBIG',
      description: 'A write with an outdated version (stale If-Match; observed on PATCH, and the emulation answers PUT and DELETE alike) is refused with 409 Conflict instead of 412 Precondition Failed; clients that retry on 412 will not recognise it.',
      refs: ['RFC7644-3.14', 'RFC7232-3.1', 'PATCH-VER-02'],
      affects: { ids: ['patch.versioning.if-match-stale*', 'put.if-match-stale', 'groups.put-if-match-stale', 'delete.if-match-stale'] },
      evidence: 'observed',
      expect: { kind: 'error', status: [409] },
    },
    {
      id: 'vmware-identity-services.schemas-optional',
      level: 'MUST',
      description: 'The PatchOp "schemas" member is documented as optional and a body without it is applied; RFC 7644 requires the PatchOp schema URI and a 400 without it.',
      refs: ['RFC7644-3.5.2', 'PATCH-ENV-01'],
      affects: { ids: ['patch.envelope.schemas-missing'] },
      evidence: 'observed',
      expect: { kind: 'success', oracle: false, effect: 'change', assertions: [{ kind: 'equals', path: 'nickName', value: 'X' }] },
    },
  ],
  notes: [
    'The page documents no body for 400/403/404/409 ("Operation doesn\'t return any data structure"); the service states RFC 7644 conformance, so the profile expects SCIM Error bodies.',
    'The documented example adds urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:country, which is not an enterprise attribute; acceptance of unknown extension attributes is not modelled.',
    'Top-level id, externalId and meta next to Operations are documented and ignored (PATCH-IOP-14).',
  ],
  emulation: { templateValues: { tenant: 'my-tenant' }, etag: true, patchSuccess: 200, versionMismatchStatus: 409 },
};

const pingone: Profile = {
  name: 'pingone',
  title: 'PingOne',
  description: 'PingOne SCIM API: RFC 7644 PatchOp below /environments/{envID}/v2, atomic, 200 with the User.',
  source: '003_8185bc78daefbe80.txt',
  documentedEndpoint: 'PATCH {scimPath}/environments/{envID}/v2/Users/{userID}',
  basePath: '/environments/{envID}/v2',
  endpoints: SCIM_ENDPOINTS,
  auth: 'bearer',
  mediaType: 'application/scim+json',
  dialect: 'patchop',
  success: '200',
  errorFormat: 'scim',
  patchOptions: {},
  deviations: [],
  notes: [
    'baseUrl is the {scimPath} of the environment\'s region (e.g. https://scim-api.pingone.com).',
    'The documented 200 answer has no meta.version, so the emulation advertises no ETags.',
    'The custom extension urn:pingidentity:schemas:extension:2.0:PingOneUser (population.id) is not modelled.',
  ],
  emulation: { templateValues: { envID: 'abfba8f6-49eb-49f5-a5d9-80ad5c98f9f6' }, etag: false, patchSuccess: 200 },
};

const adra: Profile = {
  name: 'adra',
  title: 'Adra',
  description: 'Adra SCIM 2 API: PatchOp with Add/Replace/Remove, a path on every operation, 200 or 204, errors as RFC 7807 problem JSON.',
  source: '004_00a51ed4d2b9dfab.txt',
  documentedEndpoint: 'PATCH https://setup.adra.com/api/organizations/{organizationSid}/scim/Users/{identifier}',
  basePath: '/api/organizations/{organizationSid}/scim',
  endpoints: SCIM_ENDPOINTS,
  auth: 'bearer',
  mediaType: 'application/json',
  dialect: 'patchop-capitalised',
  success: 'either',
  errorFormat: 'problem-json',
  statuses: [400, 401, 403, 404, 500, 501],
  patchOptions: {},
  deviations: [
    {
      id: 'adra.problem-json-errors',
      level: 'MUST',
      description: 'Errors are RFC 7807 problem details ({type, title, status as a number, detail, instance}), not SCIM Error messages, so a SCIM client finds no scimType and no SCIM status string.',
      refs: ['RFC7644-3.12'],
      affects: { expect: 'error' },
      evidence: 'observed',
    },
    {
      id: 'adra.path-required',
      level: 'MUST',
      description: 'Every operation must carry a path; the path-less add and replace that RFC 7644 allows (and Okta and Entra ID send) are outside the documented contract.',
      refs: ['RFC7644-3.5.2.1', 'RFC7644-3.5.2.3'],
      affects: { expect: 'success', pathLess: true },
      evidence: 'documented',
      unsupported: 'Adra documents path as required on every operation, and this request has an add or replace without a path.',
    },
  ],
  notes: [
    'op is documented as Add/Remove/Replace while the request example sends lower-case "replace"; the profile sends capitalised ops and the emulation accepts any case.',
    'value is documented as an array of {value} objects; the profile sends that form for simple attributes and keeps objects and arrays of objects as they are.',
    'The documented 200 body renames attributes (electronicMailAddresses, itemType, enterpriseExtension); the emulation answers 204, so that form is not modelled.',
    'No ETags and no 409/412 are documented: version and uniqueness conflicts are not judged under this profile.',
  ],
  emulation: { templateValues: { organizationSid: 'org-0001' }, etag: false, patchSuccess: 204 },
};

export const PROFILES: Record<string, Profile> = Object.fromEntries(
  [rfc7644, matillion, workspaceOne, vmwareIdentityServices, pingone, adra].map((p) => [p.name, p]),
);

export function profileNames(): string[] {
  return Object.keys(PROFILES).sort();
}
