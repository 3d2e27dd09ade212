// Judges one observed PATCH exchange against an expectation. Pure: the runner gathers the
// observation (the answers and the oracle's resulting resource), this decides what does not match.
import { diffResources, findByName, type PatchError } from '../patch/index.ts';
import type { ResourceSchema, ScimResource } from '../schemas/scim-schema.ts';
import type { Expectation } from '../scenarios/scenario.ts';
import { validateMessage, type MessageKind } from '../schemas/validate-message.ts';
import { findingKey, problem, type Problem } from './findings.ts';
import { checkAssertions } from './judge-assertions.ts';
import type { LifecycleObservation } from './lifecycle/observe-lifecycle.ts';
import { judgeLifecycle } from './lifecycle/judge-lifecycle.ts';

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
  /** The further pages of a page walk (request.walk), after the first answer. */
  pages?: ObservedResponse[];
  /** Create / PUT / DELETE: what engine/lifecycle/ observed beyond the read-back. */
  lifecycle?: LifecycleObservation;
  /** Reads after the request that the protocol families' assertions judge (engine/protocol-reads.ts), by key. */
  extra?: Record<string, ObservedResponse>;
}

const IGNORED_TOP_LEVEL = ['meta'];

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Lists what does not match; an empty list means the expectation holds. */
export function checkExpectation(expectation: Expectation, obs: Observation): string[] {
  return judgeExpectation(expectation, obs).map((p) => p.text);
}

/**
 * What does not match, each problem with the key of its finding. Only the scenario's own
 * requirement is judged here: the status, the error shape, the resulting state (oracle, meta) and
 * the scenario's assertions. Rules for every response (the body's JSON Schema, returned:"never"
 * attributes, media types, meta.location, ETag form) are the cross-cutting checks' (engine/checks/).
 */
export function judgeExpectation(expectation: Expectation, obs: Observation): Problem[] {
  return expectation.kind === 'success' ? checkSuccess(expectation, obs) : checkError(expectation, obs);
}

const statusKey = (want: number[], got: number) => findingKey('status', want.join('|'), got);

function checkSuccess(exp: Extract<Expectation, { kind: 'success' }>, obs: Observation): Problem[] {
  const problems: Problem[] = [];
  const allowed = exp.status ?? [200, 204];
  if (!allowed.includes(obs.patch.status)) {
    return [problem(statusKey(allowed, obs.patch.status), `expected ${allowed.join(' or ')}, got ${describeAnswer(obs.patch)}`)];
  }
  const body = obs.patch.status === 200 ? obs.patch.json : undefined;
  if (obs.patch.status === 200 && !isObject(body)) {
    problems.push(problem('success-body:none', '200 without a resource body: RFC 7644 §3.5.2 requires the entire resource with 200, or 204 with no body'));
  }
  if (obs.patch.status === 204 && obs.patch.text.trim() !== '') {
    problems.push(problem('success-body:204-with-body', '204 with a body'));
  }
  const after = obs.after;
  // id is readOnly and assigned by the server (RFC 7643 §3.1): a request never changes it.
  const idBefore = obs.before?.['id'];
  const idNow = [isObject(body) ? body['id'] : undefined, after && isObject(after.json) ? after.json['id'] : undefined].find((v) => v !== undefined && v !== idBefore);
  if (typeof idBefore === 'string' && idNow !== undefined) {
    problems.push(problem('id-changed', `the resource's id changed from ${idBefore} to ${String(idNow)} (id is readOnly, RFC 7643 §3.1)`));
  }
  // After a successful DELETE the resource is gone: engine/lifecycle/ judges that GET.
  if (after && after.status !== 200 && obs.lifecycle?.method !== 'DELETE') {
    problems.push(problem(findingKey('read-back', after.status), `GET after the PATCH answered ${describeAnswer(after)}`));
  }
  const afterBody = after && after.status === 200 && isObject(after.json) ? after.json : undefined;

  const useOracle = exp.oracle !== false && obs.oracle !== undefined;
  if (useOracle && obs.oracle && 'error' in obs.oracle) {
    problems.push(problem('state:oracle', `scenario inconsistent: the oracle rejects this request (${obs.oracle.error.status} ${obs.oracle.error.scimType ?? ''}: ${obs.oracle.error.detail})`));
  } else if (useOracle && obs.oracle && 'resource' in obs.oracle) {
    const expected = comparable(obs.oracle.resource, obs.schema);
    // "Not applied": the target kept the starting state although the oracle changes it.
    const unchanged = (got: ScimResource) =>
      obs.oracle !== undefined && 'changed' in obs.oracle && obs.oracle.changed && obs.before !== undefined &&
      diffResources(comparable(obs.before, obs.schema), comparable(got, obs.schema), obs.schema, { ignore: IGNORED_TOP_LEVEL }).length === 0;
    if (isObject(body) && !obs.projected) {
      const key = unchanged(body) ? 'state:not-applied' : 'state:wrong';
      for (const d of diffResources(expected, comparable(body, obs.schema), obs.schema, { ignore: IGNORED_TOP_LEVEL })) {
        problems.push(problem(key, `200 body: ${d}`));
      }
    }
    if (afterBody) {
      const key = unchanged(afterBody) ? 'state:not-applied' : 'state:wrong';
      for (const d of diffResources(expected, comparable(afterBody, obs.schema), obs.schema, { ignore: IGNORED_TOP_LEVEL })) {
        problems.push(problem(key, `GET after: ${d}`));
      }
    }
  }
  const effect = exp.effect ?? (obs.oracle && 'resource' in obs.oracle ? (obs.oracle.changed ? 'change' : 'no-change') : undefined);
  if (effect && obs.before && afterBody) problems.push(...judgeMeta(obs.before, afterBody, effect));
  problems.push(...checkAssertions(exp.assertions ?? [], obs, 'both'));
  problems.push(...judgeLifecycle(exp, obs));
  return orderProblems(problems);
}

function checkError(exp: Extract<Expectation, { kind: 'error' }>, obs: Observation): Problem[] {
  const problems: Problem[] = [];
  const body = obs.patch.json;
  if (!exp.status.includes(obs.patch.status)) {
    problems.push(problem(statusKey(exp.status, obs.patch.status), `expected ${exp.status.join(' or ')}${exp.scimType ? ` ${exp.scimType.join('/')}` : ''}, got ${describeAnswer(obs.patch)}`));
  } else {
    const shape = judgeErrorBody(obs.patch, obs.errorFormat);
    problems.push(...shape);
    // A scimType is looked for only in a body that is a JSON object (else the shape says it all).
    if (exp.scimType && (obs.errorFormat ?? 'scim') === 'scim' && isObject(body)) {
      const got = isObject(body) ? body['scimType'] : undefined;
      if (typeof got !== 'string' || !exp.scimType.includes(got as never)) {
        const gotKey = typeof got === 'string' ? got : 'none';
        problems.push(problem(findingKey('scim-type', gotKey), `expected scimType ${exp.scimType.join(' or ')}, got ${got === undefined ? 'none' : JSON.stringify(got)}`));
      }
    }
  }
  if (exp.unchanged !== false && obs.before && obs.after) {
    if (obs.after.status !== 200 || !isObject(obs.after.json)) {
      problems.push(problem(findingKey('read-back', obs.after.status), `GET after the failed PATCH answered ${describeAnswer(obs.after)}`));
    } else {
      const diffs = diffResources(comparable(obs.before, obs.schema), comparable(obs.after.json, obs.schema), obs.schema, {
        ignore: IGNORED_TOP_LEVEL,
      });
      for (const d of diffs) problems.push(problem('failed-request-changed', `resource changed although the PATCH failed: ${d}`));
      for (const p of judgeMeta(obs.before, obs.after.json, 'no-change')) problems.push(problem('failed-request-changed', `after the failed PATCH: ${p.text}`));
    }
  }
  problems.push(...checkAssertions(exp.assertions ?? [], obs, 'get'));
  problems.push(...judgeLifecycle(exp, obs));
  return orderProblems(problems);
}

/**
 * The finding a scenario belongs to is its first problem's: the status and the error shape come
 * first, then the resulting state, then meta and assertions (a wrong status explains the rest).
 */
const ORDER = ['status', 'error-body', 'scim-type', 'success-body', 'id-changed', 'read-back', 'failed-request-changed', 'state', 'attributes-ignored', 'returned-never', 'assertion', 'version'];
function orderProblems(problems: Problem[]): Problem[] {
  const rank = (p: Problem) => {
    const i = ORDER.indexOf(p.key.split(':')[0]!);
    return i < 0 ? ORDER.length : i;
  };
  return problems.map((p, i) => [p, i] as const).sort(([a, i], [b, j]) => rank(a) - rank(b) || i - j).map(([p]) => p);
}

/** RFC 7644 §3.12: an error is a SCIM Error message whose status is the HTTP status as a string. */
function judgeErrorBody(answer: ObservedResponse, format: Observation['errorFormat'] = 'scim'): Problem[] {
  if (format !== 'scim') return checkProfileErrorBody(answer, format);
  const body = answer.json;
  if (!isObject(body)) {
    return [problem('error-body:not-json', `error body is not a SCIM Error JSON (RFC 7644 §3.12): ${answer.text.trim() === '' ? 'empty body' : `"${clip(answer.text, 80)}"`}`)];
  }
  // A JSON error body must say it is JSON: a browser or client that trusts text/html or text/plain
  // never parses it (RFC 7644 §3.12 errors are SCIM JSON, §8.1 application/scim+json).
  const type = (answer.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/scim+json' && type !== 'application/json' && !type.endsWith('+json')) {
    return [problem('error-body:content-type', `the error body is JSON but came ${type === '' ? 'without a Content-Type' : `as ${type}`}; SCIM errors are application/scim+json (RFC 7644 §3.12, §8.1)`)];
  }
  const problems = validateMessage('Error', body).map((line) => problem('error-body:schema', `error body is not a SCIM Error: ${line}`));
  if (problems.length === 0 && body['status'] !== String(answer.status)) {
    problems.push(problem('error-body:status', `error body status "${String(body['status'])}" differs from the HTTP status ${answer.status}`));
  }
  return problems;
}

/** The error bodies a vendor documents instead: RFC 7807 problem details, or no body at all. */
function checkProfileErrorBody(answer: ObservedResponse, format: 'problem-json' | 'empty'): Problem[] {
  const p = (text: string) => problem('error-body:vendor-format', text);
  if (format === 'empty') {
    return answer.text.trim() === '' ? [] : [p(`error body should be empty as the vendor documents, got "${clip(answer.text, 80)}"`)];
  }
  const body = answer.json;
  if (!isObject(body)) return [p(`error body is not RFC 7807 problem JSON as the vendor documents: ${answer.text.trim() === '' ? 'empty body' : `"${clip(answer.text, 80)}"`}`)];
  const problems: Problem[] = [];
  if (body['status'] !== answer.status) problems.push(p(`problem JSON status ${JSON.stringify(body['status'])} differs from the HTTP status ${answer.status}`));
  if (typeof body['title'] !== 'string') problems.push(p('problem JSON has no title'));
  return problems;
}

/** meta.version and meta.lastModified move on an effective change and only then (RFC 7644 §3.5.2.1, §3.14). */
export function checkMeta(before: ScimResource, after: ScimResource, effect: 'change' | 'no-change'): string[] {
  return judgeMeta(before, after, effect).map((p) => p.text);
}

function judgeMeta(before: ScimResource, after: ScimResource, effect: 'change' | 'no-change'): Problem[] {
  const bm = isObject(before['meta']) ? before['meta'] : {};
  const am = isObject(after['meta']) ? after['meta'] : {};
  const bv = bm['version'];
  const av = am['version'];
  const bl = bm['lastModified'];
  const al = am['lastModified'];
  const problems: Problem[] = [];
  if (effect === 'change') {
    if (typeof bv === 'string' && bv === av) problems.push(problem('version:not-bumped', `meta.version stayed ${bv} after an effective change`));
    if (typeof bl === 'string' && typeof al === 'string' && Date.parse(al) < Date.parse(bl)) {
      problems.push(problem('version:last-modified-back', `meta.lastModified went back from ${bl} to ${al}`));
    }
    if (typeof bl === 'string' && al === bl && bv === undefined) problems.push(problem('version:not-bumped', `meta.lastModified stayed ${bl} after an effective change`));
  } else {
    if (bv !== undefined && bv !== av) problems.push(problem('version:bumped-on-no-op', `meta.version changed from ${String(bv)} to ${String(av)} although nothing changed`));
    if (bl !== undefined && bl !== al) problems.push(problem('version:bumped-on-no-op', `meta.lastModified changed from ${String(bl)} to ${String(al)} although nothing changed`));
  }
  return problems;
}

/**
 * The form in which resources are compared: attributes that are never returned are dropped
 * (the server must not echo them), and for reference attributes ($ref present in the schema:
 * members, groups, manager) only `value` counts, since the server fills $ref, display and type.
 */
export function comparable(resource: ScimResource, schema: ResourceSchema): ScimResource {
  const out: ScimResource = {};
  for (const [key, value] of Object.entries(resource)) {
    const def = findByName(schema.core.attributes, key);
    if (def?.returned === 'never') continue;
    if (def && isReferenceComplex(def.subAttributes)) {
      out[key] = referenceValues(value);
      continue;
    }
    const ext = schema.extensions.find((e) => e.id.toLowerCase() === key.toLowerCase());
    if (ext && isObject(value)) {
      const inner: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) {
        const d = findByName(ext.attributes, k);
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


export function clip(text: string, max: number): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}
