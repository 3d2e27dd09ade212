// `scim-conformance merge a/result.json b/result.json ...`: the shards of one run joined into one
// result, one set of reports and one gate decision (exit code as for `run`).
import { join } from 'node:path';
import { mergeResults, MergeError } from '../engine/merge.ts';
import { decideGate } from '../engine/gate.ts';
import { readExpectations, type Expectations } from '../engine/expectations.ts';
import { writeReports } from '../reporters/write-reports.ts';
import { renderConsole } from '../reporters/console-reporter.ts';
import { EXIT } from './exit-codes.ts';
import { UserError } from './user-error.ts';
import { readResult } from './matrix-command.ts';

export interface MergeFlags {
  out?: string;
  strict?: boolean;
  expect?: string;
  verbose?: boolean;
}

export async function mergeCommand(files: string[], flags: MergeFlags): Promise<number> {
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
  const paths = await writeReports(merged, dir);
  process.stdout.write(renderConsole(merged, { color: !!process.stdout.isTTY && !process.env['NO_COLOR'], verbose: !!flags.verbose }));
  const gate = decideGate(merged, { strict: !!flags.strict, ...(expectations ? { expectations } : {}) });
  for (const line of gate.lines) process.stdout.write(`${line}\n`);
  process.stdout.write(`\nMerged ${files.length} result(s). Reports in ${dir}/\n  ${paths.json}\n  ${paths.markdown}\n  ${paths.html}\n  ${paths.junit}\n`);
  return gate.exitCode;
}
