// Splitting a run across machines (`--shard K/N`) and growing it for measurements (`--repeat N`).
// A scenario's shard depends on its id alone, so adding or removing other scenarios never moves it,
// and every shard computes the same partition without talking to the others.
import type { Scenario } from '../scenarios/scenario.ts';

export interface Shard {
  /** 1-based index of this shard. */
  index: number;
  count: number;
}

/** Parses "K/N" (1 <= K <= N). Throws an Error with a one-line message otherwise. */
export function parseShard(text: string): Shard {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || !Number.isSafeInteger(index) || !Number.isSafeInteger(count) || count < 1 || index < 1 || index > count) {
    throw new Error(`--shard: "${text}" is not K/N with 1 <= K <= N (e.g. 2/4)`);
  }
  return { index, count };
}

/** FNV-1a, 32 bits, over the UTF-16 code units: stable across platforms and Node versions. */
export function idHash(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i += 1) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** The 1-based shard a scenario id belongs to. */
export function shardOf(id: string, count: number): number {
  return (idHash(id) % count) + 1;
}

/** The scenarios of one shard, in their original order. */
export function selectShard<T extends { id: string; check?: string }>(scenarios: T[], shard: Shard): T[] {
  if (shard.count === 1) return scenarios;
  // A cross-cutting check observes the exchanges of its own run: every shard has each, and merge
  // adds up what they saw.
  return scenarios.filter((s) => s.check !== undefined || shardOf(s.id, shard.count) === shard.index);
}

/** Parses the hidden `--repeat N` value (a positive integer). */
export function parseRepeat(text: string): number {
  const n = Number(text);
  if (!/^\s*\d+\s*$/.test(text) || !Number.isSafeInteger(n) || n < 1) throw new Error(`--repeat: "${text}" is not a positive integer`);
  return n;
}

/**
 * Each scenario `times` times: the original, then copies with ids suffixed "#2", "#3" ... right
 * after it. Copies are independent scenarios (own resources, own result), so the work grows linearly.
 */
export function repeatScenarios(scenarios: Scenario[], times: number): Scenario[] {
  if (times <= 1) return scenarios;
  const out: Scenario[] = [];
  for (const s of scenarios) {
    out.push(s);
    for (let k = 2; k <= times; k += 1) out.push({ ...s, id: `${s.id}#${k}` });
  }
  return out;
}
