// A target profile at run time: the config it applies (base path, endpoints, media type), the
// scenario plan and request encoding the runner asks for, and the strict RFC 7644 view of each
// result (the same exchange judged against the RFC, with the documented deviation that explains
// any difference).
import type { Outcome, ScenarioResult } from '../schemas/run-result.ts';
import type { Level, Scenario } from '../scenarios/scenario.ts';
import { planScenario, deviationFor, type Plan } from '../profiles/adapt.ts';
import { fillTemplate, TemplateValueError } from '../profiles/base-path.ts';
import { encodeForDialect, type EncodeInput, type EncodeResult } from '../profiles/dialects.ts';
import type { Deviation, Profile } from '../profiles/profiles.ts';
import { ConfigError, DEFAULT_ENDPOINTS, type TargetConfig } from './config.ts';
import { checkExpectation, type Observation } from './judge.ts';

export interface ProfileRuntime {
  profile: Profile;
  plan(scenario: Scenario): Plan;
  /** The body sent for the scenario's resolved RFC 7644 body. */
  encode(scenario: Scenario, input: EncodeInput): EncodeResult;
  /** The strict RFC 7644 view of a result; `observation` when the PATCH was answered. */
  strictView(original: Scenario, observation: Observation | undefined, result: ScenarioResult): Pick<ScenarioResult, 'strict' | 'deviation'>;
}

const DEFAULT_MEDIA_TYPE = 'application/scim+json';

/** The config with the profile's base path (template filled), endpoints and media type applied. */
export function applyProfile(config: TargetConfig, profile: Profile): TargetConfig {
  let basePath: string;
  try {
    basePath = fillTemplate(profile.basePath, config.templateValues, profile.name);
  } catch (e) {
    if (e instanceof TemplateValueError) throw new ConfigError(e.field, e.problem);
    throw e;
  }
  const endpoints = { ...config.endpoints };
  if (endpoints.users === DEFAULT_ENDPOINTS.users) endpoints.users = profile.endpoints.users;
  if (endpoints.groups === DEFAULT_ENDPOINTS.groups) endpoints.groups = profile.endpoints.groups;
  return {
    ...config,
    baseUrl: `${config.baseUrl}${basePath}`,
    endpoints,
    // A media type the user chose wins; the default gives way to the vendor's documented one.
    mediaType: config.mediaType === DEFAULT_MEDIA_TYPE ? profile.mediaType : config.mediaType,
  };
}

/** The strict outcome a documented deviation stands for: a MUST broken fails, anything softer warns. */
export function levelOutcome(level: Level): Outcome {
  return level === 'MUST' || level === 'DERIVED' ? 'fail' : 'warn';
}

/** The runner's grading, applied to an observation with RFC 7644's own expectation and error format. */
export function gradeStrict(scenario: Scenario, observation: Observation): Outcome {
  const obs: Observation = { ...observation, errorFormat: 'scim' };
  if (checkExpectation(scenario.expect, obs).length === 0) return 'pass';
  if (scenario.alsoConformant?.some((alt) => checkExpectation(alt, obs).length === 0)) return 'pass';
  if (obs.patch.status >= 500) return 'fail';
  if (scenario.acceptable && checkExpectation(scenario.acceptable, obs).length === 0) return 'warn';
  // As the runner grades: AMBIG has a preferred outcome, so missing it fails.
  return scenario.level === 'MUST' || scenario.level === 'DERIVED' || scenario.level === 'AMBIG' ? 'fail' : 'warn';
}

function deviationInfo(profile: Profile, d: Deviation): NonNullable<ScenarioResult['deviation']> {
  return { id: d.id, profile: profile.name, level: d.level, description: d.description };
}

/** Undefined for rfc7644: the profile run and the strict view are the same thing. */
export function createProfileRuntime(profile: Profile): ProfileRuntime | undefined {
  if (profile.name === 'rfc7644') return undefined;
  return {
    profile,
    plan: (scenario) => planScenario(profile, scenario),
    encode(scenario, input) {
      // An identity provider's shape is what that client sends, whatever the vendor's dialect.
      if (scenario.family === 'idp') return { body: input.body };
      return encodeForDialect(profile.dialect, input);
    },
    strictView(original, observation, result) {
      if (result.outcome === 'error' || result.outcome === 'blocked') return { strict: result.outcome };
      if (result.capability !== undefined) return { strict: 'unsupported' };
      const ran = result.outcome !== 'unsupported';
      const d = deviationFor(profile, original, ran);
      if (d?.evidence === 'documented') return { strict: levelOutcome(d.level), deviation: deviationInfo(profile, d) };
      if (!ran) return { strict: 'unsupported' };
      if (!observation) return { strict: result.outcome };
      const strict = gradeStrict(original, observation);
      return strict !== 'pass' && d ? { strict, deviation: deviationInfo(profile, d) } : { strict };
    },
  };
}
