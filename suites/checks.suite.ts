// The cross-cutting checks (rules for every response) as vitest tests, from one whole run.
import { defineChecks } from './harness.ts';

await defineChecks();
