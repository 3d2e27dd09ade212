// `scim-conformance serve`: the reference server for trying by hand, until Ctrl-C.
import { startServer } from '../server/index.ts';
import { EXIT } from './exit-codes.ts';
import { UserError } from './user-error.ts';

export interface ServeFlags {
  host: string;
  port: string;
  token?: string;
  basePath: string;
  log?: boolean;
}

export async function serveCommand(flags: ServeFlags): Promise<number> {
  const port = Number(flags.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UserError(`--port: "${flags.port}" is not a port number`, EXIT.usage);
  if (flags.basePath && !flags.basePath.startsWith('/')) throw new UserError(`--base-path: "${flags.basePath}" must start with /`, EXIT.usage);
  let server;
  try {
    server = await startServer(
      {
        ...(flags.token ? { tokens: { admin: flags.token } } : {}),
        ...(flags.basePath ? { basePath: flags.basePath.replace(/\/$/, '') } : {}),
        ...(flags.log ? { log: (line: string) => process.stderr.write(`${line}\n`) } : {}),
      },
      { host: flags.host, port },
    );
  } catch (e) {
    throw new UserError(`cannot listen on ${flags.host}:${flags.port}: ${e instanceof Error ? e.message : String(e)}`, EXIT.usage);
  }
  process.stdout.write(
    `SCIM reference server listening\n  URL:   ${server.url}\n  token: ${server.token}\n\n` +
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
