import { describe, expect, it } from 'vitest';
import { AWS_IDENTITY_CENTER_SHAPES } from './aws-identity-center.ts';
import { toScenario } from './shape.ts';

const scenarios = AWS_IDENTITY_CENTER_SHAPES.map(toScenario);
const operations = (shape: string) =>
  (scenarios.find((s) => s.id === `idp.aws-identity-center.${shape}`)!.request.body as { Operations: Array<Record<string, unknown>> }).Operations;

describe('AWS IAM Identity Center pack', () => {
  it('cites the IAM Identity Center SCIM developer guide and an RFC section in every shape, with a note', () => {
    expect(scenarios.length).toBe(7);
    for (const s of scenarios) {
      expect(s.refs.some((r) => r.startsWith('https://docs.aws.amazon.com/singlesignon/latest/developerguide/')), s.id).toBe(true);
      expect(s.refs.some((r) => /^RFC764[34]-\d/.test(r)), s.id).toBe(true);
      expect(s.note, s.id).toBeTruthy();
      // Every shape is an RFC 7644 request: judged by the oracle, no tolerated alternative.
      expect(s.expect, s.id).not.toHaveProperty('oracle');
      expect(s, s.id).not.toHaveProperty('acceptable');
    }
  });

  it('stays inside the documented PATCH limits', () => {
    for (const s of scenarios) {
      const ops = (s.request.body as { Operations: Array<Record<string, unknown>> }).Operations;
      const text = JSON.stringify(ops);
      // add, replace and remove only; a path on every remove; a value on add and replace.
      for (const o of ops) {
        expect(['add', 'replace', 'remove']).toContain(o['op']);
        if (o['op'] === 'remove') expect(typeof o['path'], s.id).toBe('string');
        else expect(o, s.id).toHaveProperty('value');
      }
      // Only eq in filters.
      for (const m of text.matchAll(/\[(\w+) (\w+) /g)) expect(m[2], s.id).toBe('eq');
      // At most one operation on active or userName, never a remove of them.
      for (const attr of ['active', 'userName']) {
        const touching = ops.filter((o) => o['path'] === attr || (typeof o['value'] === 'object' && o['value'] !== null && attr in (o['value'] as object)));
        expect(touching.length, s.id).toBeLessThanOrEqual(1);
        expect(touching.some((o) => o['op'] === 'remove'), s.id).toBe(false);
      }
      // Groups: displayName, members and externalId only (the example repeats the group id); no replace or remove of all members.
      if (s.resource === 'Group') {
        for (const o of ops) {
          const attrs = typeof o['path'] === 'string' ? [String(o['path']).split(/[[.]/)[0]!] : Object.keys(o['value'] as object);
          for (const a of attrs) expect(['displayName', 'members', 'externalId', 'id'], s.id).toContain(a);
          expect(o['path'] === 'members' && o['op'] !== 'add', s.id).toBe(false);
        }
      }
    }
  });

  it('replaces emails with exactly one primary value and renames the group with the example\'s {id, displayName}', () => {
    expect(operations('replace-emails-single-value')).toEqual([
      { op: 'replace', path: 'emails', value: [{ value: 'mona.lisa@example.com', type: 'work', primary: true }] },
    ]);
    expect(operations('rename-group-with-id')[0]).toMatchObject({ op: 'replace', value: { id: '{self.id}' } });
    expect(operations('rename-group-with-id')[0]).not.toHaveProperty('path');
  });
});
