// `scim-conformance cleanup --ledger FILE`: deletes what a killed run left, and nothing else.
import { existsSync } from 'node:fs';
import { ScimClient } from '../engine/client.ts';
import { createRedactor } from '../engine/redact.ts';
import { Ledger } from '../engine/ledger.ts';
import { buildConfig, toUserError } from './run-command.ts';
import type { TargetFlags } from './target-flags.ts';
import { EXIT } from './exit-codes.ts';
import { UserError } from './user-error.ts';

export interface CleanupFlags extends TargetFlags {
  ledger: string;
}

export async function cleanupCommand(flags: CleanupFlags): Promise<number> {
  if (!existsSync(flags.ledger)) throw new UserError(`--ledger: ${flags.ledger}: no such file`, EXIT.usage);
  try {
    const config = buildConfig(flags);
    const entries = Ledger.readFile(flags.ledger).filter((e) => !e.deleted);
    if (entries.length === 0) {
      process.stdout.write('Nothing to clean up: every resource in the ledger was already deleted.\n');
      return EXIT.ok;
    }
    const client = new ScimClient(config, createRedactor(config));
    const ledger = new Ledger({ runId: 'cleanup' });
    for (const e of entries) ledger.record({ kind: e.kind, id: e.id, location: e.location });
    const leftovers = await ledger.cleanup(client, { concurrency: config.concurrency });
    await client.close();
    process.stdout.write(`Deleted ${entries.length - leftovers.length} of ${entries.length} resources.\n`);
    for (const l of leftovers) process.stdout.write(`  left: ${l.kind} ${l.id} (${l.reason})\n`);
    return leftovers.length === 0 ? EXIT.ok : EXIT.failures;
  } catch (e) {
    throw toUserError(e);
  }
}
