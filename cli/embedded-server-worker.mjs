// Worker thread of the embedded reference server (engine/embedded-server.ts): the server gets a
// core of its own instead of sharing the runner's event loop.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { startServer } = await import('../server/index.ts');
const server = await startServer(workerData?.options ?? {}, { host: '127.0.0.1', port: 0 });
parentPort.postMessage({ url: server.url, token: server.token, tokens: server.tokens });
parentPort.on('message', (message) => {
  if (message !== 'close') return;
  // process.exit in a worker ends this thread only; the loader hooks would otherwise keep it alive.
  server.close().finally(() => process.exit(0));
});
