import { describe, expect, it } from 'vitest';
import { IDP_CLIENTS, idpScenarios } from './index.ts';
import { generateScenarios } from '../generate.ts';
import { builtinResourceSchemas } from '../../schemas/rfc7643.ts';

describe('IdP client packs', () => {
  const all = idpScenarios();
  it('are INTEROP scenarios of the idp family with ids idp.<client>.<shape>', () => {
    for (const s of all) {
      expect(s.id).toMatch(/^idp\.[a-z-]+\.[a-z0-9-]+$/);
      expect(IDP_CLIENTS[s.id.split('.')[1]!], s.id).toBeDefined();
      expect([s.family, s.level]).toEqual(['idp', 'INTEROP']);
      expect(s.expect.kind).toBe('success');
      expect(s.expect.kind === 'success' && (s.expect.assertions ?? []).length, s.id).toBeGreaterThan(0);
    }
    expect(new Set(all.map((s) => s.id)).size).toBe(all.length);
  });
  it('cover Entra ID (default and aadOptscim062020) and Okta', () => {
    const ids = all.map((s) => s.id);
    expect(ids.filter((i) => i.startsWith('idp.entra.')).length).toBeGreaterThanOrEqual(12);
    expect(ids.filter((i) => i.startsWith('idp.entra.flag-')).length).toBeGreaterThanOrEqual(3);
    expect(ids.filter((i) => i.startsWith('idp.okta.')).length).toBeGreaterThanOrEqual(4);
  });
  it('cover GitHub Enterprise Managed Users, AWS IAM Identity Center and SailPoint under the names buyers know', () => {
    const ids = all.map((s) => s.id);
    for (const [client, name] of [
      ['github-emu', 'GitHub Enterprise Managed Users'],
      ['aws-identity-center', 'AWS IAM Identity Center'],
      ['sailpoint', 'SailPoint Identity Security Cloud (IdentityNow)'],
    ] as const) {
      expect(IDP_CLIENTS[client]).toBe(name);
      expect(ids.filter((i) => i.startsWith(`idp.${client}.`)).length, client).toBeGreaterThanOrEqual(3);
    }
    // Every client with shapes has a name, and every named client has shapes.
    expect(new Set(ids.map((i) => i.split('.')[1]))).toEqual(new Set(Object.keys(IDP_CLIENTS)));
  });
  it('mark the shapes RFC 7644 forbids with the RFC answer as acceptable', () => {
    const upsert = all.find((s) => s.id === 'idp.entra.replace-mobile-phone-upsert')!;
    expect(upsert.acceptable).toEqual({ kind: 'error', status: [400], scimType: ['noTarget'] });
    expect(upsert.oracleOptions).toEqual({ replaceValuePathUpserts: true });
  });
  it('keep Entra\'s exact spelling (capitalised ops, "False" as a string)', () => {
    const disable = all.find((s) => s.id === 'idp.entra.disable-user-string-false')!;
    expect(disable.request.body).toMatchObject({ Operations: [{ op: 'Replace', path: 'active', value: 'False' }] });
  });
  it('are part of every generated run', () => {
    expect(generateScenarios({ schemas: builtinResourceSchemas() }).filter((s) => s.family === 'idp')).toHaveLength(all.length);
  });
});
