// The "remove" family of PATCH scenarios as vitest tests (one test per scenario id).
import { defineFamily } from './harness.ts';

await defineFamily('remove');
