// The "me" family (requests other than PATCH) as vitest tests (one test per scenario id).
import { defineFamily } from './harness.ts';

await defineFamily('me');
