import { describe, it, expect } from 'vitest';
import { execFileSync } from 'node:child_process';
import type { Leftover, RunResult } from '../schemas/run-result.ts';
import { cleanupCommandLine, cleanupHint, shellArg } from './cleanup-hint.ts';

function result(leftovers: Leftover[], embedded = false): RunResult {
  return { run: { id: '20260101-120000-abc123', target: { url: 'https://scim.example.com/v2', embedded } }, leftovers } as unknown as RunResult;
}

const cut: Leftover = { kind: 'User', id: 'u1', location: '/Users/u1', reason: "deadline: not deleted, the run's deadline came before cleanup reached it" };
const refused: Leftover = { kind: 'User', id: 'u2', location: '/Users/u2', reason: 'DELETE answered 409 (locked)' };

describe('cleanupHint', () => {
  it('names the count, where they are listed and the exact command when the deadline cut cleanup', () => {
    const lines = cleanupHint(result([cut, refused]), { baseUrl: 'https://scim.example.com/v2', outDir: 'runs' });
    expect(lines).toEqual([
      'cleanup stopped at the deadline: 2 resource(s) this run created are still on the target (listed in result.json "leftovers"). Delete them with:',
      '  scim-conformance cleanup --run 20260101-120000-abc123 --target https://scim.example.com/v2',
      expect.stringMatching(/^ {2}giving it the credential of this run the same way \(SCIM_TOKEN or --token/),
    ]);
  });

  it('says why otherwise, and says nothing without leftovers or for the embedded server', () => {
    expect(cleanupHint(result([refused]), { baseUrl: 'https://h/v2', outDir: 'runs' })[0]).toMatch(/^cleanup could not delete everything: 1 resource\(s\)/);
    expect(cleanupHint(result([]), { baseUrl: 'https://h/v2', outDir: 'runs' })).toEqual([]);
    expect(cleanupHint(result([cut], true), { baseUrl: 'https://h/v2', outDir: 'runs' })).toEqual([]);
  });
});

describe('cleanupCommandLine', () => {
  it('repeats the config file, a profile and an out-dir that are not the defaults, never a credential', () => {
    expect(cleanupCommandLine('r1', { configFile: 'target.json', baseUrl: 'https://h/v2', outDir: 'ci runs', profile: 'pingone' })).toBe(
      "scim-conformance cleanup --run r1 --config target.json --profile pingone --out-dir 'ci runs'",
    );
    // User-info and query strings (where a secret may hide) are not repeated.
    expect(cleanupCommandLine('r1', { baseUrl: 'https://me:secret@h/v2?key=k9', outDir: 'runs', profile: 'rfc7644' })).toBe('scim-conformance cleanup --run r1 --target https://h/v2');
  });

  it('quotes what the shell would split or expand, and the shell reads it back unchanged', () => {
    const odd = ["it's here", 'a b', '$HOME', 'plain-1.json'];
    expect(shellArg('plain-1.json')).toBe('plain-1.json');
    const echoed = execFileSync('sh', ['-c', `printf '%s\\n' ${odd.map(shellArg).join(' ')}`], { encoding: 'utf8' });
    expect(echoed.split('\n').slice(0, -1)).toEqual(odd);
  });
});
