// Discovery (RFC 7644 §4): what the target says it supports and how its resources look.
// Each of the three endpoints may fail on its own; that piece then falls back to RFC 7643 and a
// note says exactly what failed. A rejected credential is not a fallback: it stops the run.
import type { Capabilities, Exchange } from '../schemas/run-result.ts';
import type {
  AttributeDef,
  AttributeType,
  Mutability,
  ResourceSchema,
  ResourceTypeDef,
  Returned,
  SchemaDef,
  Uniqueness,
} from '../schemas/scim-schema.ts';
import { URN } from '../schemas/scim-schema.ts';
import { builtinResourceSchemas } from '../schemas/rfc7643.ts';
import type { ScimClient, ScimResponse } from './client.ts';
import type { TargetConfig } from './config.ts';
import { TargetError } from './target-error.ts';
import { brief, readPiece, settle, type DiscoveryAnswer } from './discovery-answer.ts';

export interface Discovery {
  capabilities: Capabilities;
  schemas: { User: ResourceSchema; Group?: ResourceSchema };
  source: 'discovered' | 'fallback' | 'partial';
  /** The User schema came from the target's own /Schemas (set-up then sends only what it lists). */
  schemasAdvertised?: boolean;
  notes: string[];
  product?: { name?: string; version?: string };
}

type Kind = 'User' | 'Group';
type Json = Record<string, unknown>;

/** What is assumed when the ServiceProviderConfig cannot be read: test the core, not the extras. */
const ASSUMED_SPC: Pick<Capabilities, 'patch' | 'etag' | 'filter' | 'bulk' | 'sort' | 'changePassword'> = {
  patch: true,
  filter: true,
  etag: false,
  bulk: false,
  sort: false,
  changePassword: false,
};
const SPC_FLAGS = Object.keys(ASSUMED_SPC) as Array<keyof typeof ASSUMED_SPC>;

const TYPES: AttributeType[] = ['string', 'boolean', 'decimal', 'integer', 'dateTime', 'binary', 'reference', 'complex'];
const MUTABILITIES: Mutability[] = ['readOnly', 'readWrite', 'immutable', 'writeOnly'];
const RETURNED: Returned[] = ['always', 'never', 'default', 'request'];
const UNIQUENESS: Uniqueness[] = ['none', 'server', 'global'];

const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
/** Enumerated values compared case-insensitively, as some servers capitalise them. */
function oneOf<T extends string>(v: unknown, allowed: readonly T[], fallback: T): T {
  if (typeof v !== 'string') return fallback;
  return allowed.find((a) => a.toLowerCase() === v.toLowerCase()) ?? fallback;
}
const strings = (v: unknown): string[] | undefined => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : undefined);

/** A list either as a ListResponse or as a plain array (which some servers return). */
function listOf(json: unknown): unknown[] | undefined {
  if (Array.isArray(json)) return json;
  if (isObject(json) && Array.isArray(json.Resources)) return json.Resources;
  return undefined;
}

function normalizeAttribute(raw: unknown, untyped: { count: number }): AttributeDef | undefined {
  if (!isObject(raw) || str(raw.name) === undefined) return undefined;
  const subs = Array.isArray(raw.subAttributes) ? raw.subAttributes : undefined;
  const declared = typeof raw.type === 'string' ? TYPES.find((t) => t.toLowerCase() === String(raw.type).toLowerCase()) : undefined;
  if (declared === undefined && subs === undefined) untyped.count++;
  const type = declared ?? (subs ? 'complex' : 'string');
  const def: AttributeDef = {
    name: raw.name as string,
    type,
    multiValued: raw.multiValued === true,
    required: raw.required === true,
    caseExact: raw.caseExact === true,
    mutability: oneOf(raw.mutability, MUTABILITIES, 'readWrite'),
    returned: oneOf(raw.returned, RETURNED, 'default'),
    uniqueness: oneOf(raw.uniqueness, UNIQUENESS, 'none'),
  };
  if (typeof raw.description === 'string') def.description = raw.description;
  const canonical = strings(raw.canonicalValues);
  // An empty list is kept: it says no value is allowed, which set-up and the generator respect.
  if (canonical) def.canonicalValues = canonical;
  const refTypes = strings(raw.referenceTypes);
  if (refTypes && refTypes.length > 0) def.referenceTypes = refTypes;
  if (type === 'complex' && subs) {
    def.subAttributes = subs.map((s) => normalizeAttribute(s, untyped)).filter((s): s is AttributeDef => s !== undefined);
  }
  return def;
}

function normalizeSchema(raw: unknown, notes: string[], path: string): SchemaDef | undefined {
  if (!isObject(raw) || str(raw.id) === undefined) return undefined;
  const id = raw.id as string;
  const untyped = { count: 0 };
  const rawAttrs = Array.isArray(raw.attributes) ? raw.attributes : [];
  const attributes = rawAttrs.map((a) => normalizeAttribute(a, untyped)).filter((a): a is AttributeDef => a !== undefined);
  if (attributes.length < rawAttrs.length) notes.push(`GET ${path}: ${rawAttrs.length - attributes.length} attribute(s) of ${id} have no name and were ignored`);
  if (untyped.count > 0) notes.push(`GET ${path}: ${untyped.count} attribute(s) of ${id} have no known type and were read as string`);
  const schema: SchemaDef = { id, name: str(raw.name) ?? id, attributes };
  if (typeof raw.description === 'string') schema.description = raw.description;
  return schema;
}

function normalizeResourceType(raw: unknown): ResourceTypeDef | undefined {
  if (!isObject(raw) || str(raw.schema) === undefined) return undefined;
  const id = str(raw.id) ?? str(raw.name);
  if (id === undefined) return undefined;
  const rt: ResourceTypeDef = {
    id,
    name: str(raw.name) ?? id,
    endpoint: str(raw.endpoint) ?? `/${id}s`,
    schema: raw.schema as string,
    schemaExtensions: (Array.isArray(raw.schemaExtensions) ? raw.schemaExtensions : [])
      .filter((e): e is Json => isObject(e) && str(e.schema) !== undefined)
      .map((e) => ({ schema: e.schema as string, required: e.required === true })),
  };
  if (typeof raw.description === 'string') rt.description = raw.description;
  return rt;
}

function findResourceType(types: ResourceTypeDef[], kind: Kind): ResourceTypeDef | undefined {
  const urn = kind === 'User' ? URN.user : URN.group;
  return types.find((t) => t.schema === urn) ?? types.find((t) => t.id === kind || t.name === kind);
}

function productFrom(spc: unknown, responses: ScimResponse[]): Discovery['product'] {
  // No standard field names a product; these are the ones servers are seen to add.
  const holders = isObject(spc) ? [spc, ...Object.entries(spc).filter(([k, v]) => k.startsWith('urn:') && isObject(v)).map(([, v]) => v as Json)] : [];
  for (const h of holders) {
    const name = str(h.productName) ?? str(h.product) ?? str(h.serverName) ?? str(h.vendor);
    const version = str(h.productVersion) ?? str(h.version) ?? str(h.serverVersion);
    if (name !== undefined || version !== undefined) return { ...(name ? { name } : {}), ...(version ? { version } : {}) };
  }
  for (const res of responses) {
    const m = /^\s*([^\s/]+)(?:\/(\S+))?/.exec(res.headers['server'] ?? '');
    if (m) return { name: m[1]!, ...(m[2] ? { version: m[2] } : {}) };
  }
  const doc = isObject(spc) ? str(spc.documentationUri) : undefined;
  if (doc) {
    try {
      return { name: new URL(doc).hostname };
    } catch {
      return undefined;
    }
  }
  return undefined;
}

export async function discover(client: ScimClient, config: TargetConfig, exchanges?: Exchange[]): Promise<Discovery> {
  const paths = { spc: config.endpoints.serviceProviderConfig, rt: config.endpoints.resourceTypes, schemas: config.endpoints.schemas };
  const get = (path: string): Promise<ScimResponse> => client.request('GET', path, { purpose: 'discovery', ...(exchanges ? { exchanges } : {}) });
  // Each piece may fail on its own (a body cut off, a timeout) and the run goes on with the others;
  // when none answered at all, the target is unreachable and that error is the run's.
  const answers = await Promise.all([get(paths.spc), get(paths.rt), get(paths.schemas)].map(settle));
  const failed = answers.flatMap((a) => ('error' in a ? [a.error] : []));
  const stop = failed.find((e) => e.kind === 'deadline' || e.kind === 'auth') ?? (failed.length === answers.length ? failed[0] : undefined);
  if (stop) throw stop;
  const [spcRes, rtRes, schemasRes] = answers as [DiscoveryAnswer, DiscoveryAnswer, DiscoveryAnswer];
  const responses = answers.flatMap((a) => ('res' in a ? [a.res] : []));
  for (const res of responses) {
    if (res.status === 401 || res.status === 403) {
      throw new TargetError('auth', `target ${new URL(config.baseUrl).origin} rejected the credential (${res.status})`);
    }
  }
  const jsonOf = (answer: DiscoveryAnswer, path: string) => readPiece(answer, path, config.maxBodyBytes);
  /** Only called for a piece that answered (readPiece gave JSON). */
  const statusOf = (answer: DiscoveryAnswer): number => ('res' in answer ? answer.res.status : 0);

  const notes: string[] = [];
  let failedPieces = 0;
  let degraded = false;
  const builtin = builtinResourceSchemas();
  const builtinById = new Map<string, SchemaDef>(
    [builtin.User.core, ...builtin.User.extensions, builtin.Group.core].map((s) => [s.id, s]),
  );

  // ---- ServiceProviderConfig ----
  const spcPiece = jsonOf(spcRes, paths.spc);
  let spc: unknown;
  const flags = { ...ASSUMED_SPC };
  if ('why' in spcPiece || !isObject(spcPiece.json)) {
    failedPieces++;
    const why = 'why' in spcPiece ? spcPiece.why : `GET ${paths.spc} answered ${statusOf(spcRes)} with JSON that is not an object`;
    notes.push(`${why}; assuming patch and filter are supported and etag, bulk, sort and changePassword are not (override with capabilities in the config)`);
  } else {
    // A ListResponse holding the one configuration is seen in the wild.
    const list = listOf(spcPiece.json);
    spc = list && list.length === 1 && isObject(list[0]) ? list[0] : spcPiece.json;
    const body = spc as Json;
    for (const flag of SPC_FLAGS) {
      const section = body[flag];
      if (isObject(section) && typeof section.supported === 'boolean') flags[flag] = section.supported;
      else {
        degraded = true;
        notes.push(`GET ${paths.spc} has no boolean ${flag}.supported; assuming ${ASSUMED_SPC[flag]}`);
      }
    }
  }

  // ---- ResourceTypes ----
  const rtPiece = jsonOf(rtRes, paths.rt);
  let types: ResourceTypeDef[] | undefined;
  if ('why' in rtPiece || listOf(rtPiece.json) === undefined) {
    failedPieces++;
    const why = 'why' in rtPiece ? rtPiece.why : `GET ${paths.rt} answered ${statusOf(rtRes)} without a list of resource types`;
    notes.push(`${why}; using the RFC 7643 User and Group resource types`);
  } else {
    types = listOf(rtPiece.json)!.map(normalizeResourceType).filter((t): t is ResourceTypeDef => t !== undefined);
  }

  // ---- Schemas ----
  // Nothing answered like SCIM: unless the configuration states the capabilities itself, this is
  // the wrong URL (a web page, another API), and running scenarios against it would only block.
  const schemasProbe = jsonOf(schemasRes, paths.schemas);
  if (failedPieces === 2 && ('why' in schemasProbe || listOf(schemasProbe.json) === undefined) && Object.keys(config.capabilities).length === 0) {
    const what = [brief(spcRes, paths.spc), brief(rtRes, paths.rt), brief(schemasRes, paths.schemas)];
    throw new TargetError('protocol', `target ${new URL(config.baseUrl).origin} does not look like a SCIM server at ${config.baseUrl}: ${what.join(', ')} (set capabilities in the config to run anyway)`);
  }
  const schemasPiece = jsonOf(schemasRes, paths.schemas);
  let schemaById: Map<string, SchemaDef> | undefined;
  if ('why' in schemasPiece || listOf(schemasPiece.json) === undefined) {
    failedPieces++;
    const why = 'why' in schemasPiece ? schemasPiece.why : `GET ${paths.schemas} answered ${statusOf(schemasRes)} without a list of schemas`;
    notes.push(`${why}; using the RFC 7643 schemas`);
  } else {
    schemaById = new Map();
    for (const raw of listOf(schemasPiece.json)!) {
      const s = normalizeSchema(raw, notes, paths.schemas);
      if (s) schemaById.set(s.id, s);
    }
  }

  /** A schema by URN: discovered, else the built-in one (with a note when discovery should have had it). */
  const schemaFor = (urn: string, needed: string): SchemaDef | undefined => {
    const found = schemaById?.get(urn);
    if (found) return found;
    const fallback = builtinById.get(urn);
    if (schemaById) {
      degraded = true;
      notes.push(fallback ? `GET ${paths.schemas} has no ${urn} (${needed}); using the RFC 7643 one` : `GET ${paths.schemas} has no ${urn} (${needed}); ignoring it`);
    }
    return fallback ? structuredClone(fallback) : undefined;
  };

  /** `discovered`: the resource type came from the target (so its endpoint is worth comparing). */
  const build = (kind: Kind, resourceType: ResourceTypeDef, discovered: boolean): ResourceSchema => {
    let rt = resourceType;
    const configured = kind === 'User' ? config.endpoints.users : config.endpoints.groups;
    if (discovered && rt.endpoint.startsWith('/') && rt.endpoint !== configured) {
      notes.push(`the ${kind} resource type says endpoint ${rt.endpoint}; the configuration uses ${configured}`);
    }
    let core = schemaFor(rt.schema, `core schema of ${kind}`);
    if (!core) {
      core = structuredClone(builtin[kind].core);
      rt = { ...rt, schema: core.id };
    }
    const extensions = rt.schemaExtensions
      .map((e) => schemaFor(e.schema, `extension of ${kind}`))
      .filter((s): s is SchemaDef => s !== undefined);
    return { resourceType: rt, core, extensions };
  };

  const userRt = types ? findResourceType(types, 'User') : undefined;
  if (types && !userRt) {
    degraded = true;
    notes.push(`GET ${paths.rt} lists no User resource type; using the RFC 7643 one`);
  }
  let user = build('User', userRt ?? builtin.User.resourceType, userRt !== undefined);
  const groupRt = types ? findResourceType(types, 'Group') : builtin.Group.resourceType;
  let group = groupRt ? build('Group', groupRt, types !== undefined) : undefined;

  const capabilities: Capabilities = {
    ...flags,
    groups: group !== undefined,
    enterpriseUser: user.extensions.some((e) => e.id === URN.enterpriseUser),
    ...(cursorAdvertised(spc) ? { cursor: true } : {}),
  };

  // ---- configuration overrides win, and the schemas follow them ----
  for (const [key, value] of Object.entries(config.capabilities) as Array<[keyof Capabilities, boolean | undefined]>) {
    if (value === undefined) continue;
    if (capabilities[key] !== value) notes.push(`capability ${key} set to ${value} by the configuration (discovered ${capabilities[key]})`);
    capabilities[key] = value;
  }
  if (capabilities.groups && !group) group = structuredClone(builtin.Group);
  if (!capabilities.groups) group = undefined;
  const hasEnterprise = user.extensions.some((e) => e.id === URN.enterpriseUser);
  if (capabilities.enterpriseUser && !hasEnterprise) {
    user = {
      ...user,
      resourceType: { ...user.resourceType, schemaExtensions: [...user.resourceType.schemaExtensions, { schema: URN.enterpriseUser, required: false }] },
      extensions: [...user.extensions, structuredClone(builtinById.get(URN.enterpriseUser)!)],
    };
  }
  if (!capabilities.enterpriseUser && hasEnterprise) {
    user = {
      ...user,
      resourceType: { ...user.resourceType, schemaExtensions: user.resourceType.schemaExtensions.filter((e) => e.schema !== URN.enterpriseUser) },
      extensions: user.extensions.filter((e) => e.id !== URN.enterpriseUser),
    };
  }

  const product = productFrom(spc, responses);
  return {
    capabilities,
    schemas: group ? { User: user, Group: group } : { User: user },
    source: failedPieces === 3 ? 'fallback' : failedPieces > 0 || degraded ? 'partial' : 'discovered',
    schemasAdvertised: schemaById?.has(URN.user) ?? false,
    notes,
    ...(product ? { product } : {}),
  };
}

/** RFC 9865 §4: ServiceProviderConfig `pagination.cursor` true advertises cursor pagination. */
function cursorAdvertised(spc: unknown): boolean {
  const pagination = isObject(spc) ? spc['pagination'] : undefined;
  return isObject(pagination) && pagination['cursor'] === true;
}
