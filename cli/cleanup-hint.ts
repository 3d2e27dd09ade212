// What `run` prints when it leaves resources on the target (cleanup cut by --deadline, or DELETEs
// the target kept refusing): how many, where they are listed, and the exact `cleanup` command that
// finishes the job. Never a credential: the command names the target, the credential flags are a hint.
import type { RunResult } from '../schemas/run-result.ts';
import { publicUrl } from '../engine/run.ts';

/** The settings of the run that the cleanup command must repeat. */
export interface HintSettings {
  /** The config file the run read (cleanup reads the same one), if any. */
  configFile?: string;
  /** The target as given (without a config file). */
  baseUrl: string;
  /** The run folder's parent; "runs" is the default and is left out. */
  outDir: string;
  /** A profile other than rfc7644 (cleanup must address the same base path). */
  profile?: string;
}

const DEFAULT_OUT_DIR = 'runs';

/** An argument as a POSIX shell reads it back unchanged. */
export function shellArg(value: string): string {
  return /^[A-Za-z0-9_./:@%+=,-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

/** The exact command that deletes what the run left. */
export function cleanupCommandLine(runId: string, settings: HintSettings): string {
  const args = ['scim-conformance', 'cleanup', '--run', runId];
  if (settings.configFile !== undefined) args.push('--config', settings.configFile);
  else args.push('--target', publicUrl(settings.baseUrl));
  if (settings.profile !== undefined && settings.profile !== 'rfc7644') args.push('--profile', settings.profile);
  if (settings.outDir !== DEFAULT_OUT_DIR) args.push('--out-dir', settings.outDir);
  return args.map((a, i) => (i < 2 ? a : shellArg(a))).join(' ');
}

/**
 * Lines for the terminal when the run left resources behind; none when it left nothing or ran
 * against the embedded server (which takes its resources with it when the run ends).
 */
export function cleanupHint(result: RunResult, settings: HintSettings): string[] {
  const left = result.leftovers.length;
  if (left === 0 || result.run.target.embedded) return [];
  const byDeadline = result.leftovers.some((l) => l.reason.startsWith('deadline:'));
  const why = byDeadline ? 'cleanup stopped at the deadline' : 'cleanup could not delete everything';
  return [
    `${why}: ${left} resource(s) this run created are still on the target (listed in result.json "leftovers"). Delete them with:`,
    `  ${cleanupCommandLine(result.run.id, settings)}`,
    '  giving it the credential of this run the same way (SCIM_TOKEN or --token, --user/--password, --auth-header, --header, --ca-file, --insecure).',
  ];
}
