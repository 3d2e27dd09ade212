import { describe, expect, it } from 'vitest';
import { GITHUB_EMU_SHAPES } from './github-emu.ts';
import { toScenario } from './shape.ts';

const scenarios = GITHUB_EMU_SHAPES.map(toScenario);
const byShape = (shape: string) => scenarios.find((s) => s.id === `idp.github-emu.${shape}`)!;
const operations = (shape: string) => (byShape(shape).request.body as { Operations: unknown[] }).Operations;

describe('GitHub Enterprise Managed Users pack', () => {
  it('cites GitHub\'s SCIM documentation and an RFC section in every shape, with a note', () => {
    expect(scenarios.length).toBe(7);
    for (const s of scenarios) {
      expect(s.refs.some((r) => r.startsWith('https://docs.github.com/')), s.id).toBe(true);
      expect(s.refs.some((r) => /^RFC764[34]-\d/.test(r)), s.id).toBe(true);
      expect(s.note, s.id).toBeTruthy();
    }
  });

  it('sends the documented work-email update with the filter value in single quotes, as GitHub prints it', () => {
    expect(operations('update-work-email-single-quoted')).toEqual([
      { op: 'replace', path: "emails[type eq 'work'].value", value: 'mona.updated@example.com' },
      { op: 'replace', path: 'name.familyName', value: 'Octocat-Updated' },
    ]);
  });

  it('treats the single-quoted filter as non-RFC: oracle off, state checked by assertions, strict refusal tolerated', () => {
    const s = byShape('update-work-email-single-quoted');
    expect(s.expect).toMatchObject({ kind: 'success', oracle: false, effect: 'change' });
    expect(s.acceptable).toEqual({ kind: 'error', status: [400], scimType: ['invalidFilter', 'invalidPath'] });
    expect(s.title).toContain("emails[type eq 'work'].value");
  });

  it('judges the case-varying spelling with the oracle, the RFC form a server must handle', () => {
    const s = byShape('update-work-email-case-varying');
    expect(operations('update-work-email-case-varying')).toContainEqual({ op: 'replace', path: 'emails[Type EQ "Work"].value', value: 'mona.updated@example.com' });
    expect(s.expect).not.toHaveProperty('oracle');
    expect(s).not.toHaveProperty('acceptable');
  });

  it('keeps the other documented bodies: path and path-less suspension, user rename, group rename and batch add', () => {
    expect(operations('disable-user')).toEqual([{ op: 'replace', path: 'active', value: false }]);
    expect(operations('disable-user-path-less')).toEqual([{ op: 'replace', value: { active: false } }]);
    expect(operations('rename-user').map((o) => (o as { path: string }).path)).toEqual(['userName', 'displayName']);
    expect(byShape('rename-group').resource).toBe('Group');
    expect(operations('add-members-batch')).toEqual([{ op: 'add', path: 'members', value: [{ value: '{U2.id}' }, { value: '{U3.id}' }] }]);
  });
});
