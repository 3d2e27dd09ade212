// Worker thread of the embedded reference server (engine/embedded-server.ts): the server gets a
// core of its own instead of sharing the runner's event loop.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { startServer } = await import('../server/index.ts');
const server = await startServer(workerData?.options ?? {}, { host: '127.0.0.1', port: 0 });
parentPort.postMessage({ url: server.url, token: server.token });
parentPort.on('message', (message) => {
  if (message !== 'close') return;
  server.close().then(
    () => parentPort.close(),
    () => parentPort.close(),
  );
});
