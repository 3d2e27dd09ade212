// Before `cleanup` deletes anything from a ledger (a file that could have been edited, or a run
// whose ids were reused by the target), it reads the resource back: only one that carries the
// run's marker in its userName, externalId or displayName is deleted. Anything else is left and
// reported, never deleted.
import type { Exchange } from '../schemas/run-result.ts';
import type { ScimClient } from './client.ts';
import { clip, isObject } from './judge.ts';
import type { LedgerEntry } from './ledger.ts';

export type MarkerVerdict = 'delete' | 'gone' | { leave: string };

/** Whether the resource (as read back) carries the marker: the fixtures put it in these attributes. */
export function carriesMarker(resource: Record<string, unknown>, marker: string): boolean {
  const m = marker.toLowerCase();
  const str = (v: unknown): string | undefined => (typeof v === 'string' ? v.toLowerCase() : undefined);
  const userName = str(resource['userName']);
  const externalId = str(resource['externalId']);
  const displayName = str(resource['displayName']);
  // A marker followed by more of the run id would be another run's ("run-1" vs "run-12").
  const at = (s: string | undefined, start: boolean): boolean => {
    if (s === undefined) return false;
    const i = start ? (s.startsWith(m) ? 0 : -1) : s.indexOf(m);
    return i >= 0 && !/[a-z0-9._]/.test(s.charAt(i + m.length));
  };
  return at(userName, true) || at(externalId, false) || (resource['userName'] === undefined && at(displayName, false));
}

function describe(resource: Record<string, unknown>): string {
  const parts = ['userName', 'externalId', 'displayName']
    .filter((k) => typeof resource[k] === 'string')
    .map((k) => `${k} ${JSON.stringify(clip(String(resource[k]), 60))}`);
  return parts.length > 0 ? parts.join(', ') : 'no userName, externalId or displayName';
}

/** The check Ledger.cleanup asks before each DELETE. Never throws. */
export function markerCheck(client: ScimClient, marker: string, exchanges?: Exchange[]): (entry: LedgerEntry) => Promise<MarkerVerdict> {
  return async (entry) => {
    let res;
    try {
      res = await client.request('GET', entry.location, { purpose: 'cleanup check', ...(exchanges ? { exchanges } : {}) });
    } catch (e) {
      return { leave: `could not read it to check the run marker (${e instanceof Error ? e.message : String(e)}); not deleted` };
    }
    if (res.status === 404) return 'gone';
    if (res.status !== 200 || !isObject(res.json)) {
      return { leave: `GET answered ${res.status}, so the run marker could not be checked; not deleted` };
    }
    if (res.json['id'] !== undefined && res.json['id'] !== entry.id) {
      return { leave: `GET answered a resource with another id (${JSON.stringify(clip(String(res.json['id']), 60))}); not deleted` };
    }
    if (!carriesMarker(res.json, marker)) {
      return { leave: `it does not carry the marker ${marker} (${describe(res.json)}); not ours, not deleted` };
    }
    return 'delete';
  };
}
