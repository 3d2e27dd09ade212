// The Dockerfile without Docker: its instructions are parsed and checked (multi-stage, Node 20
// slim, non-root, the entry point), then its stages are carried out as plain shell commands, each
// in a folder of its own standing for the stage's filesystem: the build stage's RUN lines run as
// written in a copy of the build context (.dockerignore applied), the final stage gets only what
// its COPY --from lines take, and the ENTRYPOINT then answers --version and runs the suite.
import { execFileSync } from 'node:child_process';
import { runProcess } from './cli-process.ts';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const VERSION = (JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string }).version;

interface Instruction {
  op: string;
  args: string;
}
interface Stage {
  from: string;
  name?: string;
  steps: Instruction[];
}

/** Stages of a Dockerfile: line continuations joined, comments and parser directives dropped. */
function parseDockerfile(text: string): Stage[] {
  const stages: Stage[] = [];
  const logical = text.replace(/\\\n/g, ' ').split('\n');
  for (const raw of logical) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const m = /^([A-Za-z]+)\s+(.*)$/.exec(line);
    if (!m) throw new Error(`cannot read Dockerfile line: ${line}`);
    const op = m[1]!.toUpperCase();
    const args = m[2]!.trim();
    if (op === 'FROM') {
      const from = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(args);
      if (!from) throw new Error(`cannot read FROM ${args}`);
      stages.push({ from: from[1]!, ...(from[2] ? { name: from[2] } : {}), steps: [] });
    } else {
      const stage = stages.at(-1);
      if (!stage) throw new Error(`${op} before FROM`);
      stage.steps.push({ op, args });
    }
  }
  return stages;
}

/** A .dockerignore pattern as a test of a context-relative path (the pattern or anything under it). */
function ignoreMatcher(patterns: string[]): (path: string) => boolean {
  const rules = patterns
    .map((p) => p.trim())
    .filter((p) => p !== '' && !p.startsWith('#'))
    .map((p) => {
      const negate = p.startsWith('!');
      const body = (negate ? p.slice(1) : p).replace(/^\/+|\/+$/g, '');
      const re = body.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*\*\/?|\*|\?/g, (t) => (t.startsWith('**') ? '(?:.*/)?' : t === '*' ? '[^/]*' : '[^/]'));
      return { negate, re: new RegExp(`^${re}(?:/.*)?$`) };
    });
  return (path) => rules.reduce((ignored, r) => (r.re.test(path) ? !r.negate : ignored), false);
}

type Ran = Awaited<ReturnType<typeof runProcess>>;

function sh(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv, timeoutMs = 400_000): Promise<Ran> {
  return runProcess(command, args, { cwd, env, timeoutMs });
}

/** A user's environment: nothing of ours that would steer npm or the command. */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (k.startsWith('SCIM_') || k.startsWith('VITEST') || k === 'NODE_OPTIONS' || k.startsWith('npm_')) continue;
    env[k] = v;
  }
  return { ...env, NO_COLOR: '1', ...extra };
}

const DOCKERFILE = readFileSync(join(REPO, 'Dockerfile'), 'utf8');
const stages = parseDockerfile(DOCKERFILE);
const finalStage = stages.at(-1)!;
const ofStage = (stage: Stage, op: string) => stage.steps.filter((s) => s.op === op);

describe('Dockerfile', () => {
  it('is multi-stage on Node 20 slim, ends as a non-root user with the package bin as entry point', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const s of stages) expect(s.from).toMatch(/^node:20(\.\d+)*-slim(@sha256:[0-9a-f]{64})?$/);
    const user = ofStage(finalStage, 'USER').at(-1)?.args;
    expect(user).toBeDefined();
    expect(['root', '0', '0:0']).not.toContain(user);
    expect(JSON.parse(ofStage(finalStage, 'ENTRYPOINT').at(-1)!.args)).toEqual(['scim-conformance']);
    expect(ofStage(finalStage, 'WORKDIR').at(-1)?.args).toBe('/reports');
    // The final stage takes built things from the build stage only: no sources, no RUN of its own.
    expect(ofStage(finalStage, 'RUN')).toEqual([]);
    for (const copy of ofStage(finalStage, 'COPY')) expect(copy.args).toMatch(/--from=\S+/);
  });

  it('runs its build steps with paths inside the stage, so they can run as plain shell commands', () => {
    for (const s of stages) for (const run of ofStage(s, 'RUN')) expect(run.args, run.args).not.toMatch(/(^|\s)\/\w/);
  });

  it('the parser and the ignore matcher read what they should', () => {
    expect(parseDockerfile('# c\nFROM node:20-slim AS b\nRUN a \\\n  b\nFROM node:20-slim\nUSER node\n')).toEqual([
      { from: 'node:20-slim', name: 'b', steps: [{ op: 'RUN', args: 'a    b' }] },
      { from: 'node:20-slim', steps: [{ op: 'USER', args: 'node' }] },
    ]);
    const ignored = ignoreMatcher(['node_modules', '*.tgz', 'bench/out', '**/*.log', '!keep.log']);
    expect(['node_modules/x/y.js', 'a.tgz', 'bench/out/r.json', 'deep/er/x.log'].filter(ignored)).toHaveLength(4);
    expect(['src/node_modules.ts', 'dir/a.tgz', 'bench/outside.ts', 'keep.log', 'cli/main.ts'].filter(ignored)).toEqual([]);
  });

  describe('its stages carried out in temp folders', () => {
    let work: string;
    const root = (stage: number) => join(work, `stage-${stage}`);
    const inStage = (stage: number, path: string) => join(root(stage), path);

    beforeAll(async () => {
      work = mkdtempSync(join(tmpdir(), 'scim-docker-'));
      const context = join(work, 'context');
      const ignored = ignoreMatcher(readFileSync(join(REPO, '.dockerignore'), 'utf8').split('\n'));
      const listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: REPO, encoding: 'utf8' });
      for (const file of listed.split('\0')) {
        if (file === '' || ignored(file) || !existsSync(join(REPO, file))) continue;
        mkdirSync(dirname(join(context, file)), { recursive: true });
        cpSync(join(REPO, file), join(context, file));
      }
      const names = new Map(stages.map((s, i) => [s.name ?? String(i), i]));
      for (const [i, stage] of stages.entries()) {
        let workdir = '/';
        const env: Record<string, string> = {};
        for (const step of stage.steps) {
          if (step.op === 'WORKDIR') {
            workdir = step.args.startsWith('/') ? step.args : join(workdir, step.args);
            mkdirSync(inStage(i, workdir), { recursive: true });
          } else if (step.op === 'ENV') {
            for (const m of step.args.matchAll(/(\w+)=(\S+)/g)) env[m[1]!] = m[2]!;
          } else if (step.op === 'COPY') {
            const words = step.args.split(/\s+/);
            const from = words.find((w) => w.startsWith('--from='))?.slice('--from='.length);
            const paths = words.filter((w) => !w.startsWith('--'));
            const dest = paths.pop()!;
            const target = inStage(i, dest.startsWith('/') ? dest : join(workdir, dest));
            for (const src of paths) {
              const source = from === undefined ? join(context, src) : inStage(names.get(from)!, src);
              if (!existsSync(source)) throw new Error(`COPY ${step.args}: ${src} does not exist in ${from ?? 'the context'}`);
              const intoDir = dest.endsWith('/') || paths.length > 1 || src === '.' || src.endsWith('/');
              cpSync(source, intoDir && !src.endsWith('/') && src !== '.' ? join(target, src.split('/').pop()!) : target, { recursive: true, verbatimSymlinks: true });
            }
          } else if (step.op === 'RUN') {
            // The commands as written; npm may use its cache first, which changes what is fetched, not what is installed.
            const ran = await sh('sh', ['-c', step.args], inStage(i, workdir), cleanEnv({ ...env, npm_config_prefer_offline: 'true' }));
            if (ran.code !== 0) throw new Error(`RUN ${step.args} exited with ${ran.code}: ${ran.stderr.slice(-2000)}`);
          } else if (!['USER', 'ENTRYPOINT', 'CMD'].includes(step.op)) {
            throw new Error(`the test does not know how to carry out ${step.op}`);
          }
        }
      }
    }, 900_000);

    afterAll(() => {
      if (work) rmSync(work, { recursive: true, force: true });
    });

    const finalIndex = () => stages.length - 1;
    const entry = (args: string[], timeoutMs?: number) => {
      const i = finalIndex();
      const [command] = JSON.parse(ofStage(finalStage, 'ENTRYPOINT').at(-1)!.args) as string[];
      // The image's PATH has /usr/local/bin (node and the package's bin); here node comes from this machine.
      const path = `${inStage(i, '/usr/local/bin')}:${dirname(process.execPath)}:/usr/bin:/bin`;
      const env = cleanEnv({ PATH: path, NODE_ENV: 'production', HOME: inStage(i, '/reports') });
      return sh(command!, args, inStage(i, ofStage(finalStage, 'WORKDIR').at(-1)!.args), env, timeoutMs);
    };

    it('leaves in the final stage the installed package: compiled code and production dependencies only', () => {
      const pkg = inStage(finalIndex(), '/usr/local/lib/node_modules/scim-conformance');
      expect(existsSync(join(pkg, 'dist', 'bundle', 'main.js'))).toBe(true);
      expect(existsSync(join(pkg, 'dist', 'schemas', 'json', 'run-result.schema.json'))).toBe(true);
      expect(existsSync(join(pkg, 'cli'))).toBe(false);
      const modules = readdirSync(join(pkg, 'node_modules'));
      expect(modules).toContain('commander');
      for (const dev of ['tsx', 'typescript', 'vitest', 'esbuild']) expect(modules).not.toContain(dev);
    });

    it('the entry point answers --version', async () => {
      const ran = await entry(['--version'], 60_000);
      expect(ran).toMatchObject({ code: 0, stdout: `${VERSION}\n` });
    });

    it('the entry point runs the suite against the embedded server and writes the reports into the workdir', async () => {
      const ran = await entry(['run', '-q'], 300_000);
      expect(ran.code, ran.stderr.slice(-3000)).toBe(0);
      const runs = readdirSync(inStage(finalIndex(), '/reports/runs'));
      expect(runs).toHaveLength(1);
      expect(existsSync(inStage(finalIndex(), `/reports/runs/${runs[0]}/result.json`))).toBe(true);
    }, 300_000);
  });
});
