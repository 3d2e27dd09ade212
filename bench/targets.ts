// The performance targets (docs/performance.md), checked against measured cases. Informational:
// the bench reports met / missed, it never fails on timing.
import type { CaseResult } from './stats.ts';

export interface TargetCheck {
  target: string;
  measured: string;
  /** Undefined when the cases it needs were not measured. */
  met?: boolean;
}

export function evaluateTargets(cases: CaseResult[]): TargetCheck[] {
  const by = (name: string) => cases.find((c) => c.name === name);
  const base = by('default');
  const lat = by('latency-20ms');
  const x16 = by('repeat-16x');
  const checks: TargetCheck[] = [];
  const add = (target: string, ok: boolean | undefined, measured: string) => checks.push({ target, measured, ...(ok === undefined ? {} : { met: ok }) });

  if (base) {
    add('>= 300 scenarios in <= 4 s wall (process start to exit, reports written)', base.scenarios >= 300 && base.wallMs <= 4000, `${base.scenarios} scenarios in ${(base.wallMs / 1000).toFixed(2)} s`);
    add('wall <= 1.5x the floor (default concurrency)', base.wallMs <= 1.5 * base.floorMs, `wall ${(base.wallMs / base.floorMs).toFixed(2)}x, run phase ${(base.runMs / base.floorMs).toFixed(2)}x the floor (${(base.floorMs / 1000).toFixed(2)} s)`);
    add('<= 4 requests per scenario on average', base.stats.perScenarioMean <= 4, `${base.stats.perScenarioMean.toFixed(2)} (max ${base.stats.perScenarioMax})`);
  }
  // The RSS bound is for the standard run; how memory grows with 16x the work is its own target.
  if (base?.peakRssMb !== undefined) {
    add('peak RSS <= 300 MB (default run)', base.peakRssMb <= 300, `${base.peakRssMb.toFixed(0)} MB`);
  }
  if (lat) add('with 20 ms added latency, wall <= 1.2x the floor', lat.wallMs <= 1.2 * lat.floorMs, `${(lat.wallMs / lat.floorMs).toFixed(2)}x (${(lat.wallMs / 1000).toFixed(2)} s vs ${(lat.floorMs / 1000).toFixed(2)} s)`);
  if (base && x16) {
    const time = x16.wallMs / base.wallMs;
    const mem = x16.peakRssMb !== undefined && base.peakRssMb !== undefined ? x16.peakRssMb / base.peakRssMb : undefined;
    add('16x the scenarios: <= 17x the time', time <= 17, `${time.toFixed(2)}x`);
    add('16x the scenarios: peak RSS <= 1.5x', mem === undefined ? undefined : mem <= 1.5, mem === undefined ? 'RSS not measured' : `${mem.toFixed(2)}x`);
  }
  const proxy = by('proxy-20ms');
  for (const name of ['throttle-3rd', 'throttle-3rd-ra0', 'throttle-3rd-ra1']) {
    const t = by(name);
    if (proxy && t) add(`${name}: <= 3x the same target unthrottled (proxy-20ms)`, t.wallMs <= 3 * proxy.wallMs, `${(t.wallMs / proxy.wallMs).toFixed(2)}x (${(t.wallMs / 1000).toFixed(2)} s vs ${(proxy.wallMs / 1000).toFixed(2)} s)`);
  }
  return checks;
}

export function renderTargets(checks: TargetCheck[]): string {
  const rows = checks.map((c) => `| ${c.target} | ${c.measured} | ${c.met === undefined ? 'not measured' : c.met ? 'met' : 'missed'} |`);
  return ['| target | measured | |', '|---|---|---|', ...rows].join('\n') + '\n';
}
