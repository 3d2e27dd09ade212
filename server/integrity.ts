// Server-side rules that span resources, checked inside the same synchronous step as the
// write: userName uniqueness (RFC 7643 §4.1.1, RFC 7644 §3.3 → 409 uniqueness) and group
// members that must name existing resources (RFC 7643 §2.3.7, §4.2 → 400 invalidValue).
import type { ScimResource } from '../schemas/scim-schema.ts';
import { ScimHttpError } from './errors.ts';
import { GROUP_TYPE, USER_TYPE } from './store.ts';
import type { ResourceStore } from './store.ts';

/** Attributes the server computes; values sent by clients for them are not stored. */
const SERVER_MANAGED = new Set(['id', 'meta']);
const DERIVED_BY_TYPE: Record<string, Set<string>> = { [USER_TYPE]: new Set(['groups']) };

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function resolveMemberId(store: ResourceStore, value: string): string | undefined {
  // members.value is caseExact false in RFC 7643; server ids are lower-case UUIDs.
  return store.find(value)?.id ?? store.find(value.toLowerCase())?.id;
}

/**
 * Canonical stored members: {value, display?, type}, one entry per member, $ref dropped
 * (it is rebuilt from the request's host on output) and type taken from the referenced resource.
 */
function canonicalMembers(members: unknown, store: ResourceStore, selfId: string | undefined): unknown[] {
  if (members === null || members === undefined) return [];
  if (!Array.isArray(members)) throw new ScimHttpError(400, 'members must be an array', 'invalidValue');
  const seen = new Set<string>();
  const out: unknown[] = [];
  members.forEach((member: unknown, index) => {
    if (!isPlainObject(member)) throw new ScimHttpError(400, `members[${index}] must be an object`, 'invalidValue');
    const value = member['value'];
    if (typeof value !== 'string' || value === '') {
      throw new ScimHttpError(400, `members[${index}].value is required`, 'invalidValue');
    }
    const id = resolveMemberId(store, value);
    if (id === undefined) {
      throw new ScimHttpError(400, `members[${index}].value "${value}" is not the id of an existing User or Group`, 'invalidValue');
    }
    if (id === selfId) throw new ScimHttpError(400, 'A group cannot be a member of itself', 'invalidValue');
    if (seen.has(id)) return;
    seen.add(id);
    const entry: Record<string, unknown> = { value: id };
    if (typeof member['display'] === 'string') entry['display'] = member['display'];
    entry['type'] = store.find(id)?.resourceType ?? USER_TYPE;
    out.push(entry);
  });
  return out;
}

/**
 * The data to store for a resource built by normalizeResource or applyPatch: server-managed
 * and derived attributes removed, members canonical and checked. Throws 400 invalidValue.
 */
export function toStoredData(
  resource: ScimResource,
  resourceType: string,
  store: ResourceStore,
  selfId?: string,
): ScimResource {
  const derived = DERIVED_BY_TYPE[resourceType];
  const data: ScimResource = {};
  for (const [key, value] of Object.entries(resource)) {
    if (key === '__proto__' || SERVER_MANAGED.has(key) || derived?.has(key)) continue;
    if (resourceType === GROUP_TYPE && key === 'members') {
      const members = canonicalMembers(value, store, selfId);
      if (members.length > 0) data[key] = members;
      continue;
    }
    data[key] = value;
  }
  return data;
}

/** Throws 409 uniqueness when another user already holds this userName (case-insensitive). */
export function checkUniqueness(data: ScimResource, resourceType: string, store: ResourceStore, selfId?: string): void {
  if (resourceType !== USER_TYPE) return;
  const userName = data['userName'];
  if (typeof userName !== 'string') return;
  const holder = store.findByUserName(userName);
  if (holder !== undefined && holder.id !== selfId) {
    throw new ScimHttpError(409, `userName "${userName}" is already in use`, 'uniqueness');
  }
}

export function memberIdsOf(data: ScimResource | undefined): Set<string> {
  const ids = new Set<string>();
  const members = data?.['members'];
  if (Array.isArray(members)) {
    for (const m of members) if (isPlainObject(m) && typeof m['value'] === 'string') ids.add(m['value']);
  }
  return ids;
}

/**
 * Ids whose derived User.groups changes when a group goes from `before` to `after`
 * (undefined = the group does not exist): members that joined or left, or all members
 * when the group's displayName (shown as groups[].display) changed.
 */
export function membersAffected(before: ScimResource | undefined, after: ScimResource | undefined): Set<string> {
  const old = memberIdsOf(before);
  const now = memberIdsOf(after);
  const renamed = before !== undefined && after !== undefined && before['displayName'] !== after['displayName'];
  const affected = new Set<string>();
  for (const id of old) if (renamed || !now.has(id)) affected.add(id);
  for (const id of now) if (renamed || !old.has(id)) affected.add(id);
  return affected;
}
