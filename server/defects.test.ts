// The seeded-defect catalogue and a sample of the behaviours end to end over HTTP. Whether the
// suite catches every defect is integration/detection.test.ts's job.
import { afterEach, describe, expect, it } from 'vitest';
import { NO_DEFECTS } from './defect-hooks.ts';
import { createDefectRuntime, DEFECT_NAMES, DEFECTS, validateDefects } from './defects.ts';
import type { DefectName } from './defects.ts';
import { startServer } from './index.ts';
import type { RunningServer } from './index.ts';
import { clientFor, newUser, patchBody } from './http-test-client.ts';
import type { Call } from './http-test-client.ts';
import { BEHAVIOURS } from './defect-behaviours.ts';

describe('defect catalogue', () => {
  it('has at least 32 distinct defects, each described in one sentence with references', () => {
    expect(DEFECT_NAMES.length).toBeGreaterThanOrEqual(32);
    expect(new Set(DEFECT_NAMES).size).toBe(DEFECT_NAMES.length);
    for (const name of DEFECT_NAMES) {
      const d = DEFECTS[name];
      expect(d.name).toBe(name);
      expect(d.breaks).toMatch(/^\S.*\.$/);
      expect(d.breaks.split('. ').length, name).toBe(1);
      expect(d.refs.length, name).toBeGreaterThan(0);
      expect(Object.keys(BEHAVIOURS[name]).length, name).toBeGreaterThan(0);
    }
  });

  it('refuses unknown names and lists the known ones', () => {
    expect(() => validateDefects(['partial-apply', 'no-such-bug'])).toThrow(/Unknown defect "no-such-bug"; known defects: .*partial-apply/);
    expect(validateDefects(['partial-apply', 'partial-apply'])).toEqual(['partial-apply']);
    expect(createDefectRuntime([]).active).toBe(false);
    expect(NO_DEFECTS.active).toBe(false);
  });

  it('startServer rejects an unknown defect before listening', async () => {
    await expect(startServer({ defects: ['nope' as DefectName] })).rejects.toThrow(/Unknown defect "nope"/);
  });
});

describe('defects over HTTP', () => {
  let server: RunningServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  async function withDefects(...defects: DefectName[]): Promise<{ call: Call; user: Record<string, any> }> {
    server = await startServer({ defects }, { host: '127.0.0.1', port: 0 });
    const call = clientFor(server);
    const created = await call('POST', '/Users', { body: newUser({ nickName: 'Old', password: 's3cret-Pa55' }) });
    expect(created.status).toBe(201);
    return { call, user: created.body };
  }
  const replaceNick = (op = 'replace') => patchBody([{ op, path: 'nickName', value: 'New' }]);

  it('op-case-sensitive: "Replace" answers 200 and changes nothing', async () => {
    const { call, user } = await withDefects('op-case-sensitive');
    const res = await call('PATCH', `/Users/${user.id}`, { body: replaceNick('Replace') });
    expect(res.status).toBe(200);
    expect((await call('GET', `/Users/${user.id}`)).body.nickName).toBe('Old');
  });

  it('partial-apply: the operations before the failing one stay stored', async () => {
    const { call, user } = await withDefects('partial-apply');
    const body = patchBody([
      { op: 'replace', path: 'nickName', value: 'New' },
      { op: 'replace', path: 'id', value: 'hijack' },
    ]);
    expect((await call('PATCH', `/Users/${user.id}`, { body })).status).toBe(400);
    expect((await call('GET', `/Users/${user.id}`)).body.nickName).toBe('New');
  });

  it('pathless-remove-accepted: remove without path answers 200', async () => {
    const { call, user } = await withDefects('pathless-remove-accepted');
    expect((await call('PATCH', `/Users/${user.id}`, { body: patchBody([{ op: 'remove' }]) })).status).toBe(200);
  });

  it('version-unchanged-on-change and stale-response-body compose', async () => {
    const { call, user } = await withDefects('version-unchanged-on-change', 'stale-response-body');
    const res = await call('PATCH', `/Users/${user.id}`, { body: replaceNick() });
    expect(res.status).toBe(200);
    expect(res.body.nickName).toBe('Old');
    const after = (await call('GET', `/Users/${user.id}`)).body;
    expect(after.nickName).toBe('New');
    expect(after.meta.version).toBe(user.meta.version);
  });

  it('version-bumped-on-no-op: an identical value still moves the version', async () => {
    const { call, user } = await withDefects('version-bumped-on-no-op');
    const res = await call('PATCH', `/Users/${user.id}`, { body: patchBody([{ op: 'replace', path: 'nickName', value: 'Old' }]) });
    expect(res.body.meta.version).not.toBe(user.meta.version);
  });

  it('password-returned: the PATCH answer carries the password', async () => {
    const { call, user } = await withDefects('password-returned');
    const res = await call('PATCH', `/Users/${user.id}`, { body: replaceNick() });
    expect(res.body.password).toBe('s3cret-Pa55');
    expect((await call('GET', `/Users/${user.id}`)).body.password).toBeUndefined();
  });

  it('id-writable and meta-writable: the values are applied', async () => {
    const { call, user } = await withDefects('id-writable', 'meta-writable');
    const body = patchBody([
      { op: 'replace', path: 'id', value: 'hijack' },
      { op: 'replace', path: 'meta.lastModified', value: '2000-01-01T00:00:00Z' },
    ]);
    expect((await call('PATCH', `/Users/${user.id}`, { body })).status).toBe(200);
    const after = (await call('GET', `/Users/${user.id}`)).body;
    expect(after.id).toBe('hijack');
    expect(after.meta.lastModified).toBe('2000-01-01T00:00:00Z');
  });

  it('error-plain-text, error-status-number, error-without-schemas: error bodies are not SCIM Errors', async () => {
    const bad = patchBody([{ op: 'move', path: 'nickName' }]);
    let { call, user } = await withDefects('error-plain-text');
    const text = await call('PATCH', `/Users/${user.id}`, { body: bad });
    expect(text.status).toBe(400);
    expect(text.headers.get('content-type')).toMatch(/^text\/plain/);
    await server?.close();
    ({ call, user } = await withDefects('error-status-number', 'error-without-schemas'));
    const json = await call('PATCH', `/Users/${user.id}`, { body: bad });
    expect(json.body.status).toBe(400);
    expect(json.body.schemas).toBeUndefined();
  });

  it('unknown-resource-200 and unknown-op-500', async () => {
    const { call, user } = await withDefects('unknown-resource-200', 'unknown-op-500');
    expect((await call('PATCH', '/Users/2819c223-7f76-453a-919d-413861904646', { body: replaceNick() })).status).toBe(200);
    expect((await call('GET', '/Users/2819c223-7f76-453a-919d-413861904646')).status).toBe(404);
    const res = await call('PATCH', `/Users/${user.id}`, { body: patchBody([{ op: 'move', path: 'nickName' }]) });
    expect(res.status).toBe(500);
    expect(res.text).not.toMatch(/at .*\.ts/);
  });

  it('username-uniqueness-unchecked: another user\'s userName is accepted', async () => {
    const { call, user } = await withDefects('username-uniqueness-unchecked');
    const other = (await call('POST', '/Users', { body: newUser() })).body;
    const res = await call('PATCH', `/Users/${user.id}`, { body: patchBody([{ op: 'replace', path: 'userName', value: other.userName }]) });
    expect(res.status).toBe(200);
  });
});
