// What a target configuration is (engine/config.ts builds it): the merged, validated and frozen
// settings, the command-line flags it is built from, and the one error type every source throws.
import type { Capabilities } from '../schemas/run-result.ts';
import type { DataTemplates } from '../fixtures/templates.ts';

export type AuthConfig =
  | { kind: 'none' }
  | { kind: 'bearer'; token: string }
  | { kind: 'basic'; username: string; password: string }
  | { kind: 'header'; name: string; value: string }
  | { kind: 'oauth2'; tokenUrl: string; clientId: string; clientSecret: string; scope?: string };

export interface TargetConfig {
  /** Absolute http(s) URL of the SCIM root, no trailing slash. */
  baseUrl: string;
  endpoints: { users: string; groups: string; serviceProviderConfig: string; resourceTypes: string; schemas: string };
  auth: AuthConfig;
  /** Extra headers on every request. */
  headers: Record<string, string>;
  mediaType: string;
  tls: { caFile?: string; allowSelfSigned: boolean };
  /** Per request. */
  timeoutMs: number;
  concurrency: number;
  profile: string;
  /** Overrides of discovered capabilities. */
  capabilities: Partial<Capabilities>;
  seed?: number;
  outDir: string;
  /** Response body cap. */
  maxBodyBytes: number;
  /** Values for profile path templates like {envID}. */
  templateValues: Record<string, string>;
  /** Retries of a throttled request (429, 503 with Retry-After); unset = 3. */
  retries?: number;
  /** Requests per second at most; unset = as fast as concurrency allows. */
  rate?: number;
  /** The target's own rules for created users and groups, merged into every fixture (fixtures/templates.ts). */
  templates?: DataTemplates;
  /** Further credentials for the security checks: a read-only one and another tenant's. */
  credentials?: ExtraCredentials;
}

export interface ExtraCredentials {
  limited?: AuthConfig;
  otherTenant?: AuthConfig;
}

/** Command-line flags as the CLI parsed them; numbers may still be the raw strings. */
export interface FlagValues {
  target: string;
  token: string;
  user: string;
  password: string;
  /** "Name: value" */
  authHeader: string;
  /** Each "Name: value" */
  header: string[];
  mediaType: string;
  caFile: string;
  insecure: boolean;
  timeoutMs: string | number;
  concurrency: string | number;
  profile: string;
  seed: string | number;
  outDir: string;
  retries: string | number;
  rate: string | number;
}

export class ConfigError extends Error {
  constructor(field: string, problem: string) {
    super(`config: ${field}: ${problem}`);
    this.name = 'ConfigError';
  }
}
