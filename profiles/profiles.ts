// Target profiles as data. A profile says how a target speaks SCIM: which leniencies the oracle
// grants when it computes the expected resource. More profiles (the seed services) come later.

export interface Profile {
  name: string;
  description: string;
  /** Options for the PATCH semantics of the oracle (see patch/ PatchOptions). */
  patchOptions: Record<string, boolean>;
}

export const PROFILES: Record<string, Profile> = {
  rfc7644: {
    name: 'rfc7644',
    description: 'Plain RFC 7644: the PATCH semantics of the RFC with the catalog\'s preferred decisions (section E).',
    patchOptions: {},
  },
};

export function profileNames(): string[] {
  return Object.keys(PROFILES).sort();
}
