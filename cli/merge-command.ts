// `scim-conformance merge a/result.json b/result.json ...`: the shards of one run joined into one
// result, one set of reports and one gate decision (exit code as for `run`).
import { join } from 'node:path';
import { mergeResults, MergeError } from '../engine/merge.ts';
import { decideGate, type GateOptions } from '../engine/gate.ts';
import { readExpectations, type Expectations } from '../engine/expectations.ts';
import { writeReports } from '../reporters/write-reports.ts';
import { parseFormat, printRun } from './run-output.ts';
import { EXIT } from './exit-codes.ts';
import { UserError } from './user-error.ts';
import { readResult } from './matrix-command.ts';

export interface MergeFlags {
  out?: string;
  strict?: boolean;
  expect?: string;
  verbose?: boolean;
  quiet?: boolean;
  /** text (default), json (the merged result on stdout) or summary-json. */
  format?: string;
}

export async function mergeCommand(files: string[], flags: MergeFlags): Promise<number> {
  const format = parseFormat(flags.format);
  let expectations: Expectations | undefined;
  if (flags.expect) {
    try {
      expectations = await readExpectations(flags.expect);
    } catch (e) {
      throw new UserError(e instanceof Error ? e.message : String(e), EXIT.usage);
    }
  }
  const inputs = files.map((file) => ({ source: file, result: readResult(file) }));
  let merged;
  try {
    merged = mergeResults(inputs);
  } catch (e) {
    if (e instanceof MergeError) throw new UserError(`merge: ${e.message}`, EXIT.usage);
    throw e;
  }
  const dir = flags.out ?? join('runs', merged.run.id);
  const options: GateOptions = { strict: !!flags.strict, ...(expectations ? { expectations } : {}) };
  const gate = decideGate(merged, options);
  const paths = await writeReports(merged, dir, { gate });
  printRun(
    { result: merged, gate, options, dir, reports: { ...paths }, heading: `Merged ${files.length} result(s). Reports in` },
    { format, quiet: !!flags.quiet, verbose: !!flags.verbose, stdout: process.stdout, stderr: process.stderr, noColor: !!process.env['NO_COLOR'] },
  );
  return gate.exitCode;
}
