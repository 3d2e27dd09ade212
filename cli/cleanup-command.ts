// `scim-conformance cleanup --ledger FILE | --run ID`: deletes what a killed run left, and nothing
// else: each resource is read back first and only one that carries the run's marker is deleted.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { markerCheck } from '../engine/marker-check.ts';
import { ScimClient } from '../engine/client.ts';
import { createRedactor } from '../engine/redact.ts';
import { Ledger, type CreateIntent } from '../engine/ledger.ts';
import { buildConfig, toUserError } from './run-command.ts';
import type { TargetFlags } from './target-flags.ts';
import { EXIT } from './exit-codes.ts';
import { UserError } from './user-error.ts';

export interface CleanupFlags extends TargetFlags {
  ledger?: string;
  run?: string;
}

async function findIntended(client: ScimClient, ledger: Ledger, intent: CreateIntent): Promise<void> {
  const res = await client.request('GET', intent.endpoint, { purpose: 'cleanup', query: { filter: `${intent.attr} eq ${JSON.stringify(intent.value)}` } });
  const found = res.status === 200 && typeof res.json === 'object' && res.json !== null ? (res.json as { Resources?: unknown }).Resources : undefined;
  for (const r of Array.isArray(found) ? found : []) {
    const id = (r as { id?: unknown } | null)?.id;
    if (typeof id === 'string') ledger.record({ kind: intent.kind, id, location: `${intent.endpoint}/${encodeURIComponent(id)}`, name: intent.value });
  }
}

export async function cleanupCommand(flags: CleanupFlags): Promise<number> {
  if ((flags.ledger === undefined) === (flags.run === undefined)) throw new UserError('cleanup needs --ledger FILE or --run ID (one of them)', EXIT.usage);
  if (flags.run !== undefined && !/^[A-Za-z0-9._-]+$/.test(flags.run)) throw new UserError(`--run: ${JSON.stringify(flags.run)} is not a run id`, EXIT.usage);
  try {
    const config = buildConfig(flags);
    const file = flags.ledger ?? join(config.outDir, flags.run!, 'ledger.ndjson');
    if (!existsSync(file)) throw new UserError(`${flags.ledger ? '--ledger' : '--run'}: ${file}: no such file`, EXIT.usage);
    // Read back into the same file: each deletion is appended, so a second cleanup finds nothing to do.
    const ledger = Ledger.fromFile(file);
    const intents = Ledger.unresolvedIntents(file);
    if (ledger.pending().length === 0 && intents.length === 0) {
      process.stdout.write('Nothing to clean up: every resource in the ledger was already deleted.\n');
      return EXIT.ok;
    }
    const client = new ScimClient(config, createRedactor(config));
    let leftovers;
    let entries;
    try {
      // A POST the run sent but never recorded (killed before the answer): find it by its marked name.
      for (const intent of intents) {
        try {
          await findIntended(client, ledger, intent);
        } catch (e) {
          process.stdout.write(`  could not search for ${intent.kind} ${intent.attr} "${intent.value}" (created by the run, never recorded): ${e instanceof Error ? e.message : String(e)}\n`);
        }
      }
      entries = ledger.pending();
      leftovers = await ledger.cleanup(client, { concurrency: config.concurrency, check: markerCheck(client, ledger.marker) });
    } finally {
      await client.close();
    }
    process.stdout.write(`Deleted ${entries.length - leftovers.length} of ${entries.length} resources.\n`);
    for (const l of leftovers) process.stdout.write(`  left: ${l.kind} ${l.id} (${l.reason})\n`);
    return leftovers.length === 0 ? EXIT.ok : EXIT.failures;
  } catch (e) {
    throw toUserError(e);
  }
}
