import { describe, expect, it } from 'vitest';
import { DEFECT_NAMES, DEFECTS } from '../server/defects.ts';
import { QUIRK_NAMES, QUIRKS } from '../server/quirks.ts';
import { EXIT } from './exit-codes.ts';
import { anySwitch, parseServerSwitches, switchesHelp, switchNotes, switchOptions } from './server-switches.ts';
import { UserError } from './user-error.ts';

function usageError(f: () => unknown): UserError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(UserError);
    return e as UserError;
  }
  throw new Error('expected a usage error');
}

describe('parseServerSwitches', () => {
  it('keeps known names once each, in the order given', () => {
    expect(parseServerSwitches({ defect: ['partial-apply', 'partial-apply'], quirk: ['returns-password', 'relative-location'] })).toEqual({
      defects: ['partial-apply'],
      quirks: ['returns-password', 'relative-location'],
    });
    expect(parseServerSwitches({})).toEqual({ defects: [], quirks: [] });
  });

  it('an unknown name is a one-line usage error naming the flag and listing the known names', () => {
    const quirk = usageError(() => parseServerSwitches({ quirk: ['drops-nickname', 'nope'] }));
    expect(quirk.exitCode).toBe(EXIT.usage);
    expect(quirk.message).toMatch(/^--quirk: Unknown quirk "nope"; known quirks: relative-location, /);
    expect(quirk.message).not.toContain('\n');
    const defect = usageError(() => parseServerSwitches({ defect: ['bogus'] }));
    expect(defect.message).toMatch(/^--defect: Unknown defect "bogus"; known defects: op-case-sensitive, /);
  });
});

describe('switch options and notes', () => {
  it('adds nothing when nothing was asked for', () => {
    expect(switchOptions({ defects: [], quirks: [] })).toEqual({});
    expect(switchNotes({ defects: [], quirks: [] })).toEqual([]);
    expect(anySwitch({ defect: [], quirk: [] })).toBe(false);
  });

  it('passes defects and quirks to the server and names each in a run note', () => {
    const switches = { defects: ['partial-apply' as const], quirks: ['returns-password' as const, 'drops-nickname' as const] };
    expect(switchOptions(switches)).toEqual({ defects: ['partial-apply'], quirks: ['returns-password', 'drops-nickname'] });
    const notes = switchNotes(switches);
    expect(notes).toHaveLength(2);
    expect(notes[0]).toMatch(/seeded defects.*: partial-apply$/);
    expect(notes[1]).toMatch(/quirks.*: returns-password, drops-nickname$/);
    expect(anySwitch({ quirk: ['x'] })).toBe(true);
    expect(anySwitch({ defect: ['x'] })).toBe(true);
  });
});

describe('switchesHelp', () => {
  it('lists every defect and quirk with its one-line description', () => {
    const lines = switchesHelp().split('\n');
    for (const name of DEFECT_NAMES) expect(lines, name).toContainEqual(expect.stringMatching(new RegExp(`^  ${name} +${escape(DEFECTS[name].breaks)}$`)));
    for (const name of QUIRK_NAMES) expect(lines, name).toContainEqual(expect.stringMatching(new RegExp(`^  ${name} +${escape(QUIRKS[name].description)}$`)));
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
