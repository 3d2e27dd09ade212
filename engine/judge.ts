// Judges one observed PATCH exchange against an expectation. Pure: the runner gathers the
// observation (the answers and the oracle's resulting resource), this decides what does not match.
import { diffResources, getValue, PatchError } from '../patch/index.ts';
import type { ResourceSchema, ScimResource } from '../schemas/scim-schema.ts';
import type { Assertion, Expectation } from '../scenarios/scenario.ts';
import { resolvePlaceholders } from '../scenarios/resolve-placeholders.ts';
import { validateMessage, type MessageKind } from '../schemas/validate-message.ts';

export interface ObservedResponse {
  status: number;
  json: unknown;
  text: string;
  headers: Record<string, string>;
}

export interface Observation {
  schema: ResourceSchema;
  /** The target as the server answered its creation (absent for unknown / deleted targets). */
  before?: ScimResource;
  patch: ObservedResponse;
  /** GET of the target after the PATCH (absent when the target is not a live resource). */
  after?: ObservedResponse;
  /** The oracle: the PATCH module applied to `before`, or the error it raised. */
  oracle?: { resource: ScimResource; changed: boolean } | { error: PatchError };
  /** Created resources by alias, for placeholders in assertion values. */
  created: Record<string, ScimResource>;
  /** The request asked for a projection (attributes / excludedAttributes). */
  projected: boolean;
  /** Error body the target's profile documents (profiles/profiles.ts); default a SCIM Error. */
  errorFormat?: 'scim' | 'problem-json' | 'empty';
  /** What a 200 body must be when not the resource itself (security checks: a list, a discovery answer). */
  bodyKind?: MessageKind;
}

const IGNORED_TOP_LEVEL = ['meta'];

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Lists what does not match; an empty list means the expectation holds. */
export function checkExpectation(expectation: Expectation, obs: Observation): string[] {
  return expectation.kind === 'success' ? checkSuccess(expectation, obs) : checkError(expectation, obs);
}

function checkSuccess(exp: Extract<Expectation, { kind: 'success' }>, obs: Observation): string[] {
  const problems: string[] = [];
  const allowed = exp.status ?? [200, 204];
  if (!allowed.includes(obs.patch.status)) {
    return [`expected ${allowed.join(' or ')}, got ${describeAnswer(obs.patch)}`];
  }
  const body = obs.patch.status === 200 ? obs.patch.json : undefined;
  if (obs.patch.status === 200 && !isObject(body)) {
    problems.push('200 without a resource body: RFC 7644 §3.5.2 requires the entire resource with 200, or 204 with no body');
  }
  if (isObject(body) && !obs.projected) {
    const kind = obs.bodyKind ?? (obs.schema.resourceType.name === 'Group' ? 'Group' : 'User');
    for (const line of validateMessage(kind, body)) problems.push(`200 body is not a valid ${kind} resource: ${line}`);
  }
  if (obs.patch.status === 204 && obs.patch.text.trim() !== '') {
    problems.push('204 with a body');
  }
  const after = obs.after;
  if (after && after.status !== 200) {
    problems.push(`GET after the PATCH answered ${describeAnswer(after)}`);
  }
  const afterBody = after && after.status === 200 && isObject(after.json) ? after.json : undefined;

  const useOracle = exp.oracle !== false && obs.oracle !== undefined;
  if (useOracle && obs.oracle && 'error' in obs.oracle) {
    problems.push(`scenario inconsistent: the oracle rejects this request (${obs.oracle.error.status} ${obs.oracle.error.scimType ?? ''}: ${obs.oracle.error.detail})`);
  } else if (useOracle && obs.oracle && 'resource' in obs.oracle) {
    const expected = comparable(obs.oracle.resource, obs.schema);
    if (isObject(body) && !obs.projected) {
      for (const d of diffResources(expected, comparable(body, obs.schema), obs.schema, { ignore: IGNORED_TOP_LEVEL })) {
        problems.push(`200 body: ${d}`);
      }
    }
    if (afterBody) {
      for (const d of diffResources(expected, comparable(afterBody, obs.schema), obs.schema, { ignore: IGNORED_TOP_LEVEL })) {
        problems.push(`GET after: ${d}`);
      }
    }
  }
  const effect = exp.effect ?? (obs.oracle && 'resource' in obs.oracle ? (obs.oracle.changed ? 'change' : 'no-change') : undefined);
  if (effect && obs.before && afterBody) problems.push(...checkMeta(obs.before, afterBody, effect));
  problems.push(...checkPasswordNeverReturned(obs));
  problems.push(...checkAssertions(exp.assertions ?? [], obs, 'both'));
  return problems;
}

function checkError(exp: Extract<Expectation, { kind: 'error' }>, obs: Observation): string[] {
  const problems: string[] = [];
  const body = obs.patch.json;
  if (!exp.status.includes(obs.patch.status)) {
    problems.push(`expected ${exp.status.join(' or ')}${exp.scimType ? ` ${exp.scimType.join('/')}` : ''}, got ${describeAnswer(obs.patch)}`);
  } else {
    problems.push(...checkErrorBody(obs.patch, obs.errorFormat));
    if (exp.scimType && (obs.errorFormat ?? 'scim') === 'scim') {
      const got = isObject(body) ? body['scimType'] : undefined;
      if (typeof got !== 'string' || !exp.scimType.includes(got as never)) {
        problems.push(`expected scimType ${exp.scimType.join(' or ')}, got ${got === undefined ? 'none' : JSON.stringify(got)}`);
      }
    }
  }
  if (exp.unchanged !== false && obs.before && obs.after) {
    if (obs.after.status !== 200 || !isObject(obs.after.json)) {
      problems.push(`GET after the failed PATCH answered ${describeAnswer(obs.after)}`);
    } else {
      const diffs = diffResources(comparable(obs.before, obs.schema), comparable(obs.after.json, obs.schema), obs.schema, {
        ignore: IGNORED_TOP_LEVEL,
      });
      for (const d of diffs) problems.push(`resource changed although the PATCH failed: ${d}`);
      problems.push(...checkMeta(obs.before, obs.after.json, 'no-change').map((p) => `after the failed PATCH: ${p}`));
    }
  }
  problems.push(...checkPasswordNeverReturned(obs));
  problems.push(...checkAssertions(exp.assertions ?? [], obs, 'get'));
  return problems;
}

/** RFC 7644 §3.12: an error is a SCIM Error message whose status is the HTTP status as a string. */
export function checkErrorBody(answer: ObservedResponse, format: Observation['errorFormat'] = 'scim'): string[] {
  if (format !== 'scim') return checkProfileErrorBody(answer, format);
  const body = answer.json;
  if (!isObject(body)) {
    return [`error body is not a SCIM Error JSON (RFC 7644 §3.12): ${answer.text.trim() === '' ? 'empty body' : `"${clip(answer.text, 80)}"`}`];
  }
  const problems = validateMessage('Error', body).map((line) => `error body is not a SCIM Error: ${line}`);
  if (problems.length === 0 && body['status'] !== String(answer.status)) {
    problems.push(`error body status "${String(body['status'])}" differs from the HTTP status ${answer.status}`);
  }
  return problems;
}

/** The error bodies a vendor documents instead: RFC 7807 problem details, or no body at all. */
function checkProfileErrorBody(answer: ObservedResponse, format: 'problem-json' | 'empty'): string[] {
  if (format === 'empty') {
    return answer.text.trim() === '' ? [] : [`error body should be empty as the vendor documents, got "${clip(answer.text, 80)}"`];
  }
  const body = answer.json;
  if (!isObject(body)) return [`error body is not RFC 7807 problem JSON as the vendor documents: ${answer.text.trim() === '' ? 'empty body' : `"${clip(answer.text, 80)}"`}`];
  const problems: string[] = [];
  if (body['status'] !== answer.status) problems.push(`problem JSON status ${JSON.stringify(body['status'])} differs from the HTTP status ${answer.status}`);
  if (typeof body['title'] !== 'string') problems.push('problem JSON has no title');
  return problems;
}

/** meta.version and meta.lastModified move on an effective change and only then (RFC 7644 §3.5.2.1, §3.14). */
export function checkMeta(before: ScimResource, after: ScimResource, effect: 'change' | 'no-change'): string[] {
  const bm = isObject(before['meta']) ? before['meta'] : {};
  const am = isObject(after['meta']) ? after['meta'] : {};
  const bv = bm['version'];
  const av = am['version'];
  const bl = bm['lastModified'];
  const al = am['lastModified'];
  const problems: string[] = [];
  if (effect === 'change') {
    if (typeof bv === 'string' && bv === av) problems.push(`meta.version stayed ${bv} after an effective change`);
    if (typeof bl === 'string' && typeof al === 'string' && Date.parse(al) < Date.parse(bl)) {
      problems.push(`meta.lastModified went back from ${bl} to ${al}`);
    }
    if (typeof bl === 'string' && al === bl && bv === undefined) problems.push(`meta.lastModified stayed ${bl} after an effective change`);
  } else {
    if (bv !== undefined && bv !== av) problems.push(`meta.version changed from ${String(bv)} to ${String(av)} although nothing changed`);
    if (bl !== undefined && bl !== al) problems.push(`meta.lastModified changed from ${String(bl)} to ${String(al)} although nothing changed`);
  }
  return problems;
}

function checkPasswordNeverReturned(obs: Observation): string[] {
  const problems: string[] = [];
  const neverReturned = obs.schema.core.attributes.filter((a) => a.returned === 'never').map((a) => a.name.toLowerCase());
  const leaksHere = (body: unknown) => isObject(body) && Object.keys(body).some((k) => neverReturned.includes(k.toLowerCase()));
  // A ListResponse carries resources too (list, filter and .search answers).
  const leaks = (body: unknown) =>
    leaksHere(body) || (isObject(body) && Array.isArray(body['Resources']) && body['Resources'].some(leaksHere));
  if (leaks(obs.patch.json)) problems.push(`the ${obs.bodyKind === 'ListResponse' ? 'list' : 'PATCH'} response returns a returned:"never" attribute (password, RFC 7643 §4.1.1)`);
  if (obs.after && leaks(obs.after.json)) problems.push('GET returns a returned:"never" attribute (password, RFC 7643 §4.1.1)');
  return problems;
}

/**
 * The form in which resources are compared: attributes that are never returned are dropped
 * (the server must not echo them), and for reference attributes ($ref present in the schema:
 * members, groups, manager) only `value` counts, since the server fills $ref, display and type.
 */
export function comparable(resource: ScimResource, schema: ResourceSchema): ScimResource {
  const out: ScimResource = {};
  const byName = new Map(schema.core.attributes.map((a) => [a.name.toLowerCase(), a]));
  for (const [key, value] of Object.entries(resource)) {
    const def = byName.get(key.toLowerCase());
    if (def?.returned === 'never') continue;
    if (def && isReferenceComplex(def.subAttributes)) {
      out[key] = referenceValues(value);
      continue;
    }
    const ext = schema.extensions.find((e) => e.id.toLowerCase() === key.toLowerCase());
    if (ext && isObject(value)) {
      const inner: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) {
        const d = ext.attributes.find((a) => a.name.toLowerCase() === k.toLowerCase());
        inner[k] = d && isReferenceComplex(d.subAttributes) ? referenceValues(v) : v;
      }
      out[key] = inner;
      continue;
    }
    out[key] = value;
  }
  return out;
}

function isReferenceComplex(subs: ResourceSchema['core']['attributes'] | undefined): boolean {
  return !!subs?.some((s) => s.name === '$ref');
}

function referenceValues(value: unknown): unknown {
  const pick = (v: unknown) => (isObject(v) ? { value: v['value'] } : v);
  return Array.isArray(value) ? value.map(pick) : pick(value);
}

function checkAssertions(assertions: Assertion[], obs: Observation, defaultIn: 'both' | 'get'): string[] {
  const problems: string[] = [];
  const targets = (where: 'response' | 'get' | 'both' | undefined): Array<[string, ScimResource]> => {
    const w = where ?? defaultIn;
    const out: Array<[string, ScimResource]> = [];
    if ((w === 'response' || w === 'both') && obs.patch.status === 200 && isObject(obs.patch.json)) out.push(['200 body', obs.patch.json]);
    if ((w === 'get' || w === 'both') && obs.after && isObject(obs.after.json)) out.push(['GET after', obs.after.json]);
    return out;
  };
  for (const a of assertions) {
    switch (a.kind) {
      case 'absent':
      case 'present':
      case 'equals':
      case 'count':
        for (const [label, res] of targets(a.in)) {
          const got = safeGet(res, a.path, obs.schema);
          if (a.kind === 'absent' && !isUnassigned(got)) problems.push(`${label}: ${a.path} should be absent, got ${show(got)}`);
          if (a.kind === 'present' && isUnassigned(got)) problems.push(`${label}: ${a.path} should be present`);
          if (a.kind === 'equals') {
            const want = resolvePlaceholders(a.value, obs.created);
            if (!jsonEqual(got, want)) problems.push(`${label}: ${a.path} expected ${show(want)}, got ${show(got)}`);
          }
          if (a.kind === 'count') {
            const n = isUnassigned(got) ? 0 : Array.isArray(got) ? got.length : 1;
            if (n !== a.count) problems.push(`${label}: ${a.path} expected ${a.count} value(s), got ${n}`);
          }
        }
        break;
      case 'only-attributes': {
        if (obs.patch.status !== 200 || !isObject(obs.patch.json)) break; // the status check reports it
        const allowed = new Set(['id', 'schemas', 'meta', ...a.attributes.map((n) => n.toLowerCase())]);
        const extra = Object.keys(obs.patch.json).filter((k) => !allowed.has(k.toLowerCase()));
        if (extra.length > 0) problems.push(`200 body: attributes not requested are returned: ${extra.join(', ')}`);
        for (const name of a.attributes) {
          const src = obs.after && isObject(obs.after.json) ? obs.after.json : undefined;
          const inResource = src && Object.keys(src).some((k) => k.toLowerCase() === name.toLowerCase());
          const inBody = Object.keys(obs.patch.json).some((k) => k.toLowerCase() === name.toLowerCase());
          if (inResource && !inBody) problems.push(`200 body: requested attribute ${name} is missing`);
        }
        break;
      }
      case 'single-primary':
        for (const [label, res] of targets(a.in)) {
          for (const [key, value] of Object.entries(res)) {
            if (!Array.isArray(value)) continue;
            const n = value.filter((e) => isObject(e) && e['primary'] === true).length;
            if (n > 1) problems.push(`${label}: ${key} has ${n} values with primary true (RFC 7643 §2.4 allows one)`);
          }
        }
        break;
      case 'header': {
        const name = a.name.toLowerCase();
        if (!Object.keys(obs.patch.headers).some((h) => h.toLowerCase() === name)) problems.push(`the answer has no ${a.name} header`);
        break;
      }
      case 'listed': {
        const body = obs.patch.json;
        const resources = isObject(body) && Array.isArray(body['Resources']) ? body['Resources'] : undefined;
        if (obs.patch.status !== 200 || !resources) {
          if (obs.patch.status === 200) problems.push('200 without a ListResponse (Resources)');
          break; // a wrong status is the status check's to report
        }
        const want = a.aliases.map((alias) => obs.created[alias]?.['id']).filter((v): v is string => typeof v === 'string').sort();
        const got = resources.map((r) => (isObject(r) ? r['id'] : undefined)).filter((v): v is string => typeof v === 'string').sort();
        if (!jsonEqual(got, want)) {
          const names = (ids: string[]) => ids.map((id) => aliasOf(id, obs.created)).join(', ') || 'none';
          problems.push(`ListResponse: expected [${names(want)}], got [${names(got)}]`);
        }
        break;
      }
      case 'members': {
        if (!obs.after || !isObject(obs.after.json)) break;
        const want = a.aliases.map((alias) => obs.created[alias]?.['id']).filter((v): v is string => typeof v === 'string').sort();
        const members = obs.after.json['members'];
        const got = (Array.isArray(members) ? members : [])
          .map((m) => (isObject(m) ? m['value'] : undefined))
          .filter((v): v is string => typeof v === 'string')
          .sort();
        if (!jsonEqual(got, want)) {
          const names = (ids: string[]) => ids.map((id) => aliasOf(id, obs.created)).join(', ') || 'none';
          problems.push(`GET after: members expected [${names(want)}], got [${names(got)}]`);
        }
        break;
      }
    }
  }
  return problems;
}

function aliasOf(id: string, created: Record<string, ScimResource>): string {
  for (const [alias, res] of Object.entries(created)) if (res['id'] === id) return alias;
  return id;
}

function safeGet(resource: ScimResource, path: string, schema: ResourceSchema): unknown {
  try {
    return getValue(resource, path, schema);
  } catch (e) {
    return e instanceof PatchError ? undefined : undefined;
  }
}

export function isUnassigned(value: unknown): boolean {
  return value === undefined || value === null || (Array.isArray(value) && value.length === 0);
}

export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => jsonEqual(v, b[i]));
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && jsonEqual(a[k], b[k]));
  }
  return false;
}

export function describeAnswer(answer: ObservedResponse): string {
  const body = answer.json;
  if (isObject(body)) {
    const scimType = typeof body['scimType'] === 'string' ? ` ${body['scimType']}` : '';
    const detail = typeof body['detail'] === 'string' ? `: ${clip(body['detail'], 120)}` : '';
    return `${answer.status}${scimType}${detail}`;
  }
  return answer.text.trim() === '' ? `${answer.status} (empty body)` : `${answer.status} "${clip(answer.text, 80)}"`;
}

function show(value: unknown): string {
  return value === undefined ? 'nothing' : clip(JSON.stringify(value), 120);
}

export function clip(text: string, max: number): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}
