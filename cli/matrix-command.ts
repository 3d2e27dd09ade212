// `scim-conformance matrix a.json b.json ...`: several runs side by side.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunResult } from '../schemas/run-result.ts';
import { validateWith } from '../schemas/validate.ts';
import { renderMatrixHtml, renderMatrixMarkdown } from '../reporters/matrix-reporter.ts';
import { EXIT } from './exit-codes.ts';
import { UserError } from './user-error.ts';

export interface MatrixFlags {
  out: string;
}

export function readResult(file: string): RunResult {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : 'not valid JSON';
    throw new UserError(`${file}: ${why}`, EXIT.usage);
  }
  const check = validateWith('run-result', data);
  if (!check.ok) {
    const first = check.errors[0];
    throw new UserError(`${file}: not a scim-conformance result (${first ? `${first.path || '/'} ${first.message}` : 'invalid'})`, EXIT.usage);
  }
  return data as RunResult;
}

export async function matrixCommand(files: string[], flags: MatrixFlags): Promise<number> {
  const results = files.map(readResult);
  mkdirSync(flags.out, { recursive: true });
  const md = join(flags.out, 'matrix.md');
  const html = join(flags.out, 'matrix.html');
  writeFileSync(md, renderMatrixMarkdown(results));
  writeFileSync(html, renderMatrixHtml(results));
  process.stdout.write(`Matrix of ${results.length} runs written:\n  ${md}\n  ${html}\n`);
  return EXIT.ok;
}
