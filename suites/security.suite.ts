// The "security" family (the target's own security checks) as vitest tests (one test per scenario id).
import { defineFamily } from './harness.ts';

await defineFamily('security');
