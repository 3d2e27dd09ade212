// Resolves a profile name from the config to its data, with a clear error for an unknown name.
import { PROFILES, profileNames, type Profile } from '../profiles/profiles.ts';
import type { PatchOptions } from '../patch/index.ts';

export class UnknownProfileError extends Error {}

export function profileFor(name: string): Profile & { patchOptions: PatchOptions } {
  const profile = PROFILES[name];
  if (!profile) throw new UnknownProfileError(`config: profile: unknown profile "${name}" (known: ${profileNames().join(', ')})`);
  return profile;
}
