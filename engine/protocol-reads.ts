// Reads the protocol families' assertions judge besides the answer itself: /Schemas for a
// ResourceType cross-check, the ServiceProviderConfig for "advertised matches behaviour", and the
// resources a bulk request created or changed (by the location its BulkResponse gives, or by a
// placeholder of the starting state).
import type { Exchange } from '../schemas/run-result.ts';
import type { Scenario } from '../scenarios/scenario.ts';
import type { ProtocolAssertion } from '../scenarios/protocol.ts';
import { resolvePlaceholders } from '../scenarios/resolve-placeholders.ts';
import type { RunContext } from './run-context.ts';
import { isObject, type ObservedResponse } from './judge.ts';
import { concretePath, idOfLocation } from './protocol-prepare.ts';
import type { Acted } from './stages/act.ts';
import type { Created } from './stages/set-up.ts';

const PROTOCOL_KINDS = new Set(['discovery', 'bulk', 'bulk-circle', 'bulk-limit', 'me']);

/** The scenario's protocol assertions, over every outcome it allows. */
export function protocolAssertions(scenario: Scenario): ProtocolAssertion[] {
  const all = [scenario.expect, scenario.acceptable, ...(scenario.alsoConformant ?? [])].flatMap((e) => e?.assertions ?? []);
  return all.filter((a): a is ProtocolAssertion => PROTOCOL_KINDS.has(a.kind));
}

/** Key of a bulk read in Observation.extra. */
export const readKey = (path: string): string => `read:${path}`;

export async function protocolReads(ctx: RunContext, scenario: Scenario, acted: Acted, created: Created, exchanges: Exchange[]): Promise<Record<string, ObservedResponse> | undefined> {
  const assertions = protocolAssertions(scenario);
  if (assertions.length === 0) return undefined;
  const out: Record<string, ObservedResponse> = {};
  const get = async (key: string, path: string): Promise<void> => {
    if (key in out) return;
    const res = await ctx.client.request('GET', path, { purpose: 'verify', exchanges });
    out[key] = { status: res.status, json: res.json, text: res.text, headers: res.headers };
  };
  for (const a of assertions) {
    if (a.kind === 'discovery') {
      if (a.rule === 'resource-types-schemas-listed' || a.rule === 'schemas-not-offered') await get('schemas', ctx.discoveryPaths?.schemas ?? '/Schemas');
      if (a.rule.startsWith('advertised:')) await get('spc', ctx.discoveryPaths?.serviceProviderConfig ?? '/ServiceProviderConfig');
    }
    if ((a.kind === 'bulk' || a.kind === 'bulk-circle') && acted.response.status === 200) {
      for (const r of a.reads ?? []) {
        const path = bulkReadPath(ctx, r.path, created, acted.response.json);
        if (path !== undefined) await get(readKey(r.path), path);
      }
    }
  }
  return out;
}

/** A bulk read's path with its placeholders and bulkId resolved; undefined when the BulkResponse names no resource for it. */
export function bulkReadPath(ctx: Pick<RunContext, 'endpoints'>, path: string, created: Created, bulkResponse: unknown): string | undefined {
  const withAliases = String(resolvePlaceholders(path, created.resources));
  const m = /bulkId:([^/]+)$/.exec(withAliases);
  if (!m) return concretePath(ctx, withAliases);
  const id = createdId(bulkResponse, m[1]!);
  return id === undefined ? undefined : concretePath(ctx, withAliases.replace(/bulkId:[^/]+$/, encodeURIComponent(id)));
}

/** The id the BulkResponse's operation with this bulkId created (from its location). */
export function createdId(bulkResponse: unknown, bulkId: string): string | undefined {
  const ops = isObject(bulkResponse) && Array.isArray(bulkResponse['Operations']) ? bulkResponse['Operations'] : [];
  const op = ops.find((o) => isObject(o) && o['bulkId'] === bulkId);
  return isObject(op) ? idOfLocation(op['location']) : undefined;
}
