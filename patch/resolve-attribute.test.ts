import { describe, it, expect } from 'vitest';
import { resolveAttributeText } from './resolve-attribute.ts';
import { CUSTOM_URN, ENT, USER, userWithCustomExtension } from './golden-fixtures.ts';
import { PatchError } from './patch-error.ts';

describe('resolveAttributeText', () => {
  it('resolves case-insensitively to canonical definitions', () => {
    expect(resolveAttributeText('NAME.GIVENNAME', USER)).toMatchObject({ container: null, def: { name: 'name' }, sub: { name: 'givenName' } });
    expect(resolveAttributeText('externalid', USER)).toMatchObject({ container: null, def: { name: 'externalId', caseExact: true } });
  });

  it('takes the longest matching schema URN, case-insensitively', () => {
    expect(resolveAttributeText(`${ENT.toUpperCase()}:MANAGER.value`, USER)).toMatchObject({ container: ENT, def: { name: 'manager' }, sub: { name: 'value' } });
    expect(resolveAttributeText(ENT.toLowerCase(), USER)).toMatchObject({ kind: 'container', urn: ENT });
    expect(resolveAttributeText('urn:ietf:params:scim:schemas:core:2.0:User:userName', USER)).toMatchObject({ container: null, def: { name: 'userName' } });
    expect(resolveAttributeText(`${CUSTOM_URN}:tags`, userWithCustomExtension())).toMatchObject({ container: CUSTOM_URN, def: { name: 'tags' } });
  });

  it('rejects unknown URNs, unknown attributes and the core URN alone with invalidPath', () => {
    for (const t of ['urn:x:y:User:name', 'nope', 'urn:ietf:params:scim:schemas:core:2.0:User', `${ENT}:nope`, 'emails.nope']) {
      let err: unknown;
      try {
        resolveAttributeText(t, USER);
      } catch (e) {
        err = e;
      }
      expect(err, t).toBeInstanceOf(PatchError);
      expect((err as PatchError).scimType).toBe('invalidPath');
    }
  });
});
