// A scenario as it runs under a profile: the vendor's documented contract replaces RFC 7644's
// where the profile says so (success form, error format, statuses, documented deviations), and a
// scenario the vendor's contract cannot express is unsupported with a sentence why.
import type { Expectation, Scenario } from '../scenarios/scenario.ts';
import { hasPathLessWrite } from './dialects.ts';
import type { Affects, Deviation, Profile } from './profiles.ts';

export type Plan = { scenario: Scenario } | { unsupported: string; deviation?: Deviation };

function globToRegExp(glob: string): RegExp {
  return new RegExp(`^${glob.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
}

export function matchesAffects(affects: Affects, scenario: Scenario): boolean {
  if (affects.ids && !affects.ids.some((g) => globToRegExp(g).test(scenario.id))) return false;
  // A scenario where an error conforms too (alsoConformant) may be answered with one.
  if (affects.expect && scenario.expect.kind !== affects.expect && !scenario.alsoConformant?.some((e) => e.kind === affects.expect)) return false;
  if (affects.pathLess && !hasPathLessWrite(scenario.request.body)) return false;
  return true;
}

/**
 * The first deviation of the profile that affects the scenario. A scenario that was not sent
 * (`ran` false) can only carry a deviation the documentation proves, not one a run observes.
 */
export function deviationFor(profile: Profile, scenario: Scenario, ran = true): Deviation | undefined {
  return profile.deviations.find((d) => (ran || d.evidence === 'documented') && matchesAffects(d.affects, scenario));
}

/** Ids of the scenarios each deviation affects when every scenario is sent. */
export function affectedIds(profile: Profile, scenarios: Scenario[]): Map<string, string[]> {
  const out = new Map<string, string[]>(profile.deviations.map((d) => [d.id, []]));
  for (const s of scenarios) {
    const d = deviationFor(profile, s);
    if (d) out.get(d.id)!.push(s.id);
  }
  return out;
}

const SUCCESS_STATUSES: Record<Profile['success'], number[]> = { '200': [200], '204': [204], either: [200, 204] };

export function planScenario(profile: Profile, scenario: Scenario): Plan {
  if (profile.name === 'rfc7644') return { scenario };
  const deviation = deviationFor(profile, scenario);
  if (deviation?.unsupported) return { unsupported: deviation.unsupported, deviation };
  if (scenario.family === 'idp' && profile.dialect === 'scim1-partial') {
    return { unsupported: `${profile.title} does not take RFC 7644 PatchOp requests, so this identity provider's PATCH cannot reach it` };
  }
  const primary = deviation?.expect ?? scenario.expect;
  const expect = adaptExpectation(profile, primary, scenario);
  if (typeof expect === 'string') return { unsupported: expect };
  const adapted: Scenario = { ...scenario, expect };
  delete adapted.acceptable;
  delete adapted.alsoConformant;
  if (!deviation?.expect) {
    const acceptable = scenario.acceptable && adaptExpectation(profile, scenario.acceptable, scenario);
    if (acceptable && typeof acceptable !== 'string') adapted.acceptable = acceptable;
    const also = (scenario.alsoConformant ?? []).map((e) => adaptExpectation(profile, e, scenario)).filter((e): e is Expectation => typeof e !== 'string');
    if (also.length > 0) adapted.alsoConformant = also;
  }
  return { scenario: adapted };
}

/** The expectation under the vendor's contract, or a sentence saying why the contract has none. */
function adaptExpectation(profile: Profile, exp: Expectation, scenario: Scenario): Expectation | string {
  if (exp.kind === 'success') {
    const allowed = SUCCESS_STATUSES[profile.success];
    const status = (exp.status ?? [200, 204]).filter((s) => allowed.includes(s));
    if (status.length === 0) {
      return `${profile.title} answers a successful PATCH with ${allowed.join(' or ')}, and this scenario needs ${(exp.status ?? []).join(' or ')}`;
    }
    return { ...exp, status };
  }
  let status = exp.status;
  if (profile.emulation.versionMismatchStatus && scenario.request.ifMatch === 'stale') status = [profile.emulation.versionMismatchStatus];
  if (profile.statuses) {
    const documented = profile.statuses;
    status = status.filter((s) => documented.includes(s));
    if (status.length === 0) {
      return `${profile.title} documents no ${exp.status.join(' or ')} answer for PATCH (it documents ${documented.join(', ')}), so this case has no vendor contract to check`;
    }
  }
  const adapted: Expectation = { ...exp, status };
  // scimType lives in the SCIM Error body; the vendor's error format has no place for it.
  if (profile.errorFormat !== 'scim') delete adapted.scimType;
  return adapted;
}
