// Test support: builds a starting state locally, as a well-behaved server would answer the POSTs
// (ids, meta, password dropped), so catalog tests can resolve placeholders and run the oracle
// without a network.
import { randomUUID } from 'node:crypto';
import { createFixtureFactory } from '../../fixtures/builders.ts';
import { getState } from '../../fixtures/states.ts';
import type { ResourceSchema, ScimResource } from '../../schemas/scim-schema.ts';

export interface SimulatedState {
  created: Record<string, ScimResource>;
  kinds: Record<string, 'User' | 'Group'>;
}

export function simulateState(
  stateName: string,
  schemas: { User: ResourceSchema; Group?: ResourceSchema },
  seed = 7,
): SimulatedState {
  const factory = createFixtureFactory({ seed, marker: 'CATTEST' }).scoped(stateName);
  const created: Record<string, ScimResource> = {};
  const kinds: Record<string, 'User' | 'Group'> = {};
  for (const resource of getState(stateName).resources) {
    const schema = resource.kind === 'User' ? schemas.User : schemas.Group;
    if (!schema) throw new Error(`state ${stateName} needs a ${resource.kind} schema`);
    const body = resource.build({ factory, schema, schemas, created });
    const id = randomUUID();
    const answered: ScimResource = { ...structuredClone(body), id };
    delete answered['password'];
    answered['meta'] = {
      resourceType: resource.kind,
      created: '2024-01-01T00:00:00Z',
      lastModified: '2024-01-01T00:00:00Z',
      version: `W/"${id.slice(0, 8)}"`,
      location: `https://scim.test/v2/${resource.kind}s/${id}`,
    };
    created[resource.alias] = answered;
    kinds[resource.alias] = resource.kind;
  }
  return { created, kinds };
}
