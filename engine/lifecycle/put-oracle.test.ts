import { describe, expect, it } from 'vitest';
import { builtinResourceSchemas } from '../../schemas/rfc7643.ts';
import { URN } from '../../schemas/scim-schema.ts';
import type { ResourceSchema } from '../../schemas/scim-schema.ts';
import { putComparable, putOracle } from './put-oracle.ts';

const schemas = builtinResourceSchemas();
const before = {
  schemas: [URN.user],
  id: 'u1',
  meta: { resourceType: 'User', version: 'W/"1"' },
  userName: 'alice',
  nickName: 'al',
  title: 'Boss',
  groups: [{ value: 'g1' }],
};

describe('putOracle', () => {
  it('replaces what the body sends, keeps readOnly values and the server-owned id and meta', () => {
    const o = putOracle(before, { schemas: [URN.user], id: 'other', userName: 'bob', nickName: 'b', groups: [{ value: 'g9' }], meta: { version: 'x' } }, schemas.User);
    expect(o).toEqual({
      resource: { userName: 'bob', nickName: 'b', groups: [{ value: 'g1' }], id: 'u1', meta: before.meta },
      asserted: ['username', 'nickname'],
    });
  });

  it('a null clears and counts as asserted; an omitted attribute is not asserted', () => {
    const o = putOracle(before, { schemas: [URN.user], userName: 'alice', nickName: null }, schemas.User);
    expect(o && 'resource' in o && o.resource['nickName']).toBe(undefined);
    expect(o && 'resource' in o && o.asserted).toEqual(['username', 'nickname']);
  });

  it('a required attribute left out is 400 invalidValue', () => {
    expect(putOracle(before, { schemas: [URN.user], nickName: 'x' }, schemas.User)).toMatchObject({ error: { status: 400, scimType: 'invalidValue' } });
  });

  it('an immutable value changed is 400 mutability, the same value or none is accepted', () => {
    const schema: ResourceSchema = structuredClone(schemas.User);
    schema.core.attributes.find((a) => a.name === 'title')!.mutability = 'immutable';
    expect(putOracle(before, { userName: 'alice', title: 'Other' }, schema)).toMatchObject({ error: { scimType: 'mutability' } });
    expect(putOracle(before, { userName: 'alice', title: 'Boss' }, schema)).toMatchObject({ resource: { title: 'Boss' } });
    expect(putOracle(before, { userName: 'alice' }, schema)).toMatchObject({ resource: { userName: 'alice' } });
  });

  it('extension attributes are replaced as a whole object', () => {
    const withExt = { ...before, [URN.enterpriseUser]: { costCenter: '1', department: 'D' } };
    const o = putOracle(withExt, { userName: 'alice', [URN.enterpriseUser]: { costCenter: '2' } }, schemas.User);
    expect(o).toMatchObject({ resource: { [URN.enterpriseUser]: { costCenter: '2' } } });
    expect(o && 'asserted' in o && o.asserted).toContain(URN.enterpriseUser.toLowerCase());
  });

  it('is undefined for a body that is not an object', () => {
    expect(putOracle(before, 'nope', schemas.User)).toBeUndefined();
  });
});

describe('putComparable', () => {
  it('keeps the asserted attributes and id, drops omitted ones, readOnly ones and those the target never kept', () => {
    const { expected, actual } = putComparable(
      { userName: 'bob', nickName: 'b', groups: [{ value: 'g1' }], id: 'u1' },
      { userName: 'bob', title: 'Boss', groups: [{ value: 'g2' }], id: 'u1' },
      { ...before, nickName: undefined },
      ['username', 'nickname'],
      schemas.User,
    );
    expect(expected).toEqual({ userName: 'bob', id: 'u1' });
    expect(actual).toEqual({ userName: 'bob', id: 'u1' });
  });

  it('inside an extension only the attributes sent are compared', () => {
    const ext = URN.enterpriseUser;
    const { expected, actual } = putComparable({ [ext]: { costCenter: '2' } }, { [ext]: { costCenter: '2', department: 'D' } }, before, [ext.toLowerCase(), `${ext}:costCenter`.toLowerCase()], schemas.User);
    expect(actual).toEqual(expected);
  });

  it('an attribute sent as undefined (left out of the JSON) is not asserted', () => {
    const o = putOracle(before, { userName: 'alice', title: undefined }, schemas.User);
    expect(o && 'asserted' in o && o.asserted).toEqual(['username']);
  });
});
