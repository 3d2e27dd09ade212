// The embedded reference server for `run` without a target. It runs in a worker thread: in-process
// and on loopback as before, but its work no longer queues behind the runner's on one event loop,
// so on a machine with two or more cores the server and the suite proceed in parallel.
import { Worker } from 'node:worker_threads';
import { startServer, type ServerOptions } from '../server/index.ts';

export interface EmbeddedServer {
  url: string;
  token: string;
  /** The limited and other-tenant tokens too, when `extraTokens` asked for them (security family). */
  tokens?: { admin: string; limited?: string; otherTenant?: string };
  close(): Promise<void>;
}

/** Options that can cross to a worker (no functions). */
export type EmbeddedOptions = Pick<ServerOptions, 'profile' | 'basePath' | 'etag' | 'patchSuccess' | 'maxBodyBytes' | 'defects' | 'quirks' | 'extraTokens' | 'holes' | 'rules'>;

const WORKER = new URL('./embedded-server-worker.mjs', import.meta.url);

/** `thread: 'main'` (or SCIM_EMBEDDED_THREAD=main) keeps the server on the caller's event loop. */
export async function startEmbeddedServer(options: EmbeddedOptions = {}, thread: 'worker' | 'main' = process.env['SCIM_EMBEDDED_THREAD'] === 'main' ? 'main' : 'worker'): Promise<EmbeddedServer> {
  if (thread === 'main') return startServer(options, { host: '127.0.0.1', port: 0 });
  const worker = new Worker(WORKER, { workerData: { options } });
  let address: { url: string; token: string; tokens?: EmbeddedServer['tokens'] };
  try {
    address = await new Promise((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`the embedded server's thread exited with ${code} before it listened`)));
    });
  } catch {
    // A worker that cannot start (an unusual loader setup) must not cost the run: serve from this thread.
    await worker.terminate();
    return startServer(options, { host: '127.0.0.1', port: 0 });
  }
  worker.removeAllListeners('exit');
  worker.removeAllListeners('error');
  worker.on('error', () => undefined);
  let closing: Promise<void> | undefined;
  return {
    ...address,
    close() {
      closing ??= new Promise<void>((resolve) => {
        const timer = setTimeout(() => void worker.terminate(), 5000);
        worker.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        worker.postMessage('close');
      });
      return closing;
    },
  };
}
