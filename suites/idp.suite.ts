// The "idp" family (IdP client dialects: the PATCH shapes Entra ID, Okta and others send) as vitest tests.
import { defineFamily } from './harness.ts';

await defineFamily('idp');
