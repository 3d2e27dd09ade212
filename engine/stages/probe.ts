// Before the scenarios: one user built like the catalog's full user is created, read from the
// answer and deleted, so the run learns what the target refuses and what it accepts but does not
// keep (a filler such as nickName). Every later set-up then sends only what the target takes, and
// scenarios that only use the filler as a bystander get a stand-in the target keeps.
import type { Exchange } from '../../schemas/run-result.ts';
import { URN, type ScimResource } from '../../schemas/scim-schema.ts';
import { applyTemplate } from '../../fixtures/templates.ts';
import type { RunContext } from '../run-context.ts';
import { isObject } from '../judge.ts';
import { attributeNamedBy, fitToSchema, TargetKnowledge } from '../adapt.ts';
import { describeAnswer } from '../judge.ts';
import { labelExchanges } from '../request-log.ts';

const SIMPLE = (v: unknown) => typeof v === 'string' || typeof v === 'boolean' || typeof v === 'number';

/** Learns what the target takes; never fails the run (a probe that cannot create learns nothing). */
export async function probeTarget(ctx: RunContext): Promise<TargetKnowledge> {
  const knowledge = ctx.knowledge ?? new TargetKnowledge();
  if (knowledge.probed) return knowledge;
  knowledge.probed = true;
  const schema = ctx.schemas.User;
  const exchanges: Exchange[] = [];
  labelExchanges(exchanges, 'set-up probe');
  const built = ctx.factory.scoped('probe').user('full', { enterprise: schema.extensions.some((e) => e.id === URN.enterpriseUser) });
  delete built['password'];
  const fitted = fitToSchema(built, schema, { advertised: ctx.schemasAdvertised === true, refused: knowledge.refused('User') });
  for (const d of fitted.dropped) knowledge.refuse('User', d.path, d.why);
  let body = applyTemplate(fitted.body, ctx.templates?.users, ctx.factory);
  const endpoint = ctx.endpoints.User;
  try {
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const name = typeof body['userName'] === 'string' ? body['userName'] : undefined;
      if (name !== undefined) ctx.ledger.intend({ kind: 'User', endpoint, attr: 'userName', value: name });
      const res = await ctx.client.request('POST', endpoint, { purpose: 'setup', body, exchanges });
      const json = res.json;
      if ((res.status === 201 || res.status === 200) && isObject(json) && typeof json['id'] === 'string') {
        const id = json['id'];
        ctx.ledger.record({ kind: 'User', id, location: `${endpoint}/${encodeURIComponent(id)}`, ...(name !== undefined ? { name } : {}) });
        learnStored(knowledge, body, json);
        const del = await ctx.client.request('DELETE', `${endpoint}/${encodeURIComponent(id)}`, { purpose: 'setup', exchanges });
        if (del.status === 204 || del.status === 200 || del.status === 404) ctx.ledger.markDeleted('User', id);
        return knowledge;
      }
      const named = res.status >= 400 && res.status < 500 ? attributeNamedBy(json, body) : undefined;
      if (named === undefined) return knowledge;
      const why = `the target refused it on create: ${describeAnswer(res)}`;
      knowledge.refuse('User', named, why);
      body = fitToSchema(body, schema, { advertised: false, refused: new Map([[named.toLowerCase(), why]]) }).body;
    }
  } catch {
    // An unreachable or broken target shows in the scenarios themselves, with their reasons.
  }
  return knowledge;
}

/** Simple top-level attributes sent and accepted but absent from the answer: the target does not keep them. */
function learnStored(knowledge: TargetKnowledge, sent: ScimResource, answer: Record<string, unknown>): void {
  const returned = new Set(Object.keys(answer).map((k) => k.toLowerCase()));
  for (const [key, value] of Object.entries(sent)) {
    if (!SIMPLE(value) || key.startsWith('urn:') || returned.has(key.toLowerCase())) continue;
    knowledge.notStored.set(key.toLowerCase(), 'the target accepted it on create and did not return it');
  }
}
