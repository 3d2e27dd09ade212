import { describe, expect, it } from 'vitest';
import type { RunResult, ScenarioResult } from '../schemas/run-result.ts';
import { suggestTemplate, templateHintJson } from './template-hint.ts';

function resultWith(reasons: string[]): RunResult {
  const scenarios = reasons.map((reason, i) => ({ id: `s${i}`, outcome: 'blocked', reason }) as unknown as ScenarioResult);
  return { scenarios } as unknown as RunResult;
}

describe('suggestTemplate', () => {
  it('suggests an email domain from the error text', () => {
    const hint = suggestTemplate(resultWith(['set-up: POST /Users (self of state user.minimal) answered 400 invalidValue: email must be in domain acme.io']));
    expect(hint?.templates.users).toEqual({ userName: '{{marker}}-{{unique}}@acme.io', emails: [{ value: '{{marker}}.{{unique}}@acme.io' }] });
    expect(templateHintJson(hint!)).toContain('"templates"');
  });
  it('suggests a required enterprise attribute with its schema URN, and a required core attribute', () => {
    const hint = suggestTemplate(resultWith([
      'set-up: POST /Users (shared U2) answered 400: costCenter is required',
      'set-up: POST /Users (self of state user.full) answered 400: required attribute title is missing',
    ]));
    expect(hint?.templates.users?.['urn:ietf:params:scim:schemas:extension:enterprise:2.0:User']).toEqual({ costCenter: '{{unique}}' });
    expect(hint?.templates.users?.['schemas']).toEqual(['urn:ietf:params:scim:schemas:extension:enterprise:2.0:User']);
    expect(hint?.templates.users?.['title']).toBe('{{unique}}');
  });
  it('suggests an extra schema URN the target asks for', () => {
    const hint = suggestTemplate(resultWith(['set-up: POST /Users (self of state user.minimal) answered 400 invalidValue: schemas must include urn:acme:params:scim:schemas:extension:acme:2.0:User']));
    expect(hint?.templates.users?.['schemas']).toEqual(['urn:acme:params:scim:schemas:extension:acme:2.0:User']);
  });
  it('says nothing for blocks it cannot explain or runs without blocks', () => {
    expect(suggestTemplate(resultWith(['set-up: POST /Users (self) answered 409 uniqueness: taken']))).toBeUndefined();
    expect(suggestTemplate(resultWith([]))).toBeUndefined();
  });
});
