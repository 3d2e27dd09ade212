// `scim-conformance run`: the main job.
import { join } from 'node:path';
import type { RunningServer } from '../server/index.ts';
import { runsEmbedded, startEmbeddedServer, type EmbeddedServer } from './embedded-server.ts';
import { anySwitch, parseServerSwitches, switchNotes, switchOptions } from './server-switches.ts';
import { PROFILES } from '../profiles/profiles.ts';
import { loadConfig, ConfigError, type TargetConfig } from '../engine/config.ts';
import { TargetError } from '../engine/target-error.ts';
import { executeRun, newRunId } from '../engine/run.ts';
import { UnknownProfileError } from '../engine/profiles.ts';
import { decideGate, type GateOptions } from '../engine/gate.ts';
import { readExpectations, expectationsFromResult, writeExpectations, type Expectations } from '../engine/expectations.ts';
import { writeReports } from '../reporters/write-reports.ts';
import type { RunInfo, RunResult } from '../schemas/run-result.ts';
import { EXIT } from './exit-codes.ts';
import { UserError } from './user-error.ts';
import { checkSelectFlags, describeSelection, selectNonEmpty, selectionFingerprint, type SelectFlags } from './select.ts';
import { parseFormat, printRun, type Output } from './run-output.ts';
import { abortedResult, writeAbortedRun } from './aborted-run.ts';
import { idHash } from '../engine/shard.ts';
import { SUITE } from '../engine/suite-info.ts';
import { createProgress } from './progress.ts';
import { cleanupHint } from './cleanup-hint.ts';
import { toFlagValues, type TargetFlags } from './target-flags.ts';
import { parseRepeat, parseShard, repeatScenarios, selectShard, type Shard } from '../engine/shard.ts';
import type { Scenario } from '../scenarios/scenario.ts';

export interface RunFlags extends TargetFlags, SelectFlags {
  strict?: boolean;
  expect?: string;
  updateExpectations?: string;
  deadline?: string;
  /** "N": stop starting scenarios after N failures. */
  bail?: string;
  /** Only the gate's verdict line (and errors): no progress, no summary. */
  quiet?: boolean;
  verbose?: boolean;
  /** text (default), json (the result on stdout) or summary-json (the compact form on stdout). */
  format?: string;
  /** "K/N": only this shard of the scenarios. */
  shard?: string;
  /** Hidden: each scenario N times (ids suffixed #2 ...), to measure how cost grows. */
  repeat?: string;
  /** Hidden: NDJSON of every request, without credentials, for the bench's replay. */
  requestLog?: string;
  /** Seeded defects and quirks of the embedded server (repeatable; only without a target). */
  defect?: string[];
  quirk?: string[];
}

export async function runCommand(flags: RunFlags): Promise<number> {
  const env = process.env;
  const embedded = runsEmbedded(flags, env);
  if (!embedded && anySwitch(flags)) {
    const given = flags.target ? '--target' : flags.config ? '--config' : 'SCIM_BASE_URL';
    throw new UserError(`--defect and --quirk only apply to the embedded reference server; drop them, or drop ${given} to run against the embedded server`, EXIT.usage);
  }
  const switches = parseServerSwitches(flags);
  const format = parseFormat(flags.format);
  checkSelectFlags(flags);
  const expectations = flags.expect ? await loadExpectations(flags.expect) : undefined;
  const deadlineMs = parseDeadline(flags.deadline);
  const bail = parseBail(flags.bail);
  const scale = parseScale(flags);
  const out: Output = { format, quiet: !!flags.quiet, verbose: !!flags.verbose, stdout: process.stdout, stderr: process.stderr, noColor: !!env['NO_COLOR'] };
  const runId = newRunId();
  const startedAt = Date.now();
  // Filled once the selection is known (after discovery): merge refuses shards of different sets.
  const shardInfo: NonNullable<RunInfo['shard']> | undefined = scale.shard ? { ...scale.shard } : undefined;
  let config: TargetConfig | undefined;
  let seed: number | undefined;
  let finished = false;

  let server: EmbeddedServer | undefined;
  let serverClosed: Promise<void> | undefined;
  // Once, whoever asks first. The server is the run's own and holds nothing: a failure to close it
  // cannot change the run's result, so it is not reported.
  const closeServer = (): Promise<void> => (serverClosed ??= server ? server.close().catch(() => undefined) : Promise.resolve());
  const controller = new AbortController();
  let interrupts = 0;
  let ledgerFile = '';
  const onSignal = (signal: NodeJS.Signals) => {
    interrupts += 1;
    if (interrupts === 1) {
      process.stderr.write(`\n${signal}: finishing the scenarios under way, then cleaning up (press Ctrl-C again to exit at once)\n`);
      controller.abort();
      return;
    }
    process.stderr.write(`\nexiting without cleanup. Delete what this run left with:\n  scim-conformance cleanup --ledger ${ledgerFile || '<run folder>/ledger.ndjson'} [target flags]\n`);
    process.exit(130);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    // Embedded with a vendor profile: the reference server emulates that vendor (server/emulation.ts).
    const emulated = embedded ? PROFILES[flags.profile ?? env['SCIM_PROFILE'] ?? 'rfc7644'] : undefined;
    if (embedded) {
      // Its limited and other-tenant tokens let the security family run in full against it.
      server = await startEmbeddedServer({
        extraTokens: true,
        ...(emulated && emulated.name !== 'rfc7644' ? { profile: emulated.name } : {}),
        ...switchOptions(switches),
      });
    }
    config = buildConfig(flags, embedded ? server : undefined);
    if (server && emulated && emulated.name !== 'rfc7644') {
      config = { ...config, baseUrl: new URL(server.url).origin, templateValues: { ...emulated.emulation.templateValues, ...config.templateValues } };
    }
    const target = config;
    // Shards without --seed share a seed derived from their common command line, so that merge accepts them.
    seed = config.seed ?? (scale.shard ? shardSeed(flags, scale) : Date.now() % 100000);
    const progress = createProgress({ quiet: !!flags.quiet, stream: process.stderr });
    const result = await executeRun(config, {
      embedded,
      runId,
      seed,
      // Scenarios are generated after discovery, from the target's schemas: only then can an empty selection be told.
      select: (all) => shardAndRepeat(selectNonEmpty(all, flags, "generated from the target's schemas"), scale, shardInfo),
      ...(flags.requestLog ? { requestLog: flags.requestLog } : {}),
      ...(shardInfo ? { shard: shardInfo } : {}),
      onStart: ({ total, runDir }) => {
        ledgerFile = join(runDir, 'ledger.ndjson');
        progress.start(total, embedded ? `embedded reference server ${target.baseUrl}` : target.baseUrl);
      },
      onProgress: (p) => progress.update(p),
      signal: controller.signal,
      ...(deadlineMs !== undefined ? { deadlineMs } : {}),
      ...(bail !== undefined ? { bail } : {}),
      ...(switchNotes(switches).length > 0 ? { notes: switchNotes(switches) } : {}),
    }).catch((e: unknown) => {
      progress.stop();
      throw e;
    });
    progress.stop();
    finished = true;
    // The reports need nothing more from the embedded server: its thread winds down while they are written.
    void closeServer();
    return await report(result, config, flags, expectations, out);
  } catch (e) {
    const error = toUserError(e);
    // Once the target was contacted, a run that ends in exit 2 or 3 still leaves result.json and junit.xml.
    if (!finished && config && seed !== undefined && error instanceof UserError && (error.exitCode === EXIT.usage || error.exitCode === EXIT.unreachable)) {
      const aborted = abortedResult({
        runId,
        seed,
        startedAt,
        baseUrl: config.baseUrl,
        embedded,
        profile: config.profile,
        concurrency: config.concurrency,
        ...(shardInfo ? { shard: shardInfo } : {}),
        exitCode: error.exitCode,
        reason: error.message,
      });
      await recordAbort(aborted, join(config.outDir, runId), flags, expectations, out);
    }
    throw error;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await closeServer();
  }
}

function gateOptions(flags: RunFlags, expectations: Expectations | undefined): GateOptions {
  return { strict: !!flags.strict, ...(expectations ? { expectations } : {}) };
}

async function report(
  result: RunResult,
  config: TargetConfig,
  flags: RunFlags,
  expectations: Expectations | undefined,
  out: Output,
): Promise<number> {
  const dir = join(config.outDir, result.run.id);
  const options = gateOptions(flags, expectations);
  const gate = decideGate(result, options);
  // The reports open on this verdict (with --strict and --expect as given), not a re-derived one.
  const paths = await writeReports(result, dir, { gate });
  const extra: string[] = [];
  if (flags.updateExpectations) {
    await writeExpectations(flags.updateExpectations, expectationsFromResult(result));
    extra.push(`Expectation file written: ${flags.updateExpectations}`);
    if (result.notRun && result.notRun.count > 0) extra.push(`  note: the ${result.notRun.count} scenario(s) that never started are not in it`);
  }
  printRun({ result, gate, options, dir, reports: { ...paths }, extra }, out);
  // On stderr, whatever the format and --quiet: resources left on the target must not go unnoticed.
  for (const line of cleanupHint(result, { baseUrl: config.baseUrl, outDir: config.outDir, profile: config.profile, ...(flags.config ? { configFile: flags.config } : {}) })) process.stderr.write(`${line}\n`);
  return gate.exitCode;
}

/** The result and JUnit error case of a run that ended before any scenario ran; a failure to write them is a note. */
async function recordAbort(result: RunResult, dir: string, flags: RunFlags, expectations: Expectations | undefined, out: Output): Promise<void> {
  try {
    const paths = await writeAbortedRun(result, dir);
    const options = gateOptions(flags, expectations);
    printRun({ result, gate: decideGate(result, options), options, dir, reports: { ...paths } }, out);
  } catch (e) {
    process.stderr.write(`note: the aborted run's result could not be written to ${dir}: ${e instanceof Error ? e.message : String(e)}\n`);
  }
}

/** The seed shards share when none is given: the same for the same selection, shard count and suite version. */
export function shardSeed(flags: SelectFlags, scale: { shard?: Shard; repeat: number }): number {
  return idHash(`${SUITE.version}|${describeSelection(flags)}|${scale.shard?.count ?? 1}|${scale.repeat}`) % 100000;
}

export function buildConfig(flags: TargetFlags, server?: Pick<RunningServer, 'url' | 'token'> & { tokens?: Partial<RunningServer['tokens']> }): TargetConfig {
  const values = toFlagValues(flags);
  if (server) {
    values.target = server.url;
    values.token = server.token;
  }
  const config = loadConfig({ ...(flags.config ? { file: flags.config } : {}), env: server ? runSettingsOnly(process.env) : process.env, flags: values });
  return server?.tokens ? withServerCredentials(config, server.tokens) : config;
}

/** The embedded server's own limited and other-tenant tokens, for the security family. */
function withServerCredentials(config: TargetConfig, tokens: Partial<RunningServer['tokens']>): TargetConfig {
  const { limited, otherTenant } = tokens;
  if (!limited && !otherTenant) return config;
  const credentials = {
    ...(limited ? { limited: { kind: 'bearer' as const, token: limited } } : {}),
    ...(otherTenant ? { otherTenant: { kind: 'bearer' as const, token: otherTenant } } : {}),
  };
  return Object.freeze({ ...config, credentials });
}

/** Against the embedded server the target and credential are its own; other settings still apply. */
function runSettingsOnly(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const keep = ['SCIM_PROFILE', 'SCIM_CONCURRENCY', 'SCIM_TIMEOUT_MS', 'SCIM_SEED', 'SCIM_OUT_DIR'];
  return Object.fromEntries(keep.filter((k) => env[k] !== undefined).map((k) => [k, env[k]]));
}

async function loadExpectations(file: string): Promise<Expectations> {
  try {
    return await readExpectations(file);
  } catch (e) {
    throw new UserError(e instanceof Error ? e.message : String(e), EXIT.usage);
  }
}

function parseScale(flags: RunFlags): { shard?: Shard; repeat: number } {
  try {
    return { repeat: flags.repeat === undefined ? 1 : parseRepeat(flags.repeat), ...(flags.shard !== undefined ? { shard: parseShard(flags.shard) } : {}) };
  } catch (e) {
    throw new UserError(e instanceof Error ? e.message : String(e), EXIT.usage);
  }
}

/**
 * Repeats first, so that the copies of one scenario spread over the shards like any other ids. The
 * whole selection's fingerprint goes into the shard's record. An empty shard of a non-empty
 * selection is fine (a small selection over many shards): merge judges the whole.
 */
function shardAndRepeat(scenarios: Scenario[], scale: { shard?: Shard; repeat: number }, shardInfo?: NonNullable<RunInfo['shard']>): Scenario[] {
  const grown = repeatScenarios(scenarios, scale.repeat);
  if (shardInfo) shardInfo.selection = selectionFingerprint(grown);
  return scale.shard ? selectShard(grown, scale.shard) : grown;
}

function parseBail(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value.trim()) || Number(value) < 1) throw new UserError(`--bail: "${value}" is not a positive whole number of failures`, EXIT.usage);
  return Number(value);
}

function parseDeadline(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0) throw new UserError(`--deadline: "${value}" is not a positive number of seconds`, EXIT.usage);
  return seconds * 1000;
}

export function toUserError(e: unknown): unknown {
  if (e instanceof UserError) return e;
  if (e instanceof ConfigError || e instanceof UnknownProfileError) return new UserError(e.message, EXIT.usage);
  if (e instanceof TargetError) return new UserError(e.message, e.kind === 'auth' ? EXIT.usage : EXIT.unreachable);
  return e;
}
