// /Me (RFC 7644 §3.11): the alias of the authenticated subject's own resource. A service provider
// that does not support it answers 501 (Not Implemented); one that does answers as for the subject's
// resource, or redirects there with 308 and a Location. Every answer the RFC allows passes. The suite
// never writes through /Me: the subject's resource is not one it created (the PATCH sent is one that
// no server can apply: it has no operations), and it never sends DELETE /Me.
import { URN } from '../../schemas/scim-schema.ts';
import type { Assertion, Expectation, Scenario } from '../scenario.ts';
import { failure, okChecked, requestFamily } from './build.ts';

const s = requestFamily('me', { state: 'user.minimal' });

const REFS = ['RFC7644-3.11'];
const me = (form: 'resource' | 'redirect', attributes?: string[]): Assertion => ({ kind: 'me', form, ...(attributes ? { attributes } : {}) });
const notImplemented = failure([501]);
const redirect: Expectation = okChecked([me('redirect')], { status: [308] });
const NOTE = 'RFC 7644 §3.11: a service provider that does not support /Me SHOULD answer 501; one that does answers for the subject\'s resource, or MAY redirect with 308 to it. A 404 (or any other answer) misses the SHOULD.';

export function meScenarios(): Scenario[] {
  return [
    s({
      what: 'get',
      title: "GET /Me should answer the authenticated subject's resource, a 308 redirect to it, or 501 when /Me is not supported.",
      level: 'SHOULD',
      refs: REFS,
      request: { target: { unknown: 'User' }, method: 'GET', endpoint: 'me', body: undefined },
      expect: notImplemented,
      alsoConformant: [okChecked([me('resource')], { status: [200] }), redirect],
      note: NOTE,
    }),
    s({
      what: 'get-attributes',
      title: 'GET /Me?attributes=userName should answer only userName (with id, schemas, meta) of the subject, a 308 redirect, or 501.',
      level: 'SHOULD',
      refs: [...REFS, 'RFC7644-3.9'],
      request: { target: { unknown: 'User' }, method: 'GET', endpoint: 'me', body: undefined, query: { attributes: 'userName' } },
      expect: notImplemented,
      alsoConformant: [okChecked([me('resource', ['userName'])], { status: [200] }), redirect],
      note: `${NOTE} /Me takes the same query parameters as the resource it stands for.`,
    }),
    s({
      what: 'patch-no-operations',
      title: 'PATCH /Me with a PatchOp without Operations should answer 400 (as for the resource itself), a 308 redirect, or 501.',
      level: 'SHOULD',
      refs: [...REFS, 'RFC7644-3.5.2'],
      request: { target: { unknown: 'User' }, method: 'PATCH', endpoint: 'me', body: { schemas: [URN.patchOp], Operations: [] } },
      expect: notImplemented,
      alsoConformant: [failure([400]), okChecked([me('redirect')], { status: [308] })],
      note: `${NOTE} An empty Operations array is refused for any resource (RFC 7644 §3.5.2: Operations is REQUIRED and holds operations), so the subject's resource is never changed.`,
    }),
    s({
      what: 'no-credential',
      title: 'GET /Me without a credential must answer 401 (or 501 when /Me does not exist at all), never anyone\'s resource.',
      level: 'MUST',
      refs: [...REFS, 'RFC7644-2', 'RFC7235-3.1'],
      request: { target: { unknown: 'User' }, method: 'GET', endpoint: 'me', body: undefined, credential: 'none' },
      expect: failure([401]),
      alsoConformant: [notImplemented],
      note: 'Without a credential there is no subject: /Me cannot stand for anything. A server without /Me may say so (501) before it asks for a credential.',
    }),
  ];
}
