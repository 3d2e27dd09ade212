// The credential a security scenario sends instead of the configured one: none, a wrong one of the
// same kind (so the target sees a well-formed but invalid credential), or the configuration's
// optional limited / other-tenant credential.
import { randomBytes } from 'node:crypto';
import type { RequestCredential } from '../scenarios/scenario.ts';
import type { AuthConfig, ExtraCredentials } from './config.ts';

export type RequestAuth = AuthConfig | 'none';

/** Why a scenario needing this credential cannot run, or undefined when it can. */
export function missingCredential(credential: RequestCredential | undefined, extra: ExtraCredentials | undefined): string | undefined {
  if (credential === 'limited' && !extra?.limited) {
    return 'needs a limited (read-only) credential: set credentials.limited in the config file';
  }
  if (credential === 'other-tenant' && !extra?.otherTenant) {
    return "needs another tenant's credential: set credentials.otherTenant in the config file";
  }
  return undefined;
}

/** The auth override for one request; undefined = the configured credential. */
export function requestAuth(credential: RequestCredential | undefined, auth: AuthConfig, extra: ExtraCredentials | undefined): RequestAuth | undefined {
  switch (credential) {
    case undefined:
      return undefined;
    case 'none':
      return 'none';
    case 'wrong':
      return wrongCredential(auth);
    case 'limited':
      return extra?.limited;
    case 'other-tenant':
      return extra?.otherTenant;
  }
}

/** A credential of the same kind that no target can have issued. */
export function wrongCredential(auth: AuthConfig): AuthConfig {
  const junk = `scimconf-wrong-${randomBytes(16).toString('hex')}`;
  switch (auth.kind) {
    case 'basic':
      return { kind: 'basic', username: auth.username, password: junk };
    case 'header':
      return { kind: 'header', name: auth.name, value: junk };
    default:
      return { kind: 'bearer', token: junk };
  }
}
