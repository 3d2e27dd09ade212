// The GitHub Action (action.yml): it parses, its scripts take inputs only through the environment,
// every flag it passes exists on the real command (checked with commander's own parser), and its
// steps, run by bash the way a runner runs them, hand the token over as SCIM_TOKEN, report the
// tool's exit code, find the run folder, write the job summary and fail by the gate.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildProgram } from '../cli/main.ts';
import { startServer, type RunningServer } from '../server/index.ts';

interface Step {
  name?: string;
  id?: string;
  if?: string;
  uses?: string;
  shell?: string;
  run?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
  'working-directory'?: string;
}
interface Action {
  name: string;
  description: string;
  inputs: Record<string, { description: string; required?: boolean; default?: string }>;
  outputs: Record<string, { description: string; value: string }>;
  runs: { using: string; steps: Step[] };
}

const REPO = fileURLToPath(new URL('..', import.meta.url));
const ACTION_TEXT = readFileSync(join(REPO, 'action.yml'), 'utf8');
const action = parse(ACTION_TEXT) as Action;
const step = (id: string): Step => {
  const found = action.runs.steps.find((s) => s.id === id || s.name === id);
  if (!found) throw new Error(`action.yml has no step ${id}`);
  return found;
};

const EXPRESSION = /\$\{\{\s*(.+?)\s*\}\}/g;

/** What a maintainer could get wrong in action.yml; empty when nothing. */
function auditAction(a: Action): string[] {
  const problems: string[] = [];
  if (a.runs?.using !== 'composite') problems.push(`runs.using is ${a.runs?.using}, not composite`);
  const declared = new Set(Object.keys(a.inputs ?? {}));
  const used = new Set<string>();
  const note = (text: string | undefined) => {
    for (const m of (text ?? '').matchAll(/\binputs\.([a-z][a-z0-9-]*)/g)) used.add(m[1]!);
  };
  for (const s of a.runs.steps) {
    note(s.if);
    for (const v of Object.values(s.env ?? {})) note(v);
    for (const v of Object.values(s.with ?? {})) note(String(v));
    note(s['working-directory']);
    if (s.run !== undefined) {
      if (s.shell !== 'bash') problems.push(`step "${s.name}" runs without shell: bash`);
      if (s.run.includes('${{')) problems.push(`step "${s.name}" puts an expression inside its script (pass it through env)`);
    }
  }
  for (const u of used) if (!declared.has(u)) problems.push(`input ${u} is used but not declared`);
  for (const d of declared) if (!used.has(d)) problems.push(`input ${d} is declared but never used`);
  return problems;
}

/** Long options of a subcommand line that the real commander program does not know. */
function unknownFlags(argv: string[]): string[] {
  const sub = buildProgram(() => undefined).commands.find((c) => c.name() === argv[0]);
  if (!sub) return [`no command ${argv[0]}`];
  return sub.parseOptions(argv.slice(1)).unknown.filter((u) => u.startsWith('-'));
}

function evaluate(text: string, context: Record<string, unknown>): string {
  return text.replace(EXPRESSION, (_, path: string) => {
    let value: unknown = context;
    for (const key of path.split('.')) value = (value as Record<string, unknown> | undefined)?.[key];
    if (typeof value !== 'string') throw new Error(`expression ${path} has no value in the test context`);
    return value;
  });
}

interface StepRun {
  code: number | null;
  stdout: string;
  outputs: Record<string, string>;
  summary: string;
}

/**
 * Runs a step's script as a runner does (bash --noprofile --norc -eo pipefail), with its env
 * evaluated. Asynchronous: the reference server of the last tests lives in this process.
 */
async function runStep(s: Step, context: { inputs?: Record<string, string>; actionPath: string; outputs?: Record<string, string> }, cwd: string, env: Record<string, string> = {}): Promise<StepRun> {
  const io = mkdtempSync(join(tmpdir(), 'scim-action-io-'));
  try {
    const inputs = Object.fromEntries(Object.entries(action.inputs).map(([k, v]) => [k, context.inputs?.[k] ?? v.default ?? '']));
    const ctx = { inputs, github: { action_path: context.actionPath }, steps: { run: { outputs: context.outputs ?? {} } } };
    const stepEnv = Object.fromEntries(Object.entries(s.env ?? {}).map(([k, v]) => [k, evaluate(String(v), ctx)]));
    writeFileSync(join(io, 'output'), '');
    writeFileSync(join(io, 'summary'), '');
    const child = spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', s.run ?? ''], {
      cwd,
      env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '/tmp', GITHUB_OUTPUT: join(io, 'output'), GITHUB_STEP_SUMMARY: join(io, 'summary'), ...stepEnv, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stdout += d.toString()));
    const code = await new Promise<number | null>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', resolve);
    });
    const outputs = Object.fromEntries(
      readFileSync(join(io, 'output'), 'utf8')
        .split('\n')
        .filter((l) => l.includes('='))
        .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
    );
    return { code, stdout, outputs, summary: readFileSync(join(io, 'summary'), 'utf8') };
  } finally {
    rmSync(io, { recursive: true, force: true });
  }
}

describe('action.yml', () => {
  let work: string;
  let recorder: string;
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'scim-action-'));
    // A stand-in for the tool: records its command line and environment, exits as told.
    recorder = join(work, 'recorder');
    mkdirSync(join(recorder, 'bin'), { recursive: true });
    writeFileSync(
      join(recorder, 'bin', 'scim-conformance.mjs'),
      "import { writeFileSync } from 'node:fs';\n" +
        'writeFileSync(process.env.RECORD_FILE, JSON.stringify({ argv: process.argv.slice(2), token: process.env.SCIM_TOKEN ?? null, dist: process.env.SCIM_CONFORMANCE_DIST ?? null }));\n' +
        'process.exit(Number(process.env.RECORD_EXIT ?? 0));\n',
    );
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  const record = async (inputs: Record<string, string>, exit = 0, cwd = work) => {
    const file = join(work, `record-${Math.random().toString(36).slice(2)}.json`);
    const ran = await runStep(step('run'), { inputs, actionPath: recorder }, cwd, { RECORD_FILE: file, RECORD_EXIT: String(exit) });
    let recorded: { argv: string[]; token: string | null; dist: string | null } | undefined;
    try {
      recorded = JSON.parse(readFileSync(file, 'utf8'));
    } catch {
      recorded = undefined;
    }
    return { ran, recorded };
  };

  it('is a composite action whose scripts read inputs only from the environment', async () => {
    expect(action.name).toBeTruthy();
    expect(auditAction(action)).toEqual([]);
    for (const input of ['target', 'token', 'profile', 'config', 'expect', 'strict', 'only', 'skip', 'shard', 'out-dir', 'artifact-name']) {
      expect(action.inputs[input]?.description, input).toBeTruthy();
    }
    expect(step('Upload the run folder').uses).toMatch(/^actions\/upload-artifact@v\d+$/);
    expect(step('Gate').run).toContain('exit "$CODE"');
  });

  it('the audit catches an expression in a script, an undeclared input, an unused one and a missing shell', async () => {
    const mutate = (from: string, to: string) => {
      expect(ACTION_TEXT).toContain(from);
      return auditAction(parse(ACTION_TEXT.replace(from, to)) as Action);
    };
    expect(mutate('node "$TOOL"', 'node "${{ github.action_path }}/bin/scim-conformance.mjs"').join()).toMatch(/expression inside its script/);
    expect(mutate('INPUT_ONLY: ${{ inputs.only }}', 'INPUT_ONLY: ${{ inputs.onyl }}').join()).toMatch(/input onyl is used but not declared.*input only is declared but never used/);
    expect(mutate('      id: run\n      shell: bash\n', '      id: run\n').join()).toMatch(/runs without shell: bash/);
  });

  it('passes every run input as a flag the real `run` command knows, and the token only as SCIM_TOKEN', async () => {
    const inputs = {
      target: 'https://scim.example.test/scim/v2',
      token: 'tok-3f9a-secret',
      profile: 'pingone',
      config: 'target.json',
      expect: 'expected.json',
      strict: 'true',
      only: 'patch.*,idp.*',
      skip: 'patch.attr.*',
      shard: '2/4',
      'out-dir': 'out',
    };
    const { ran, recorded } = await record(inputs, 1);
    expect(ran.code, ran.stdout).toBe(0);
    expect(recorded!.argv[0]).toBe('run');
    expect(unknownFlags(recorded!.argv)).toEqual([]);
    const sub = buildProgram(() => undefined).commands.find((c) => c.name() === 'run')!;
    expect(sub.parseOptions(recorded!.argv.slice(1)).operands).toEqual([]);
    expect(sub.opts()).toMatchObject({
      target: inputs.target,
      config: 'target.json',
      profile: 'pingone',
      expect: 'expected.json',
      strict: true,
      only: 'patch.*,idp.*',
      skip: 'patch.attr.*',
      shard: '2/4',
      outDir: 'out',
    });
    expect(recorded!.argv.join(' ')).not.toContain(inputs.token);
    expect(recorded!.token).toBe(inputs.token);
    expect(recorded!.dist).toBe('1');
    // The tool's exit code is reported, not acted on: the summary and upload steps still run.
    expect(ran.outputs['exit-code']).toBe('1');
    expect(ran.outputs['artifact-name']).toBe('scim-conformance-shard-2-of-4');
    expect(ran.stdout).toContain(`::add-mask::${inputs.token}`);
  });

  it('the flag check catches a flag the command does not have', async () => {
    expect(unknownFlags(['run', '--onyl', 'patch.*'])).toEqual(['--onyl']);
    expect(unknownFlags(['merge', '--shard', '1/2'])).toEqual(['--shard']);
    expect(unknownFlags(['rnu', '--only', 'x'])).toEqual(['no command rnu']);
  });

  it('passes no flag for inputs left at their defaults, and keeps a SCIM_TOKEN the job already has', async () => {
    const { recorded } = await record({ 'out-dir': 'out' });
    expect(recorded!.argv).toEqual(['run', '--out-dir', 'out']);
    const file = join(work, 'record-env.json');
    await runStep(step('run'), { inputs: {}, actionPath: recorder }, work, { RECORD_FILE: file, SCIM_TOKEN: 'from-job-env' });
    expect(JSON.parse(readFileSync(file, 'utf8')).token).toBe('from-job-env');
  });

  it('merges the shards matched by the merge glob with flags the real `merge` command knows', async () => {
    for (const shard of ['1', '2']) {
      mkdirSync(join(work, 'shards', shard), { recursive: true });
      writeFileSync(join(work, 'shards', shard, 'result.json'), '{}');
    }
    const { ran, recorded } = await record({ merge: 'shards/*/result.json', strict: 'true', expect: 'expected.json', 'out-dir': 'out' });
    expect(ran.code, ran.stdout).toBe(0);
    expect(recorded!.argv[0]).toBe('merge');
    expect(unknownFlags(recorded!.argv)).toEqual([]);
    const sub = buildProgram(() => undefined).commands.find((c) => c.name() === 'merge')!;
    expect(sub.parseOptions(recorded!.argv.slice(1)).operands).toEqual(['shards/1/result.json', 'shards/2/result.json']);
    expect(sub.opts()).toMatchObject({ out: 'out/merged', strict: true, expect: 'expected.json' });
    expect(ran.outputs['artifact-name']).toBe('scim-conformance-merged');

    const none = await record({ merge: 'nothing/*/result.json', 'out-dir': 'out' });
    expect(none.recorded).toBeUndefined();
    expect(none.ran.outputs['exit-code']).toBe('2');
    expect(none.ran.stdout).toContain('::error::merge: no file matches');
  });

  it('writes summary.md into the job summary, falling back to report.md', async () => {
    const dir = join(work, 'summary-run');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'report.md'), '# full report\n');
    const summaryStep = step('Write the job summary');
    expect((await runStep(summaryStep, { actionPath: REPO, outputs: { 'run-dir': dir } }, work)).summary).toBe('# full report\n');
    writeFileSync(join(dir, 'summary.md'), '# short summary\n');
    expect((await runStep(summaryStep, { actionPath: REPO, outputs: { 'run-dir': dir } }, work)).summary).toBe('# short summary\n');
  });

  it('fails the job with the exit code of the gate', async () => {
    for (const code of ['0', '1', '2', '3']) {
      const ran = await runStep(step('Gate'), { actionPath: REPO, outputs: { 'exit-code': code } }, work);
      expect(ran.code).toBe(Number(code));
      if (code !== '0') expect(ran.stdout).toContain('::error::');
    }
  });

  it('the workflows in docs/ci.md and the README give the action only inputs it declares, and merge what the shards upload', async () => {
    const blocks = [readFileSync(join(REPO, 'docs', 'ci.md'), 'utf8'), readFileSync(join(REPO, 'README.md'), 'utf8')].flatMap((text) =>
      [...text.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!),
    );
    const steps: Step[] = [];
    const collect = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(collect);
      else if (node && typeof node === 'object') {
        if (typeof (node as Step).uses === 'string') steps.push(node as Step);
        Object.values(node).forEach(collect);
      }
    };
    for (const block of blocks) collect(parse(block));
    const ours = steps.filter((s) => /\/scim-conformance@/.test(s.uses!));
    expect(ours.length).toBeGreaterThanOrEqual(4);
    for (const s of ours) for (const key of Object.keys(s.with ?? {})) expect(Object.keys(action.inputs), `${s.uses} with ${key}`).toContain(key);
    // The merge job downloads what the shard jobs upload.
    const download = steps.find((s) => s.uses?.startsWith('actions/download-artifact@'));
    const pattern = new RegExp(`^${String(download?.with?.['pattern']).replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
    const { ran } = await record({ shard: '3/4', 'out-dir': 'out' });
    expect(ran.outputs['artifact-name']).toMatch(pattern);
    const mergeGlob = ours.find((s) => s.with?.['merge'])?.with?.['merge'];
    expect(mergeGlob).toBe(`${download?.with?.['path']}/*/result.json`);
  });

  it('the release workflow publishes with provenance and pushes the image on a v* tag; CI runs .ci/run', () => {
    interface Workflow {
      on: { push?: { tags?: string[] } };
      jobs: Record<string, { needs?: string | string[]; permissions?: Record<string, string>; steps: Step[] }>;
    }
    const read = (name: string) => parse(readFileSync(join(REPO, '.github', 'workflows', name), 'utf8')) as Workflow;
    const release = read('release.yml');
    expect(release.on.push?.tags).toEqual(['v*']);
    const jobs = Object.values(release.jobs);
    const publish = jobs.find((j) => j.steps.some((s) => /\bnpm publish\b/.test(s.run ?? '')));
    expect(publish?.steps.find((s) => /\bnpm publish\b/.test(s.run ?? ''))?.run).toContain('--provenance');
    expect(publish?.permissions?.['id-token']).toBe('write');
    const image = jobs.find((j) => j.steps.some((s) => s.uses?.startsWith('docker/build-push-action@')));
    expect(image?.steps.find((s) => s.uses?.startsWith('docker/login-action@'))?.with?.['registry']).toBe('ghcr.io');
    expect(image?.steps.find((s) => s.uses?.startsWith('docker/build-push-action@'))?.with?.['push']).toBe(true);
    expect(image?.permissions?.['packages']).toBe('write');
    for (const job of [publish, image]) expect(job?.needs).toBe('test');
    expect(release.jobs['test']?.steps.map((s) => s.run)).toContain('bash .ci/run');
    expect(Object.values(read('ci.yml').jobs).flatMap((j) => j.steps.map((s) => s.run))).toContain('bash .ci/run');
  });

  describe('with the real tool against a reference server', () => {
    let server: RunningServer;
    beforeAll(async () => {
      server = await startServer({}, { host: '127.0.0.1', port: 0 });
    });
    afterAll(() => server.close());
    // The sources through tsx, not a dist/ that may predate them (integration/package.test.ts runs dist/).
    const sources = { SCIM_CONFORMANCE_DIST: '0' };

    it('runs with the token from the input, reports exit 0 and the run folder, and the summary step fills the job summary', async () => {
      const ran = await runStep(step('run'), { inputs: { target: server.url, token: server.token, only: 'checks.*', 'out-dir': 'real' }, actionPath: REPO }, work, sources);
      expect(ran.code, ran.stdout).toBe(0);
      expect(ran.outputs['exit-code'], ran.stdout).toBe('0');
      expect(ran.outputs['run-dir']).toMatch(/^real\/.+/);
      const runDir = join(work, ran.outputs['run-dir']!);
      expect(JSON.parse(readFileSync(join(runDir, 'result.json'), 'utf8')).summary.total).toBeGreaterThan(0);
      const summary = (await runStep(step('Write the job summary'), { actionPath: REPO, outputs: { 'run-dir': runDir } }, work)).summary;
      expect(summary.length).toBeGreaterThan(0);
      expect(summary).not.toContain(server.token);
    }, 120_000);

    it('reports exit 2 when the target rejects the token', async () => {
      const ran = await runStep(step('run'), { inputs: { target: server.url, token: 'not-the-token', only: 'checks.*', 'out-dir': 'rejected' }, actionPath: REPO }, work, sources);
      expect(ran.code, ran.stdout).toBe(0);
      expect(ran.outputs['exit-code'], ran.stdout).toBe('2');
    }, 120_000);
  });
});
