// PATCH-RESP: what a successful PATCH answers (RFC 7644 §3.5.2, §3.9; RFC 7643 §4.1.1 password).
import { op, ops } from '../generate-context.ts';
import type { Scenario } from '../scenario.ts';
import { absent, equals, family, ok, present, singlePrimary } from './build.ts';

const s = family('response');
const NEW_PASSWORD = 'n3w-Pa55word-for-scim!';

export function responseScenarios(): Scenario[] {
  return [
    s({
      what: 'resource-or-no-content',
      title: 'The server must answer a successful PATCH with 200 and the entire resource, or 204 without a body.',
      level: 'MUST',
      refs: ['RFC7644-3.5.2', 'PATCH-RESP-01', 'PATCH-RESP-05'],
      request: { target: 'self', body: ops(op('replace', 'nickName', 'X')) },
      expect: ok({ status: [200, 204], effect: 'change', assertions: [equals('nickName', 'X')] }),
    }),
    s({
      what: 'attributes-parameter',
      title: 'The server must answer 200 with only id, schemas and the requested attributes when ?attributes is given.',
      level: 'MUST',
      refs: ['RFC7644-3.5.2', 'RFC7644-3.9', 'PATCH-RESP-02'],
      request: { target: 'self', body: ops(op('replace', 'nickName', 'X')), query: { attributes: 'userName,nickName' } },
      expect: ok({
        status: [200],
        effect: 'change',
        assertions: [
          { kind: 'only-attributes', attributes: ['userName', 'nickName'] },
          equals('nickName', 'X'),
          present('userName', 'response'),
          present('id', 'response'),
          absent('emails', 'response'),
          absent('name', 'response'),
        ],
      }),
    }),
    s({
      what: 'excluded-attributes-parameter',
      title: 'The server should leave the attributes named in ?excludedAttributes out of the 200 body.',
      level: 'SHOULD',
      refs: ['RFC7644-3.9', 'PATCH-RESP-03'],
      request: { target: 'self', body: ops(op('replace', 'title', 'T')), query: { excludedAttributes: 'emails,name' } },
      expect: ok({
        status: [200],
        effect: 'change',
        assertions: [absent('emails', 'response'), absent('name', 'response'), present('id', 'response'), equals('title', 'T'), present('emails', 'get')],
      }),
      note: 'A 204 is allowed by §3.5.2 but proves nothing about excludedAttributes, hence a warning.',
    }),
    s({
      what: 'password-replace',
      title: 'The server must accept a password replace and never return the password.',
      level: 'MUST',
      refs: ['RFC7643-4.1.1', 'RFC7643-7', 'PATCH-RESP-04', 'PATCH-MUT-10'],
      requires: ['changePassword'],
      request: { target: 'self', body: ops(op('replace', 'password', NEW_PASSWORD)) },
      expect: ok({ assertions: [absent('password')] }),
    }),
    s({
      what: 'password-path-less',
      title: 'The server must accept a password given in a path-less replace and never return it.',
      level: 'MUST',
      refs: ['RFC7643-4.1.1', 'RFC7644-3.5.2.3', 'PATCH-RESP-04', 'PATCH-MUT-10'],
      requires: ['changePassword'],
      request: { target: 'self', body: ops(op('replace', undefined, { password: NEW_PASSWORD, nickName: 'P' })) },
      expect: ok({ effect: 'change', assertions: [absent('password'), equals('nickName', 'P')] }),
    }),
    s({
      what: 'password-requested',
      title: 'The server must not return the password even when ?attributes=password asks for it.',
      level: 'MUST',
      refs: ['RFC7643-4.1.1', 'RFC7644-3.9', 'PATCH-RESP-04'],
      requires: ['changePassword'],
      request: { target: 'self', body: ops(op('replace', 'password', NEW_PASSWORD)), query: { attributes: 'password' } },
      expect: ok({ status: [200], assertions: [absent('password'), present('id', 'response')] }),
    }),
    s({
      what: 'reflects-server-effects',
      title: 'The server must answer 200 with the state after its own normalisation (one primary email), as a GET shows.',
      level: 'MUST',
      refs: ['RFC7644-3.5.2', 'RFC7643-2.4', 'PATCH-RESP-05'],
      request: { target: 'self', body: ops(op('add', 'emails', [{ value: 'resp@example.com', type: 'other', primary: true }])) },
      expect: ok({ effect: 'change', assertions: [singlePrimary, equals('emails[value eq "resp@example.com"].primary', [true])] }),
    }),
  ];
}
