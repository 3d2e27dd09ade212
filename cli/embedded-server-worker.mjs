// Worker thread of the embedded reference server (cli/embedded-server.ts): the server gets a
// core of its own instead of sharing the runner's event loop.
// The build copies this file to dist/cli/, beside the compiled server/index.js, which it then loads
// with plain node; in a source checkout it loads server/index.ts through tsx (loader hooks registered
// in the main thread do not reach a worker).
import { existsSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';

// The bundled server when the build wrote one (bin/bundle.mjs), else the compiled modules.
const BUNDLED = new URL('../bundle/server.js', import.meta.url);
const COMPILED = existsSync(BUNDLED) ? BUNDLED : new URL('../server/index.js', import.meta.url);
let serverModule;
if (existsSync(COMPILED)) {
  serverModule = await import(COMPILED.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  serverModule = await import(new URL('../server/index.ts', import.meta.url).href);
}
// A thread started ahead (prepareEmbeddedServer) has loaded the code above; it starts when told how.
const options = workerData?.awaitOptions
  ? await new Promise((resolve) => parentPort.once('message', (message) => resolve(message?.options ?? {})))
  : (workerData?.options ?? {});
const server = await serverModule.startServer(options, { host: '127.0.0.1', port: 0 });
parentPort.postMessage({ url: server.url, token: server.token, tokens: server.tokens });
parentPort.on('message', (message) => {
  if (message !== 'close') return;
  // process.exit in a worker ends this thread only; loader hooks would otherwise keep it alive.
  server.close().finally(() => process.exit(0));
});
