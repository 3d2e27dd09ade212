import { describe, it, expect } from 'vitest';
import { PatchError, noTarget } from './patch-error.ts';

describe('PatchError', () => {
  it('carries status, scimType, detail and is an Error', () => {
    const e = new PatchError(400, 'invalidPath', 'bad path');
    expect(e).toBeInstanceOf(Error);
    expect([e.status, e.scimType, e.detail, e.message, e.operationIndex]).toEqual([400, 'invalidPath', 'bad path', 'bad path', undefined]);
  });

  it('withOperation keeps the type and names the operation', () => {
    const e = noTarget('nothing matched').withOperation(1, 'replace phoneNumbers');
    expect(e).toMatchObject({ status: 400, scimType: 'noTarget', operationIndex: 1 });
    expect(e.detail).toBe('Operation 2 (replace phoneNumbers): nothing matched');
  });
});
