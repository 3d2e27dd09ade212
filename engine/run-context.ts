// What every stage of a scenario's walk shares: the client, the ledger, the fixtures, what
// discovery learned about the target and what the run learned while setting up (engine/adapt.ts).
import type { PatchOptions } from '../patch/index.ts';
import type { Capabilities } from '../schemas/run-result.ts';
import type { ResourceSchema } from '../schemas/scim-schema.ts';
import type { Capability } from '../scenarios/scenario.ts';
import type { FixtureFactory } from '../fixtures/builders.ts';
import type { DataTemplates } from '../fixtures/templates.ts';
import type { ScimClient } from './client.ts';
import type { Ledger } from './ledger.ts';
import type { CurlAuth } from './curl.ts';
import type { ProfileRuntime } from './profile-runtime.ts';
import type { SharedPool } from './shared-pool.ts';
import type { AuthConfig, ExtraCredentials } from './config.ts';
import type { TargetKnowledge } from './adapt.ts';

export interface RunContext {
  client: ScimClient;
  ledger: Ledger;
  factory: FixtureFactory;
  capabilities: Capabilities;
  schemas: { User: ResourceSchema; Group?: ResourceSchema };
  /** The schemas came from the target's /Schemas (not the RFC's built-in ones): set-up sends only what they list. */
  schemasAdvertised?: boolean;
  endpoints: { User: string; Group: string };
  /** Semantics the oracle applies for this target's profile. */
  patchOptions: PatchOptions;
  auth: { kind: CurlAuth; headerName?: string };
  /** Epoch ms after which no new scenario starts. */
  deadline?: number;
  /** Set when the run is being interrupted (Ctrl-C): scenarios not started are counted as not run. */
  signal?: AbortSignal;
  /** Discovery paths (configured endpoints), for scenarios that send a request there. */
  discoveryPaths?: { serviceProviderConfig: string; resourceTypes: string; schemas: string };
  /** Resources that states mark `shared`, created once per session; without it each scenario creates its own. */
  shared?: SharedPool;
  /** The target's profile when it is not plain RFC 7644: dialect, vendor contract, strict view. */
  profile?: ProfileRuntime;
  /** The target's own data rules, merged into every body the states build. */
  templates?: DataTemplates;
  /** The configured credential (a wrong one of its kind is derived from it) and the optional extra ones. */
  authConfig?: AuthConfig;
  credentials?: ExtraCredentials;
  /** What set-up learned about the target: attributes it refuses or does not keep (engine/adapt.ts). */
  knowledge?: TargetKnowledge;
}

export const CAPABILITY_WHY: Record<Capability, string> = {
  patch: 'PATCH (ServiceProviderConfig patch.supported is false)',
  etag: 'ETags (ServiceProviderConfig etag.supported is false)',
  filter: 'filtering (ServiceProviderConfig filter.supported is false)',
  bulk: 'bulk operations (ServiceProviderConfig bulk.supported is false)',
  sort: 'sorting (ServiceProviderConfig sort.supported is false)',
  changePassword: 'password changes (ServiceProviderConfig changePassword.supported is false)',
  groups: 'a Group resource type (/ResourceTypes lists none)',
  enterpriseUser: 'the enterprise User extension (the User resource type does not list it)',
  cursor: 'cursor pagination (ServiceProviderConfig pagination.cursor is not true, RFC 9865)',
};
