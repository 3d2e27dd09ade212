import { describe, expect, it } from 'vitest';
import { URN } from '../schemas/scim-schema.ts';
import { checkUserRules } from './rules.ts';

describe('data rules of a strict server', () => {
  const rules = { emailDomain: 'corp.example', requireEmployeeNumber: true };
  it('names every broken rule, the required attribute first', () => {
    expect(() => checkUserRules(rules, { userName: 'a@example.com' })).toThrow(
      'the enterprise attribute employeeNumber is required; userName must be an email address in the domain corp.example',
    );
    expect(() => checkUserRules(rules, { userName: 'a@corp.example', emails: [{ value: 'b@corp.example' }, { value: 'c@x.org' }], [URN.enterpriseUser]: { employeeNumber: '7' } })).toThrow(
      /^emails\[1\]\.value must be an email address in the domain corp\.example$/,
    );
  });
  it('accepts a body that keeps them', () => {
    expect(() => checkUserRules(rules, { userName: 'A@Corp.Example', emails: [{ value: 'b@corp.example' }], [URN.enterpriseUser]: { employeeNumber: '7' } })).not.toThrow();
    expect(() => checkUserRules({}, { userName: 'whatever' })).not.toThrow();
  });
});
