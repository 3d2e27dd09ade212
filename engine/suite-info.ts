// The suite's own name and version, from package.json, for the run result.
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { name: string; version: string };

export const SUITE = { name: pkg.name, version: pkg.version } as const;
