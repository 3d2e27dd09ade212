// `scim-conformance list`: the scenarios generated from the built-in RFC 7643 schemas. A run
// generates its own after discovery, from the target's schemas, so its set can differ.
import { builtinResourceSchemas } from '../schemas/rfc7643.ts';
import { generateScenarios } from '../scenarios/generate.ts';
import { selectNonEmpty, type SelectFlags } from './select.ts';
import { EXIT } from './exit-codes.ts';

export interface ListFlags extends SelectFlags {
  json?: boolean;
}

export async function listCommand(flags: ListFlags): Promise<number> {
  // An empty selection is a usage error (exit 2) naming the families and levels, as in `run`.
  const scenarios = selectNonEmpty(generateScenarios({ schemas: builtinResourceSchemas() }), flags, 'generated from the built-in RFC 7643 schemas');
  if (flags.json) {
    const rows = scenarios.map((s) => ({ id: s.id, title: s.title, family: s.family, level: s.level, refs: s.refs, requires: s.requires }));
    process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return EXIT.ok;
  }
  const idWidth = Math.max(2, ...scenarios.map((s) => s.id.length));
  process.stdout.write(`${'ID'.padEnd(idWidth)}  LEVEL    REFERENCES\n`);
  for (const s of scenarios) {
    process.stdout.write(`${s.id.padEnd(idWidth)}  ${s.level.padEnd(7)}  ${s.refs.join(' ')}\n`);
  }
  const byLevel = new Map<string, number>();
  for (const s of scenarios) byLevel.set(s.level, (byLevel.get(s.level) ?? 0) + 1);
  const families = new Set(scenarios.map((s) => s.family));
  process.stdout.write(
    `\n${scenarios.length} scenarios in ${families.size} families (${[...byLevel].map(([l, n]) => `${n} ${l}`).join(', ')})\n` +
      "Generated from the built-in RFC 7643 schemas; a run generates its scenarios after discovery, from the target's own schemas, so its set can differ.\n",
  );
  return EXIT.ok;
}
