// The target flags shared by `run` and `cleanup`, mapped onto the config loader's flag values.
import type { FlagValues } from '../engine/config.ts';

export interface TargetFlags {
  config?: string;
  target?: string;
  token?: string;
  user?: string;
  password?: string;
  authHeader?: string;
  header?: string[];
  mediaType?: string;
  caFile?: string;
  insecure?: boolean;
  timeoutMs?: string;
  concurrency?: string;
  profile?: string;
  seed?: string;
  outDir?: string;
  retries?: string;
  rate?: string;
}

export function toFlagValues(flags: TargetFlags): Partial<FlagValues> {
  const out: Partial<FlagValues> = {};
  if (flags.target !== undefined) out.target = flags.target;
  if (flags.token !== undefined) out.token = flags.token;
  if (flags.user !== undefined) out.user = flags.user;
  if (flags.password !== undefined) out.password = flags.password;
  if (flags.authHeader !== undefined) out.authHeader = flags.authHeader;
  if (flags.header !== undefined && flags.header.length > 0) out.header = flags.header;
  if (flags.mediaType !== undefined) out.mediaType = flags.mediaType;
  if (flags.caFile !== undefined) out.caFile = flags.caFile;
  if (flags.insecure) out.insecure = true;
  if (flags.timeoutMs !== undefined) out.timeoutMs = flags.timeoutMs;
  if (flags.concurrency !== undefined) out.concurrency = flags.concurrency;
  if (flags.profile !== undefined) out.profile = flags.profile;
  if (flags.seed !== undefined) out.seed = flags.seed;
  if (flags.outDir !== undefined) out.outDir = flags.outDir;
  if (flags.retries !== undefined) out.retries = flags.retries;
  if (flags.rate !== undefined) out.rate = flags.rate;
  return out;
}
