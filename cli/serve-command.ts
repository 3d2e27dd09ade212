// `scim-conformance serve`: the reference server for trying by hand, until Ctrl-C.
import { startServer } from '../server/index.ts';
import { PROFILES, profileNames } from '../profiles/profiles.ts';
import { parseServerSwitches, switchOptions } from './server-switches.ts';
import { EXIT } from './exit-codes.ts';
import { UserError } from './user-error.ts';

export interface ServeFlags {
  host: string;
  port: string;
  token?: string;
  basePath: string;
  log?: boolean;
  defect?: string[];
  quirk?: string[];
  profile?: string;
}

export async function serveCommand(flags: ServeFlags): Promise<number> {
  const port = Number(flags.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UserError(`--port: "${flags.port}" is not a port number`, EXIT.usage);
  if (flags.basePath && !flags.basePath.startsWith('/')) throw new UserError(`--base-path: "${flags.basePath}" must start with /`, EXIT.usage);
  const switches = parseServerSwitches(flags);
  const { defects, quirks } = switches;
  const profile = flags.profile !== undefined ? PROFILES[flags.profile] : undefined;
  if (flags.profile !== undefined && !profile) throw new UserError(`--profile: unknown profile "${flags.profile}" (known: ${profileNames().join(', ')})`, EXIT.usage);
  if (profile && flags.basePath) throw new UserError('--base-path: a profile brings its own base path; drop --base-path or --profile', EXIT.usage);
  let server;
  try {
    server = await startServer(
      {
        ...(flags.token ? { tokens: { admin: flags.token } } : {}),
        ...(flags.basePath ? { basePath: flags.basePath.replace(/\/$/, '') } : {}),
        ...(flags.log ? { log: (line: string) => process.stderr.write(`${line}\n`) } : {}),
        ...switchOptions(switches),
        ...(profile ? { profile: profile.name } : {}),
      },
      { host: flags.host, port },
    );
  } catch (e) {
    throw new UserError(`cannot listen on ${flags.host}:${flags.port}: ${e instanceof Error ? e.message : String(e)}`, EXIT.usage);
  }
  process.stdout.write(profile && profile.name !== 'rfc7644' ? emulationNote(profile, server.url) : '');
  process.stdout.write(
    `SCIM reference server listening${defects.length > 0 ? ` WITH SEEDED DEFECTS: ${defects.join(', ')}` : ''}` +
      `${quirks.length > 0 ? `${defects.length > 0 ? ' AND' : ''} WITH QUIRKS: ${quirks.join(', ')}` : ''}\n  URL:   ${server.url}\n  token: ${server.token}\n\n` +
      `Try:\n  curl -H "Authorization: Bearer ${server.token}" ${server.url}/ServiceProviderConfig\n` +
      `  scim-conformance run --target ${server.url} --token ${server.token}\n\nCtrl-C to stop.\n`,
  );
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.close();
  process.stdout.write('stopped\n');
  return EXIT.ok;
}

/** How to point a run at the emulation: the origin as baseUrl plus the profile's template values. */
function emulationNote(profile: (typeof PROFILES)[string], url: string): string {
  const config = { baseUrl: new URL(url).origin, profile: profile.name, templateValues: profile.emulation.templateValues };
  return `Emulating profile ${profile.name} (${profile.title}).\n  config file for run --config: ${JSON.stringify(config)} (plus "auth": {"kind": "bearer", "token": "<token>"})\n`;
}
