// Reads of one resource with `attributes` or `excludedAttributes` (RFC 7644 §3.4.2.5: the two
// parameters "MUST be supported by SCIM service providers"; §3.9). Each is a scenario of its own,
// a plain GET, so that no other defect of the target (in PATCH, say) can mask or explain it.
import type { Assertion, Scenario } from '../scenario.ts';
import { absent, okChecked, present, requestFamily } from './build.ts';
import { readLifecycleScenarios } from './read-lifecycle.ts';

const s = requestFamily('read');

const onlyAttributes = (...attributes: string[]): Assertion => ({ kind: 'only-attributes', attributes });

export function readScenarios(): Scenario[] {
  return [
    s({
      what: 'attributes',
      title: 'The server must answer GET /Users/{id}?attributes=userName with only id, schemas, meta and userName.',
      level: 'MUST',
      refs: ['RFC7644-3.4.2.5', 'RFC7644-3.9', 'RFC7644-3.4.1'],
      request: { target: 'self', method: 'GET', body: undefined, query: { attributes: 'userName' } },
      expect: okChecked([onlyAttributes('userName')], { status: [200] }),
      note: 'user.full has a name, emails, a title and more: any of them in the answer means the parameter was ignored.',
    }),
    s({
      what: 'excluded-attributes',
      title: 'The server must leave out what excludedAttributes names (nickName, title) when answering GET /Users/{id}.',
      level: 'MUST',
      refs: ['RFC7644-3.4.2.5', 'RFC7644-3.9', 'RFC7644-3.4.1'],
      request: { target: 'self', method: 'GET', body: undefined, query: { excludedAttributes: 'nickName,title' } },
      expect: okChecked([absent('nickName', 'response'), absent('title', 'response'), present('userName', 'response')], { status: [200] }),
      note: 'Only the answer to the GET is judged: the read-back without parameters still carries both attributes.',
    }),
    ...readLifecycleScenarios(),
  ];
}
