// Judges what a lifecycle request (create, PUT, DELETE) left behind, from the observation
// observe-lifecycle.ts gathered: the PUT's resulting resource against the PUT oracle, a deleted
// resource that is still there, and the members of
// the groups a `members-of` assertion names.
import { diffResources } from '../../patch/index.ts';
import type { Expectation } from '../../scenarios/scenario.ts';
import { comparable, describeAnswer, isObject, jsonEqual, type Observation } from '../judge.ts';
import { findingKey, problem, type Problem } from '../findings.ts';
import { putComparable } from './put-oracle.ts';

const IGNORED = ['meta', 'schemas'];

export function judgeLifecycle(exp: Expectation, obs: Observation): Problem[] {
  const lc = obs.lifecycle;
  if (!lc) return [];
  const problems: Problem[] = [];
  if (exp.kind === 'success' && lc.method === 'DELETE' && lc.afterDelete) {
    const got = lc.afterDelete;
    if (got.status === 200) problems.push(problem(findingKey('delete', 'still-there'), `GET after the DELETE answered 200: the resource is still there (RFC 7644 §3.6)`));
    else if (got.status !== 404) problems.push(problem(findingKey('delete', 'read-after', got.status), `GET after the DELETE answered ${describeAnswer(got)}, not 404 (RFC 7644 §3.6)`));
  }
  if (exp.kind === 'success' && lc.put && (exp.oracle ?? true)) problems.push(...judgePut(lc.put, obs));
  if (exp.kind === 'success' && lc.sentReadOnly) problems.push(...judgeSentReadOnly(lc.sentReadOnly, obs));
  for (const a of exp.assertions ?? []) {
    if (a.kind !== 'members-of') continue;
    const res = lc.others[a.group];
    const key = lc.method === 'DELETE' ? findingKey('delete', 'member-left') : findingKey('assertion', 'members');
    if (!res || res.status !== 200 || !isObject(res.json)) {
      problems.push(problem(findingKey('read-back', res?.status ?? 'none'), `GET of ${a.group} after the request answered ${res ? describeAnswer(res) : 'nothing'}`));
      continue;
    }
    const want = a.aliases.map((alias) => obs.created[alias]?.['id']).filter((v): v is string => typeof v === 'string').sort();
    const list = res.json['members'];
    const gotIds = (Array.isArray(list) ? list : []).map((m) => (isObject(m) ? m['value'] : undefined)).filter((v): v is string => typeof v === 'string').sort();
    if (!jsonEqual(gotIds, want)) {
      const names = (ids: string[]) => ids.map((id) => Object.entries(obs.created).find(([, r]) => r['id'] === id)?.[0] ?? id).join(', ') || 'none';
      problems.push(problem(key, `GET ${a.group} after the request: members expected [${names(want)}], got [${names(gotIds)}]`));
    }
  }
  return problems;
}

function judgePut(put: NonNullable<NonNullable<Observation['lifecycle']>['put']>, obs: Observation): Problem[] {
  if ('error' in put) {
    return [problem(findingKey('put', 'oracle'), `scenario inconsistent: the PUT oracle rejects this request (${put.error.status} ${put.error.scimType}: ${put.error.detail})`)];
  }
  if (!obs.before) return [];
  const problems: Problem[] = [];
  const judge = (label: string, got: unknown) => {
    if (!isObject(got)) return;
    const { expected, actual } = putComparable(comparable(put.resource, obs.schema), comparable(got, obs.schema), obs.before!, put.asserted, obs.schema);
    for (const d of diffResources(expected, actual, obs.schema, { ignore: IGNORED })) problems.push(problem(findingKey('put', 'state'), `${label}: ${d}`));
  };
  if (obs.patch.status === 200 && !obs.projected) judge('200 body', obs.patch.json);
  if (obs.after?.status === 200) judge('GET after', obs.after.json);
  return problems;
}

/** A create that sent id or meta.created: the stored resource has the server's own (RFC 7643 §3.1). */
function judgeSentReadOnly(sent: { id?: string; created?: string; lastModified?: string }, obs: Observation): Problem[] {
  const problems: Problem[] = [];
  const sources: Array<[string, unknown]> = [['201 body', obs.patch.json], ['GET after', obs.after?.status === 200 ? obs.after.json : undefined]];
  for (const [label, r] of sources) {
    if (!isObject(r)) continue;
    const meta = isObject(r['meta']) ? r['meta'] : {};
    if (sent.id !== undefined && r['id'] === sent.id) problems.push(problem(findingKey('create', 'read-only-kept'), `${label}: id is the one the client sent (${sent.id}); id is the server's to assign (RFC 7643 §3.1)`));
    for (const k of ['created', 'lastModified'] as const) {
      const v = sent[k];
      if (v !== undefined && meta[k] === v) problems.push(problem(findingKey('create', 'read-only-kept'), `${label}: meta.${k} is the one the client sent (${v}); meta is readOnly and SHALL be ignored (RFC 7643 §3.1)`));
    }
  }
  return problems;
}
