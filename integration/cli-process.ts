// Test helper: the real `scim-conformance` command as a child process, and what a run left behind.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll } from 'vitest';
import { join } from 'node:path';
import type { RunResult } from '../schemas/run-result.ts';
import type { RunningServer } from '../server/index.ts';

export const BIN = new URL('../bin/scim-conformance.mjs', import.meta.url).pathname;

export interface Ran {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

export interface Running {
  child: ChildProcess;
  done: Promise<Ran>;
}

export function startCli(args: string[], env: Record<string, string> = {}, timeoutMs = 30_000): Running {
  const started = Date.now();
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '/tmp', NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<Ran>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`scim-conformance ${args.join(' ')} did not end within ${timeoutMs} ms`));
    }, timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, ms: Date.now() - started });
    });
  });
  return { child, done };
}

export function cli(args: string[], env: Record<string, string> = {}, timeoutMs = 30_000): Promise<Ran> {
  return startCli(args, env, timeoutMs).done;
}

/**
 * Any command (npm, sh, an installed bin) with its output collected. Past `timeoutMs` it is killed
 * and the answer has code null; an error starting it rejects.
 */
export function runProcess(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs: number }): Promise<Pick<Ran, 'code' | 'stdout' | 'stderr'>> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** The only run folder under `outDir`. */
export function onlyRun(outDir: string): string {
  const dirs = readdirSync(outDir);
  if (dirs.length !== 1) throw new Error(`expected one run folder in ${outDir}, found ${dirs.join(', ') || 'none'}`);
  return join(outDir, dirs[0]!);
}

export function readResult(runDir: string): RunResult {
  return JSON.parse(readFileSync(join(runDir, 'result.json'), 'utf8')) as RunResult;
}

export function filesUnder(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

/** Users and Groups the reference server holds. */
export function resourcesOn(server: RunningServer): number {
  return server.store.list('User').length + server.store.list('Group').length;
}

/** A stack trace or an uncaught error in the output of the command. */
export const STACK_TRACE = /\n\s+at |node:internal|Unhandled|uncaught/i;

export interface Scratch {
  /** The test file's temp folder (created before its tests, removed after them). */
  readonly root: string;
  /** Servers and proxies to close after the file's tests. */
  keep(...closable: Array<{ close(): Promise<void> }>): void;
}

/** A temp folder and a list of things to close for one test file, tied to its beforeAll / afterAll. */
export function scratch(prefix: string): Scratch {
  let root = '';
  const open: Array<{ close(): Promise<void> }> = [];
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), prefix));
  });
  afterAll(async () => {
    for (const s of open) await s.close();
    if (root) rmSync(root, { recursive: true, force: true });
  });
  return {
    get root() {
      return root;
    },
    keep: (...closable) => void open.push(...closable),
  };
}
