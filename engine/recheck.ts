// A write whose answer never came (timeout, reset, deadline) may still have been applied. It is
// never re-sent blindly: the resource is read back and the scenario reports what the read showed.
// A set-up POST that may have created a resource is searched for by its marked name, so the
// ledger still gets it and cleanup leaves nothing behind.
import { diffResources } from '../patch/index.ts';
import type { Exchange } from '../schemas/run-result.ts';
import type { ResourceSchema, ScimResource } from '../schemas/scim-schema.ts';
import type { ScimClient } from './client.ts';
import { comparable, isObject } from './judge.ts';
import type { Ledger, LedgerKind } from './ledger.ts';
import { TargetError } from './target-error.ts';

/** The request went out, but whether the target acted on it is unknown. */
export function mayHaveBeenApplied(e: unknown): e is TargetError {
  return e instanceof TargetError && (e.kind === 'timeout' || e.kind === 'reset' || e.kind === 'deadline' || e.kind === 'other');
}

/** "the set-up POST /Users timed out (no response within 500 ms)": the first half of a reason. */
export function lostAnswer(e: TargetError, request: string): string {
  return `${what(e, request)} (${short(e)})`;
}

function what(e: TargetError, request: string): string {
  switch (e.kind) {
    case 'timeout':
      return `the ${request} timed out`;
    case 'reset':
      return `the connection was closed during the ${request}`;
    case 'deadline':
      return `the run's deadline cut the ${request} short`;
    default:
      return `the ${request} failed`;
  }
}

function short(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  return m.replace(/^target \S+:? /, '');
}

/** GET the PATCH target and say whether the change is there: one line for the scenario's reason. */
export async function recheckPatch(
  client: ScimClient,
  err: TargetError,
  input: { path: string; before: ScimResource; expected?: ScimResource; schema: ResourceSchema; exchanges: Exchange[] },
): Promise<string> {
  const head = lostAnswer(err, 'PATCH');
  let res;
  try {
    res = await client.request('GET', input.path, { purpose: 'recheck', exchanges: input.exchanges, recovery: true });
  } catch (e) {
    return `${head}; the GET afterwards failed too (${short(e)}), so whether it was applied is unknown`;
  }
  if (res.status !== 200 || !isObject(res.json)) return `${head}; the GET afterwards answered ${res.status}, so whether it was applied is unknown`;
  const now = comparable(res.json, input.schema);
  const ignore = { ignore: ['meta'] };
  const unchanged = diffResources(comparable(input.before, input.schema), now, input.schema, ignore).length === 0;
  const applied = input.expected !== undefined && diffResources(comparable(input.expected, input.schema), now, input.schema, ignore).length === 0;
  if (applied && !unchanged) return `${head}; a GET afterwards shows the change was applied`;
  if (unchanged) return `${head}; a GET afterwards shows the resource unchanged${applied ? ' (the PATCH changes nothing)' : ''}`;
  const diff = input.expected ? diffResources(comparable(input.expected, input.schema), now, input.schema, ignore)[0] : undefined;
  return `${head}; a GET afterwards shows the resource changed${diff ? `, but not as the PATCH asks (${diff})` : ''}`;
}

/**
 * After a POST of `body` whose answer was lost or unusable (`head` says how): search for it by its
 * marked userName (or displayName), record what is found in the ledger, and say what happened.
 */
export async function recheckCreate(
  client: ScimClient,
  head: string,
  input: { kind: LedgerKind; endpoint: string; body: ScimResource; ledger: Ledger; exchanges: Exchange[] },
): Promise<string> {
  const attr = input.kind === 'User' ? 'userName' : 'displayName';
  const value = input.body[attr];
  if (typeof value !== 'string') return `${head}; it may have created a resource the suite cannot find`;
  let res;
  try {
    res = await client.request('GET', input.endpoint, {
      purpose: 'recheck',
      query: { filter: `${attr} eq ${JSON.stringify(value)}` },
      exchanges: input.exchanges,
      recovery: true,
    });
  } catch (e) {
    return `${head}; the search afterwards failed too (${short(e)}): a resource may be left (its ${attr} is ${value})`;
  }
  const found = isObject(res.json) && Array.isArray(res.json['Resources']) ? res.json['Resources'].filter(isObject) : undefined;
  if (res.status !== 200 || found === undefined) {
    return `${head}; the search afterwards answered ${res.status}: a resource may be left (its ${attr} is ${value})`;
  }
  const ids = found.map((r) => r['id']).filter((id): id is string => typeof id === 'string');
  for (const id of ids) input.ledger.record({ kind: input.kind, id, location: `${input.endpoint}/${encodeURIComponent(id)}` });
  return ids.length > 0 ? `${head}; a search afterwards found it was created (recorded for cleanup)` : `${head}; a search afterwards shows nothing was created`;
}
