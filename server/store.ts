// In-memory resource store: records with server-assigned UUIDs, a version counter and
// timestamps, plus the two indexes the server needs on every write (userName uniqueness
// and group membership). Everything is synchronous: a caller that reads, checks and writes
// without awaiting in between can never lose a concurrent update.
import { randomUUID } from 'node:crypto';
import type { ScimResource } from '../schemas/scim-schema.ts';
import { MonotonicClock } from './clock.ts';

export interface StoredResource {
  readonly id: string;
  /** Resource type name, e.g. "User". */
  readonly resourceType: string;
  /** Attributes except id, meta and derived ones (User.groups, members[].$ref). */
  readonly data: ScimResource;
  readonly created: string;
  readonly lastModified: string;
  /** Incremented on every effective change; served as the weak ETag W/"<version>". */
  readonly version: number;
}

export const USER_TYPE = 'User';
export const GROUP_TYPE = 'Group';

/** The key userName uniqueness is checked on: userName is caseExact false (RFC 7643 §4.1.1). */
export function userNameKey(userName: string): string {
  return userName.normalize('NFC').toLowerCase();
}

function memberIds(data: ScimResource): string[] {
  const members = data['members'];
  if (!Array.isArray(members)) return [];
  const ids: string[] = [];
  for (const member of members) {
    const value = (member as { value?: unknown } | null)?.value;
    if (typeof value === 'string') ids.push(value);
  }
  return ids;
}

export class ResourceStore {
  private readonly records = new Map<string, StoredResource>();
  private readonly byUserName = new Map<string, string>();
  /** member id → ids of the groups that list it. */
  private readonly memberOf = new Map<string, Set<string>>();
  readonly clock: MonotonicClock;

  constructor(clock: MonotonicClock = new MonotonicClock()) {
    this.clock = clock;
  }

  get size(): number {
    return this.records.size;
  }

  /** The record with this id and type; undefined for unknown or deleted ids. */
  get(resourceType: string, id: string): StoredResource | undefined {
    const record = this.records.get(id);
    return record !== undefined && record.resourceType === resourceType ? record : undefined;
  }

  /** The record with this id, whatever its type. */
  find(id: string): StoredResource | undefined {
    return this.records.get(id);
  }

  /** Records of one type in creation order. */
  list(resourceType: string): StoredResource[] {
    const out: StoredResource[] = [];
    for (const record of this.records.values()) if (record.resourceType === resourceType) out.push(record);
    return out;
  }

  /** The user holding this userName (compared case-insensitively). */
  findByUserName(userName: string): StoredResource | undefined {
    const id = this.byUserName.get(userNameKey(userName));
    return id === undefined ? undefined : this.records.get(id);
  }

  /** Groups whose members include this id, in creation order. */
  groupsOf(memberId: string): StoredResource[] {
    const ids = this.memberOf.get(memberId);
    if (ids === undefined) return [];
    const groups: StoredResource[] = [];
    for (const id of ids) {
      const group = this.records.get(id);
      if (group !== undefined) groups.push(group);
    }
    // The clock never repeats a timestamp, so creation time gives creation order.
    return groups.sort((a, b) => (a.created < b.created ? -1 : a.created > b.created ? 1 : 0));
  }

  create(resourceType: string, data: ScimResource): StoredResource {
    let id = randomUUID();
    while (this.records.has(id)) id = randomUUID();
    const now = this.clock.next();
    const record: StoredResource = {
      id,
      resourceType,
      data: structuredClone(data),
      created: now,
      lastModified: now,
      version: 1,
    };
    this.records.set(id, record);
    this.index(record);
    return record;
  }

  /** Replaces the data of an existing record and bumps its version and lastModified. */
  update(resourceType: string, id: string, data: ScimResource): StoredResource {
    const current = this.require(resourceType, id);
    this.unindex(current);
    const record: StoredResource = {
      ...current,
      data: structuredClone(data),
      lastModified: this.clock.next(),
      version: current.version + 1,
    };
    this.records.set(id, record);
    this.index(record);
    return record;
  }

  /** Bumps version and lastModified of a record whose derived attributes changed (User.groups). */
  touch(id: string): void {
    const current = this.records.get(id);
    if (current === undefined) return;
    this.records.set(id, { ...current, lastModified: this.clock.next(), version: current.version + 1 });
  }

  /** Overwrites version and/or lastModified; only the seeded defects (defects.ts) use it. */
  restamp(id: string, stamp: { version?: number; lastModified?: string }): StoredResource | undefined {
    const current = this.records.get(id);
    if (current === undefined) return undefined;
    const record: StoredResource = { ...current, ...stamp };
    this.records.set(id, record);
    return record;
  }

  delete(resourceType: string, id: string): StoredResource | undefined {
    const current = this.get(resourceType, id);
    if (current === undefined) return undefined;
    this.unindex(current);
    this.records.delete(id);
    return current;
  }

  private require(resourceType: string, id: string): StoredResource {
    const record = this.get(resourceType, id);
    if (record === undefined) throw new Error(`no ${resourceType} with id ${id} in the store`);
    return record;
  }

  private index(record: StoredResource): void {
    const userName = record.data['userName'];
    if (record.resourceType === USER_TYPE && typeof userName === 'string') {
      this.byUserName.set(userNameKey(userName), record.id);
    }
    if (record.resourceType === GROUP_TYPE) {
      for (const memberId of memberIds(record.data)) {
        let groups = this.memberOf.get(memberId);
        if (groups === undefined) this.memberOf.set(memberId, (groups = new Set()));
        groups.add(record.id);
      }
    }
  }

  private unindex(record: StoredResource): void {
    const userName = record.data['userName'];
    if (record.resourceType === USER_TYPE && typeof userName === 'string') {
      const key = userNameKey(userName);
      if (this.byUserName.get(key) === record.id) this.byUserName.delete(key);
    }
    if (record.resourceType === GROUP_TYPE) {
      for (const memberId of memberIds(record.data)) {
        const groups = this.memberOf.get(memberId);
        groups?.delete(record.id);
        if (groups?.size === 0) this.memberOf.delete(memberId);
      }
    }
  }
}
