// Resources that scenarios only refer to (the users a group lists, a user's manager) are created
// once per session and shared: the first scenario that needs one creates it, the others wait for the
// same promise. The ledger records them like any other resource, so they are deleted at the end.
import type { ScimResource } from '../schemas/scim-schema.ts';

export interface SharedResource {
  resource: ScimResource;
  /** The ETag header of the creation, if any. */
  etag?: string;
}

export class SharedPool {
  readonly #entries = new Map<string, Promise<SharedResource>>();
  /** Ids of the shared resources created so far (a scenario must not delete them with its own). */
  readonly #ids = new Set<string>();

  /**
   * The resource under `key`, created by `create` on first use. A failed creation is not kept:
   * every scenario waiting for it sees the failure, and the next one tries again.
   */
  get(key: string, create: () => Promise<SharedResource>): Promise<SharedResource> {
    const existing = this.#entries.get(key);
    if (existing) return existing;
    const pending = create();
    this.#entries.set(key, pending);
    // Registered before any waiter's own continuation, so the id is known once get() resolves.
    pending.then(
      (r) => {
        if (typeof r.resource['id'] === 'string') this.#ids.add(r.resource['id']);
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

  /** How many shared resources exist or are being created. */
  get size(): number {
    return this.#entries.size;
  }
}
