// The `scim-conformance` command: parses flags, starts the embedded server when no target is
// given, runs, writes the reports, prints the summary and turns the gate into an exit code.
import { Command, CommanderError, Option } from 'commander';
import { SUITE } from '../engine/suite-info.ts';
import { EXIT } from './exit-codes.ts';
// Each command's module is imported inside its action, so `--version` and `--help` load only commander.
import type { RunFlags } from './run-command.ts';
import type { ServeFlags } from './serve-command.ts';
import type { ListFlags } from './list-command.ts';
import type { MatrixFlags } from './matrix-command.ts';
import type { CleanupFlags } from './cleanup-command.ts';
import type { MergeFlags } from './merge-command.ts';
import { UserError } from './user-error.ts';

function targetOptions(cmd: Command): Command {
  return cmd
    .option('-c, --config <file>', 'JSON config file (validated; ${ENV_VAR} substitution for secrets)')
    .option('-t, --target <url>', 'base URL of the SCIM server (env SCIM_BASE_URL); without a target the embedded reference server is used')
    .option('--token <token>', 'bearer token (env SCIM_TOKEN)')
    .option('--user <name>', 'basic auth user name (env SCIM_USERNAME)')
    .option('--password <password>', 'basic auth password (env SCIM_PASSWORD)')
    .option('--auth-header <header>', 'custom auth header "Name: value" (env SCIM_AUTH_HEADER + SCIM_AUTH_VALUE)')
    .option('-H, --header <header>', 'extra header "Name: value" on every request (repeatable)', collect, [])
    .option('--media-type <type>', 'Content-Type of request bodies (default application/scim+json)')
    .option('--ca-file <file>', 'PEM file of the CA that signed the target certificate')
    .option('--insecure', 'accept a self-signed or otherwise untrusted certificate')
    .option('--timeout-ms <ms>', 'timeout of each request in milliseconds (default 10000)')
    .option('--concurrency <n>', 'scenarios run at once (default 8)')
    .option('--profile <name>', 'target profile (default rfc7644)')
    .option('--seed <n>', 'seed for the generated test data, to reproduce a run')
    .option('--out-dir <dir>', 'where run folders are written (default runs)')
    .option('--retries <n>', 'retries of a throttled request (429, or 503 with Retry-After), waiting out Retry-After (default 3)')
    .option('--rate <n>', 'at most this many requests per second (for targets that must be treated gently)');
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** `switchesHelp`: the defect and quirk list shown after `run --help` and `serve --help` (loaded only then). */
export function buildProgram(setExit: (code: number) => void, switchesHelp = ''): Command {
  const program = new Command();
  program
    .name('scim-conformance')
    .description('Conformance tests for SCIM 2.0 servers (RFC 7643 / RFC 7644), PATCH first.')
    .version(SUITE.version)
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ outputError: (str, write) => write(str) })
    .exitOverride();
  program.addHelpText(
    'after',
    '\nExit codes: 0 conformant, 1 conformance failures, 2 usage or config error, 3 target unreachable, 4 internal error.\n' +
      'Without --target or --config, `run` starts the embedded reference server and runs against it.',
  );

  targetOptions(
    program
      .command('run')
      .description('run the conformance suite against a target (default: the embedded reference server)')
      .option('--strict', 'fail the gate on SHOULD misses too (warns at SHOULD, MUST or DERIVED level; AMBIG, MAY and INTEROP warns never fail it)')
      .option('--expect <file>', 'expectation file: only unexpected outcomes fail the gate')
      .option('--update-expectations <file>', 'write an expectation file from this run')
      .option('--only <globs>', 'only scenarios whose id matches one of these comma-separated globs')
      .option('--skip <globs>', 'skip scenarios whose id matches one of these comma-separated globs')
      .option('--family <names>', 'only these families (comma-separated)')
      .addOption(new Option('--level <levels>', 'only these levels (comma-separated: MUST,SHOULD,MAY,DERIVED,AMBIG,INTEROP)'))
      .option('--deadline <seconds>', 'the whole run, cleanup included, in seconds: scenarios stop in time to leave cleanup its share (20 %, at least 10 s, at most half); what cleanup cannot delete in time is listed, with the cleanup command')
      .option('--bail <n>', 'stop starting scenarios after N failures; those under way finish, those not started are left out of the result (a run note says how many)')
      .option('-q, --quiet', 'print only the gate line (and errors): no progress, no summary')
      .addOption(new Option('--format <format>', 'stdout: text (the summary), json (the result, as result.json) or summary-json (a compact form); with json formats the summary goes to stderr').choices(['text', 'json', 'summary-json']))
      .option('-v, --verbose', 'list every warning in the summary')
      .option('--shard <k/n>', 'run only shard K of N (a stable split by scenario id); join the shards with `merge`')
      .addOption(new Option('--repeat <n>', 'run each scenario N times (for measurements)').hideHelp())
      .addOption(new Option('--request-log <file>', 'write every request as NDJSON, without credentials (for npm run bench)').hideHelp())
      .option('--defect <name>', 'without a target: start the embedded server with this seeded defect, to watch the suite catch it (repeatable)', collect, [])
      .option('--quirk <name>', 'without a target: start the embedded server with this quirk (repeatable; combines with --defect)', collect, [])
      .addHelpText('after', () => switchesHelp),
  ).action(async (flags: RunFlags) => {
    // The embedded server's thread loads its code while this one loads the run's.
    const embedded = await import('./embedded-server.ts');
    if (embedded.runsEmbedded(flags, process.env)) embedded.prepareEmbeddedServer();
    setExit(await (await import('./run-command.ts')).runCommand(flags));
  });

  program
    .command('serve')
    .description('start the embedded reference SCIM server for trying by hand (prints its URL and token)')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--port <port>', 'port (0 = any free port)', '0')
    .option('--token <token>', 'bearer token to accept (default: a random one, printed)')
    .option('--base-path <path>', 'path prefix of the SCIM endpoints, e.g. /scim/v2', '')
    .option('--log', 'log each request (method, path, status, ms)')
    .option('--profile <name>', 'emulate a vendor profile: its base path, PATCH dialect, success and error forms (see docs/profiles.md)')
    .option('--defect <name>', 'switch on a seeded defect, to see the suite catch it (repeatable; names below)', collect, [])
    .option('--quirk <name>', 'switch on a real-world quirk that is not a PATCH defect (repeatable; combines with --defect)', collect, [])
    .addHelpText('after', () => switchesHelp)
    .action(async (flags: ServeFlags) => setExit(await (await import('./serve-command.ts')).serveCommand(flags)));

  program
    .command('list')
    .description('list the scenarios (id, level, references) generated from the RFC 7643 schemas')
    .option('--only <globs>', 'only ids matching these comma-separated globs')
    .option('--skip <globs>', 'skip ids matching these comma-separated globs')
    .option('--family <names>', 'only these families (comma-separated)')
    .option('--level <levels>', 'only these levels (comma-separated)')
    .option('--json', 'print JSON (id, title, family, level, refs, requires of each scenario) instead of a table')
    .action(async (flags: ListFlags) => setExit(await (await import('./list-command.ts')).listCommand(flags)));

  program
    .command('matrix')
    .description('compare result.json files of several targets (or releases) side by side')
    .argument('<results...>', 'result.json files')
    .option('-o, --out <dir>', 'where to write matrix.md and matrix.html', 'runs/matrix')
    .action(async (files: string[], flags: MatrixFlags) => setExit(await (await import('./matrix-command.ts')).matrixCommand(files, flags)));

  program
    .command('merge')
    .description('join the result.json files of the shards of one run (run --shard K/N) into one result, reports and gate')
    .argument('<results...>', 'result.json of every shard')
    .option('-o, --out <dir>', 'where to write the merged result and reports (default runs/<merged id>)')
    .option('--strict', 'fail the gate on SHOULD misses too (warns at SHOULD, MUST or DERIVED level; AMBIG, MAY and INTEROP warns never fail it)')
    .option('--expect <file>', 'expectation file: only unexpected outcomes fail the gate')
    .option('-q, --quiet', 'print only the gate line (and errors)')
    .addOption(new Option('--format <format>', 'stdout: text (the summary), json (the merged result) or summary-json (a compact form); with json formats the summary goes to stderr').choices(['text', 'json', 'summary-json']))
    .option('-v, --verbose', 'list every warning in the summary')
    .action(async (files: string[], flags: MergeFlags) => setExit(await (await import('./merge-command.ts')).mergeCommand(files, flags)));

  targetOptions(
    program
      .command('cleanup')
      .description('delete what a killed run left on the target, from its ledger (never anything else)')
      .option('--ledger <file>', 'the ledger.ndjson of the run')
      .option('--run <id>', 'the run id: uses <out-dir>/<id>/ledger.ndjson'),
  ).action(async (flags: CleanupFlags) => setExit(await (await import('./cleanup-command.ts')).cleanupCommand(flags)));

  return program;
}

/** Whether these arguments ask for the help of `run` or `serve`, which lists the defects and quirks. */
function asksSwitchesHelp(argv: readonly string[]): boolean {
  const [first, second] = argv;
  if (first === 'help') return second === 'run' || second === 'serve';
  return (first === 'run' || first === 'serve') && argv.some((a) => a === '--help' || a === '-h');
}

export async function main(argv: string[]): Promise<number> {
  let exitCode: number = EXIT.ok;
  const switchesHelp = asksSwitchesHelp(argv) ? (await import('./server-switches.ts')).switchesHelp() : '';
  const program = buildProgram((code) => {
    exitCode = code;
  }, switchesHelp);
  try {
    if (argv.length === 0) {
      program.outputHelp();
      return EXIT.usage;
    }
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version end here with exit code 0; usage mistakes with 2.
      return e.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (e instanceof UserError) {
      process.stderr.write(`error: ${e.message}\n`);
      return e.exitCode;
    }
    process.stderr.write(`error: internal failure of the suite (please report it): ${e instanceof Error ? e.message : String(e)}\n`);
    return EXIT.internal;
  }
}
