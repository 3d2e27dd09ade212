// The resource types this server serves, keyed by name and by endpoint.
import type { ResourceSchema } from '../schemas/scim-schema.ts';
import { builtinResourceSchemas } from '../schemas/rfc7643.ts';

export interface ResourceTypeRegistry {
  /** In the order they are listed by /ResourceTypes. */
  all: ResourceSchema[];
  byName(name: string): ResourceSchema | undefined;
  /** Endpoint segment without the slash, e.g. "Users" (case-sensitive, as URL paths are). */
  byEndpoint(segment: string): ResourceSchema | undefined;
}

export function createRegistry(schemas: ResourceSchema[]): ResourceTypeRegistry {
  const names = new Map(schemas.map((s) => [s.resourceType.name, s]));
  const endpoints = new Map(schemas.map((s) => [s.resourceType.endpoint.replace(/^\//, ''), s]));
  return {
    all: schemas,
    byName: (name) => names.get(name),
    byEndpoint: (segment) => endpoints.get(segment),
  };
}

export function builtinRegistry(): ResourceTypeRegistry {
  const { User, Group } = builtinResourceSchemas();
  return createRegistry([User, Group]);
}
