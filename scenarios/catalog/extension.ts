// PATCH-EXT: the enterprise User extension (RFC 7644 §3.5.2, §3.10; RFC 7643 §3.3, §4.3).
import { ENT, op, ops, qualified } from '../generate-context.ts';
import type { Scenario } from '../scenario.ts';
import { absent, bad, equals, family, ok, present } from './build.ts';

const s = family('extension', { requires: ['enterpriseUser'] });
const ent = (path: string) => qualified(ENT, path);

export function extensionScenarios(): Scenario[] {
  return [
    s({
      what: 'add-to-user-without-extension',
      title: 'The server must store a URN-qualified add inside the extension and add the extension URN to schemas.',
      level: 'MUST',
      refs: ['RFC7644-3.5.2', 'RFC7643-3.3', 'PATCH-EXT-01'],
      state: 'user.minimal',
      request: { target: 'self', body: ops(op('add', ent('employeeNumber'), '1001')) },
      expect: ok({ effect: 'change', assertions: [equals(ent('employeeNumber'), '1001')] }),
      note: 'The oracle adds the URN to schemas; a flat top-level key is a failure (elimity-com/scim #171).',
    }),
    s({
      what: 'replace-attribute',
      title: 'The server must replace one enterprise attribute by its URN-qualified path and keep the others.',
      level: 'MUST',
      refs: ['RFC7644-3.5.2.3', 'RFC7644-3.10', 'PATCH-EXT-02'],
      request: { target: 'self', body: ops(op('replace', ent('department'), 'Marketing')) },
      expect: ok({
        effect: 'change',
        assertions: [equals(ent('department'), 'Marketing'), present(ent('employeeNumber')), present(ent('costCenter')), present(ent('manager'))],
      }),
    }),
    s({
      what: 'replace-manager-value',
      title: 'The server must replace manager.value through its URN-qualified sub-attribute path.',
      level: 'MUST',
      refs: ['RFC7644-3.5.2', 'RFC7643-4.3', 'PATCH-EXT-03'],
      request: { target: 'self', body: ops(op('replace', ent('manager.value'), '{self.id}')) },
      expect: ok({ effect: 'change', assertions: [equals(ent('manager.value'), '{self.id}')] }),
      note: 'user.full has only U2 besides the user itself, so the user becomes its own manager.',
    }),
    s({
      what: 'replace-manager-object',
      title: 'The server must replace the complex manager with the given object.',
      level: 'MUST',
      refs: ['RFC7644-3.5.2.3', 'RFC7643-4.3', 'PATCH-EXT-04'],
      request: { target: 'self', body: ops(op('replace', ent('manager'), { value: '{self.id}' })) },
      expect: ok({ effect: 'change', assertions: [equals(ent('manager.value'), '{self.id}')] }),
    }),
    s({
      what: 'remove-manager',
      title: 'The server must unassign the enterprise manager on remove.',
      level: 'MUST',
      refs: ['RFC7644-3.5.2.2', 'PATCH-EXT-05'],
      request: { target: 'self', body: ops(op('remove', ent('manager'))) },
      expect: ok({ effect: 'change', assertions: [absent(ent('manager')), present(ent('department'))] }),
    }),
    s({
      what: 'remove-attribute',
      title: 'The server must unassign an enterprise string attribute on remove and keep the others.',
      level: 'MUST',
      refs: ['RFC7644-3.5.2.2', 'PATCH-EXT-05'],
      request: { target: 'self', body: ops(op('remove', ent('employeeNumber'))) },
      expect: ok({ effect: 'change', assertions: [absent(ent('employeeNumber')), present(ent('costCenter'))] }),
    }),
    s({
      what: 'manager-display-name-read-only',
      title: 'The server must refuse to replace the read-only manager.displayName with 400 mutability.',
      level: 'MUST',
      refs: ['RFC7644-3.5.2', 'RFC7643-4.3', 'PATCH-EXT-06'],
      request: { target: 'self', body: ops(op('replace', ent('manager.displayName'), 'Boss')) },
      expect: bad('mutability'),
    }),
    s({
      what: 'replace-whole-extension',
      title: 'The server should accept the bare extension URN as a path and replace the given attributes, keeping the others.',
      level: 'AMBIG',
      refs: ['RFC7644-3.5.2.3', 'RFC7644-3.10', 'PATCH-EXT-07'],
      request: { target: 'self', body: ops(op('replace', ENT, { costCenter: '9', department: 'X' })) },
      expect: ok({
        effect: 'change',
        assertions: [equals(ent('costCenter'), '9'), equals(ent('department'), 'X'), present(ent('employeeNumber'))],
      }),
      acceptable: bad('invalidPath'),
      note: 'The attrPath grammar has no "URN alone" form; many servers accept it (replace keeps unspecified sub-attributes).',
    }),
    s({
      what: 'remove-whole-extension',
      title: 'The server should accept the bare extension URN as a remove path and drop the extension.',
      level: 'AMBIG',
      refs: ['RFC7644-3.5.2.2', 'RFC7644-3.10', 'PATCH-EXT-07'],
      request: { target: 'self', body: ops(op('remove', ENT)) },
      expect: ok({ effect: 'change', assertions: [absent(ent('employeeNumber')), absent(ent('department'))] }),
      acceptable: bad('invalidPath'),
    }),
    s({
      what: 'path-less-container',
      title: 'The server must merge a path-less replace of the extension container, keeping the attributes not given.',
      level: 'MUST',
      refs: ['RFC7644-3.5.2.3', 'RFC7643-3.3', 'PATCH-EXT-08'],
      request: { target: 'self', body: ops(op('replace', undefined, { [ENT]: { costCenter: '77' } })) },
      expect: ok({
        effect: 'change',
        assertions: [equals(ent('costCenter'), '77'), present(ent('employeeNumber')), present(ent('department')), present(ent('manager'))],
      }),
    }),
    s({
      what: 'two-ops-new-extension',
      title: 'The server must let a later operation see the extension a previous operation of the same request added.',
      level: 'MUST',
      refs: ['RFC7644-3.5.2', 'PATCH-EXT-09'],
      state: 'user.minimal',
      request: { target: 'self', body: ops(op('add', ent('costCenter'), '1'), op('replace', ent('department'), 'D')) },
      expect: ok({ effect: 'change', assertions: [equals(ent('costCenter'), '1'), equals(ent('department'), 'D')] }),
    }),
    s({
      what: 'path-less-urn-qualified-replace',
      title: 'The server should store a URN-qualified key of a path-less replace inside the extension (Entra form).',
      level: 'SHOULD',
      refs: ['RFC7644-3.10', 'RFC7644-3.5.2.3', 'PATCH-ADD-12', 'PATCH-IOP-04'],
      request: { target: 'self', body: ops(op('replace', undefined, { [ent('employeeNumber')]: 'Aklq', displayName: 'Bjfe' })) },
      expect: ok({ effect: 'change', assertions: [equals(ent('employeeNumber'), 'Aklq'), equals('displayName', 'Bjfe'), present(ent('department'))] }),
    }),
    s({
      what: 'manager-as-string',
      title: 'The server should read a string given for manager as manager.value (current Entra form).',
      level: 'INTEROP',
      refs: ['RFC7643-4.3', 'RFC7644-3.5.2.1', 'PATCH-IOP-08'],
      request: { target: 'self', body: ops(op('add', ent('manager'), '{self.id}')) },
      expect: ok({ effect: 'change', assertions: [equals(ent('manager.value'), '{self.id}')] }),
      oracleOptions: { coerceStringToComplexValue: true },
      acceptable: bad('invalidValue'),
    }),
    s({
      what: 'manager-as-array',
      title: 'The server should read a one-element array given for the unqualified manager as that element (Entra tutorial form).',
      level: 'INTEROP',
      refs: ['RFC7643-4.3', 'RFC7644-3.10', 'PATCH-IOP-09'],
      request: { target: 'self', body: ops(op('Add', 'manager', [{ value: '{self.id}' }])) },
      expect: ok({ effect: 'change', assertions: [equals(ent('manager.value'), '{self.id}')] }),
      oracleOptions: { unwrapSingletonArrays: true },
      acceptable: bad('invalidValue', 'invalidPath'),
    }),
  ];
}
