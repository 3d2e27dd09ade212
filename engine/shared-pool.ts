// Resources that scenarios only read are created once per session and shared:
// - single resources that scenarios only refer to (the users a group lists, a user's manager);
// - whole starting states that their scenarios only query (the list families' users and groups),
//   created as one unit because their resources refer to each other.
// The first scenario that needs one creates it, the others wait for the same promise. The ledger
// records them like any other resource, so they are deleted at the end.
import type { ScimResource } from '../schemas/scim-schema.ts';

export interface SharedResource {
  resource: ScimResource;
  /** The ETag header of the creation, if any. */
  etag?: string;
}

export class SharedPool {
  readonly #entries = new Map<string, Promise<unknown>>();
  /** Ids of the shared resources created so far (a scenario must not delete them with its own). */
  readonly #ids = new Set<string>();

  /**
   * The resource under `key`, created by `create` on first use. A failed creation is not kept:
   * every scenario waiting for it sees the failure, and the next one tries again.
   */
  get<T extends SharedResource>(key: string, create: () => Promise<T>): Promise<T> {
    return this.#share(key, create, (r) => [r]);
  }

  /**
   * The resources of a unit (by alias) under `key`, created together by `create` on first use, with
   * the same failure rule as `get`: what a failed unit did create stays the creating scenario's own.
   */
  unit<T extends SharedResource>(key: string, create: () => Promise<Record<string, T>>): Promise<Record<string, T>> {
    return this.#share(key, create, (u) => Object.values(u));
  }

  #share<T>(key: string, create: () => Promise<T>, members: (made: T) => SharedResource[]): Promise<T> {
    const existing = this.#entries.get(key) as Promise<T> | undefined;
    if (existing) return existing;
    const pending = create();
    this.#entries.set(key, pending);
    // Registered before any waiter's own continuation, so the ids are known once the promise resolves.
    pending.then(
      (made) => {
        for (const r of members(made)) if (typeof r.resource['id'] === 'string') this.#ids.add(r.resource['id']);
      },
      () => undefined,
    );
    pending.catch(() => {
      if (this.#entries.get(key) === pending) this.#entries.delete(key);
    });
    return pending;
  }

  /** Whether `id` is one of the shared resources. */
  holds(id: string): boolean {
    return this.#ids.has(id);
  }

  /** How many shared resources or units exist or are being created. */
  get size(): number {
    return this.#entries.size;
  }
}
