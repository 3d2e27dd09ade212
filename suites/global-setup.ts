// Starts the embedded reference server for the vitest suites unless SCIM_BASE_URL names a target.
import type { TestProject } from 'vitest/node';
import { startServer } from '../server/index.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    embeddedTarget: { url: string; token: string; limited?: string; otherTenant?: string } | null;
  }
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  if (process.env['SCIM_BASE_URL']) {
    project.provide('embeddedTarget', null);
    return undefined;
  }
  const server = await startServer({ extraTokens: true }, { host: '127.0.0.1', port: 0 });
  project.provide('embeddedTarget', { url: server.url, token: server.token, limited: server.tokens.limited, otherTenant: server.tokens.otherTenant });
  return () => server.close();
}
