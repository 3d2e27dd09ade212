// Creates (POST to a collection) that must be refused: a second user with an existing userName is a
// conflict, RFC 7644 §3.3: "the service provider MUST return HTTP status code 409 (Conflict) with a
// "scimType" error code of "uniqueness"". The existing user is named by placeholder, so the runner
// reads it back right after the POST (the bystander read) and fails the scenario if it changed.
import type { Scenario } from '../scenario.ts';
import { failure, requestFamily } from './build.ts';
import { createLifecycleScenarios } from './create-lifecycle.ts';

const s = requestFamily('create', { state: 'user.minimal' });

/** 409 uniqueness only: RFC 7644 §3.3 says MUST, so a 400 (even with scimType uniqueness) fails. */
const conflict = failure([409], ['uniqueness']);

/**
 * A POST /Users whose body is a new user built like the state's own (data templates applied, so a
 * target with its own rules accepts everything else) with this userName.
 */
const postUser = (userName: string): Scenario['request'] => ({
  target: { unknown: 'User' },
  method: 'POST',
  endpoint: 'collection',
  bodyFrom: 'self',
  body: { userName },
});

export function createScenarios(): Scenario[] {
  return [
    s({
      what: 'user-name-taken',
      title: "The server must refuse to create a user with another user's userName with 409 uniqueness and leave that user as it was.",
      level: 'MUST',
      refs: ['RFC7644-3.3', 'RFC7644-3.12', 'RFC7643-4.1.1'],
      request: postUser('{self.userName}'),
      expect: conflict,
      note: 'RFC 7644 §3.3 names this very case (a duplicate userName) and the answer: 409 with scimType uniqueness; Table 9 lists uniqueness with 409 too.',
    }),
    s({
      what: 'user-name-taken-other-case',
      title: "The server must refuse to create a user with another user's userName in another case (409 uniqueness), as userName is caseExact false.",
      level: 'MUST',
      refs: ['RFC7643-4.1.1', 'RFC7643-2.2', 'RFC7644-3.3'],
      request: postUser('{self.userName|upper}'),
      expect: conflict,
      note: 'RFC 7643 §4.1.1: userName is unique with caseExact false, so a value differing only in case is the same userName.',
    }),
    ...createLifecycleScenarios(),
  ];
}
