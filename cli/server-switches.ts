// The seeded defects and quirks the embedded reference server can be started with, as the command
// line asks for them (`--defect NAME`, `--quirk NAME`, repeatable, on `serve` and on `run` without a
// target): name checks, the run notes that say they were on, and the --help text that lists them.
// Kept apart from embedded-server.ts so that `--help` does not load the server.
import { DEFECT_NAMES, DEFECTS, validateDefects, type DefectName } from '../server/defects.ts';
import { QUIRK_NAMES, QUIRKS, validateQuirks, type QuirkName } from '../server/quirks.ts';
import { EXIT } from './exit-codes.ts';
import { UserError } from './user-error.ts';

/** Seeded defects and quirks asked for on the command line. */
export interface ServerSwitches {
  defects: DefectName[];
  quirks: QuirkName[];
}

/** Checks the names; an unknown one is a usage error (exit 2) that lists the known ones. */
export function parseServerSwitches(flags: { defect?: string[]; quirk?: string[] }): ServerSwitches {
  const check = <T>(flag: string, validate: () => T): T => {
    try {
      return validate();
    } catch (e) {
      throw new UserError(`${flag}: ${e instanceof Error ? e.message : String(e)}`, EXIT.usage);
    }
  };
  return {
    defects: check('--defect', () => validateDefects(flags.defect ?? [])),
    quirks: check('--quirk', () => validateQuirks(flags.quirk ?? [])),
  };
}

/** The options that switch them on (nothing when none was asked for). */
export function switchOptions(switches: ServerSwitches): { defects?: DefectName[]; quirks?: QuirkName[] } {
  return {
    ...(switches.defects.length > 0 ? { defects: switches.defects } : {}),
    ...(switches.quirks.length > 0 ? { quirks: switches.quirks } : {}),
  };
}

/** Run notes saying what the embedded server had switched on, so no report passes it off as the clean server. */
export function switchNotes(switches: ServerSwitches): string[] {
  const notes: string[] = [];
  if (switches.defects.length > 0) {
    notes.push(`the embedded reference server ran with seeded defects switched on (bugs planted on purpose): ${switches.defects.join(', ')}`);
  }
  if (switches.quirks.length > 0) {
    notes.push(`the embedded reference server ran with quirks switched on (real-world behaviour, not PATCH defects): ${switches.quirks.join(', ')}`);
  }
  return notes;
}

/** `--help` text: every defect and quirk name with its one-line description. */
export function switchesHelp(): string {
  const width = Math.max(...[...DEFECT_NAMES, ...QUIRK_NAMES].map((n) => n.length));
  const line = (name: string, text: string) => `  ${name.padEnd(width)}  ${text}`;
  return [
    '',
    'Seeded defects (--defect NAME, repeatable): bugs real servers ship, to watch the suite catch them',
    ...DEFECT_NAMES.map((n) => line(n, DEFECTS[n].breaks)),
    '',
    'Quirks (--quirk NAME, repeatable; combine with each other and with --defect): real-world behaviour that is not a PATCH defect',
    ...QUIRK_NAMES.map((n) => line(n, QUIRKS[n].description)),
  ].join('\n');
}

/** True when flags ask for a defect or a quirk. */
export function anySwitch(flags: { defect?: string[]; quirk?: string[] }): boolean {
  return (flags.defect?.length ?? 0) > 0 || (flags.quirk?.length ?? 0) > 0;
}
