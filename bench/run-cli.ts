// Runs `scim-conformance run` as a child process, the way a user does, and measures it from process
// start to exit: wall time, and (through /usr/bin/time when present) peak RSS and CPU time.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const BIN = new URL('../bin/scim-conformance.mjs', import.meta.url).pathname;
const GNU_TIME = '/usr/bin/time';

export interface CliRun {
  exitCode: number | null;
  wallMs: number;
  peakRssMb?: number;
  cpuMs?: number;
  stderr: string;
}

/** Parses the `-f "%M %U %S"` line of GNU time: peak RSS in KiB, user and system seconds. */
export function parseGnuTime(text: string): { peakRssMb: number; cpuMs: number } | undefined {
  const line = text.trim().split('\n').pop() ?? '';
  const m = /^(\d+) (\d+(?:\.\d+)?) (\d+(?:\.\d+)?)$/.exec(line.trim());
  if (!m) return undefined;
  return { peakRssMb: Number(m[1]) / 1024, cpuMs: (Number(m[2]) + Number(m[3])) * 1000 };
}

export function runCli(args: string[], options: { env?: Record<string, string>; workDir: string }): Promise<CliRun> {
  const timeFile = join(options.workDir, 'time.txt');
  const useTime = existsSync(GNU_TIME);
  const command = useTime ? GNU_TIME : process.execPath;
  const argv = useTime ? ['-f', '%M %U %S', '-o', timeFile, process.execPath, BIN, ...args] : [BIN, ...args];
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, argv, {
      // The compiled command, as the package ships it (the bench builds dist/ before its cases).
      env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '/tmp', NO_COLOR: '1', SCIM_CONFORMANCE_DIST: '1', ...options.env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = performance.now() - started;
      let measured: ReturnType<typeof parseGnuTime>;
      if (useTime && existsSync(timeFile)) {
        measured = parseGnuTime(readFileSync(timeFile, 'utf8'));
        rmSync(timeFile, { force: true });
      }
      resolve({ exitCode: code, wallMs, stderr, ...(measured ?? {}) });
    });
  });
}
