import { describe, expect, it } from 'vitest';
import { ENT, op, ops, qualified } from './generate-context.ts';

describe('generate-context helpers', () => {
  it('builds a PatchOp body, leaving out undefined path and value', () => {
    expect(ops(op('remove', 'nickName'), op('add', undefined, { title: 'T' }))).toEqual({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'remove', path: 'nickName' }, { op: 'add', value: { title: 'T' } }],
    });
  });

  it('keeps null values (null means unassign)', () => {
    expect(op('replace', 'nickName', null)).toEqual({ op: 'replace', path: 'nickName', value: null });
  });

  it('qualifies extension paths', () => {
    expect(qualified(ENT, 'manager.value')).toBe('urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value');
  });
});
