// The scenario's own assertions (scenarios/scenario.ts Assertion): true or false of the observed
// exchange, independent of the oracle. Each problem carries its finding key.
import { getValue, PatchError } from '../patch/index.ts';
import type { ResourceSchema, ScimResource } from '../schemas/scim-schema.ts';
import type { Assertion } from '../scenarios/scenario.ts';
import { resolvePlaceholders } from '../scenarios/resolve-placeholders.ts';
import { findingKey, problem, type Problem } from './findings.ts';
import { checkProtocolAssertion } from './protocol-judge.ts';
import { isObject, isUnassigned, jsonEqual, clip, type Observation } from './judge.ts';
import { judgeList } from './list-oracle.ts';

export function checkAssertions(assertions: Assertion[], obs: Observation, defaultIn: 'both' | 'get'): Problem[] {
  const problems: Problem[] = [];
  const neverReturned = new Set(obs.schema.core.attributes.filter((d) => d.returned === 'never').map((d) => d.name.toLowerCase()));
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
          // A returned:"never" attribute is judged once for every response by checks.returned-never
          // (and by the password scenarios' never-returned assertion), not again by each PATCH.
          if (a.kind === 'absent' && neverReturned.has(a.path.toLowerCase())) continue;
          if (a.kind === 'absent' && !isUnassigned(got)) problems.push(problem('assertion:absent', `${label}: ${a.path} should be absent, got ${show(got)}`));
          if (a.kind === 'present' && isUnassigned(got)) problems.push(problem('assertion:present', `${label}: ${a.path} should be present`));
          if (a.kind === 'equals') {
            const want = resolvePlaceholders(a.value, obs.created);
            if (!jsonEqual(got, want)) problems.push(problem(a.path.toLowerCase() === 'id' ? 'id-changed' : 'assertion:equals', `${label}: ${a.path} expected ${show(want)}, got ${show(got)}`));
          }
          if (a.kind === 'count') {
            const n = isUnassigned(got) ? 0 : Array.isArray(got) ? got.length : 1;
            if (n !== a.count) problems.push(problem('assertion:count', `${label}: ${a.path} expected ${a.count} value(s), got ${n}`));
          }
        }
        break;
      case 'only-attributes': {
        if (obs.patch.status !== 200 || !isObject(obs.patch.json)) break; // the status check reports it
        const allowed = new Set(['id', 'schemas', 'meta', ...a.attributes.map((n) => n.toLowerCase())]);
        // A returned:"never" attribute (password) is the returned-never check's, not this one's.
        const extra = Object.keys(obs.patch.json).filter((k) => !allowed.has(k.toLowerCase()) && !neverReturned.has(k.toLowerCase()));
        if (extra.length > 0) problems.push(problem('attributes-ignored', `200 body: attributes not requested are returned: ${extra.join(', ')}`));
        for (const name of a.attributes) {
          const src = obs.after && isObject(obs.after.json) ? obs.after.json : undefined;
          const inResource = src && Object.keys(src).some((k) => k.toLowerCase() === name.toLowerCase());
          const inBody = Object.keys(obs.patch.json).some((k) => k.toLowerCase() === name.toLowerCase());
          if (inResource && !inBody) problems.push(problem('attributes-ignored', `200 body: requested attribute ${name} is missing`));
        }
        break;
      }
      case 'single-primary':
        for (const [label, res] of targets(a.in)) {
          for (const [key, value] of Object.entries(res)) {
            if (!Array.isArray(value)) continue;
            const n = value.filter((e) => isObject(e) && e['primary'] === true).length;
            if (n > 1) problems.push(problem('assertion:single-primary', `${label}: ${key} has ${n} values with primary true (RFC 7643 §2.4 allows one)`));
          }
        }
        break;
      case 'never-returned': {
        // The scenarios whose own requirement is the password (security.password.*): they judge it
        // themselves, with the same finding as the cross-cutting check.
        const leaks = (body: unknown): string | undefined => {
          const resources = isObject(body) && Array.isArray(body['Resources']) ? body['Resources'] : [body];
          for (const r of resources) if (isObject(r)) for (const k of Object.keys(r)) if (neverReturned.has(k.toLowerCase())) return k;
          return undefined;
        };
        const inAnswer = obs.patch.status < 300 ? leaks(obs.patch.json) : undefined;
        if (inAnswer) problems.push(problem('returned-never', `the answer returns ${inAnswer}, whose schema says returned "never" (RFC 7643 §4.1.1)`));
        const inGet = obs.after && isObject(obs.after.json) ? leaks(obs.after.json) : undefined;
        if (inGet) problems.push(problem('returned-never', `GET returns ${inGet}, whose schema says returned "never" (RFC 7643 §4.1.1)`));
        break;
      }
      case 'header': {
        const name = a.name.toLowerCase();
        if (!Object.keys(obs.patch.headers).some((h) => h.toLowerCase() === name)) problems.push(problem(findingKey('assertion', 'header', a.name.toLowerCase()), `the answer has no ${a.name} header`));
        break;
      }
      case 'listed': {
        const body = obs.patch.json;
        const resources = isObject(body) && Array.isArray(body['Resources']) ? body['Resources'] : undefined;
        if (obs.patch.status !== 200 || !resources) {
          if (obs.patch.status === 200) problems.push(problem('assertion:listed', '200 without a ListResponse (Resources)'));
          break; // a wrong status is the status check's to report
        }
        const want = a.aliases.map((alias) => obs.created[alias]?.['id']).filter((v): v is string => typeof v === 'string').sort();
        const got = resources.map((r) => (isObject(r) ? r['id'] : undefined)).filter((v): v is string => typeof v === 'string').sort();
        if (!jsonEqual(got, want)) {
          const names = (ids: string[]) => ids.map((id) => aliasOf(id, obs.created)).join(', ') || 'none';
          problems.push(problem('assertion:listed', `ListResponse: expected [${names(want)}], got [${names(got)}]`));
        }
        break;
      }
      case 'list':
        problems.push(...judgeList(a, obs));
        break;
      case 'discovery':
      case 'bulk':
      case 'bulk-circle':
      case 'bulk-limit':
      case 'me':
        problems.push(...checkProtocolAssertion(a, obs));
        break;
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
          problems.push(problem('assertion:members', `GET after: members expected [${names(want)}], got [${names(got)}]`));
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


function show(value: unknown): string {
  return value === undefined ? 'nothing' : clip(JSON.stringify(value), 120);
}
