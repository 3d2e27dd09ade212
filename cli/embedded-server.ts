// The embedded reference server for `run` without a target. It runs in a worker thread: in-process
// and on loopback as before, but its work no longer queues behind the runner's on one event loop,
// so on a machine with two or more cores the server and the suite proceed in parallel.
import { Worker } from 'node:worker_threads';
import type { ServerOptions } from '../server/index.ts';

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

/** `run` uses the embedded server when given no target: no --target, no --config, no SCIM_BASE_URL. */
export function runsEmbedded(flags: { target?: string | undefined; config?: string | undefined }, env: NodeJS.ProcessEnv): boolean {
  return !flags.target && !flags.config && !env['SCIM_BASE_URL'];
}

/** On the caller's own thread (SCIM_EMBEDDED_THREAD=main, or when no worker can start). */
async function onThisThread(options: EmbeddedOptions): Promise<EmbeddedServer> {
  const { startServer } = await import('../server/index.ts');
  return startServer(options, { host: '127.0.0.1', port: 0 });
}

/** A worker that loads the server's code now and starts it when told its options (see prepareEmbeddedServer). */
interface PreparedWorker {
  worker: Worker;
  /** Set when the thread failed or exited before it was claimed. */
  failed?: Error;
}

let prepared: PreparedWorker | undefined;

/**
 * Starts the server's thread loading its code at once, so that it is ready by the time the caller
 * has loaded its own (about 0.1 s of every embedded run otherwise spent waiting); the next
 * startEmbeddedServer takes it. A thread never claimed does not keep the process alive.
 */
export function prepareEmbeddedServer(): void {
  if (prepared !== undefined || process.env['SCIM_EMBEDDED_THREAD'] === 'main') return;
  const entry: PreparedWorker = { worker: new Worker(WORKER, { workerData: { awaitOptions: true } }) };
  entry.worker.unref();
  entry.worker.once('error', (e) => (entry.failed ??= e));
  entry.worker.once('exit', (code) => (entry.failed ??= new Error(`the embedded server's thread exited with ${code}`)));
  prepared = entry;
}

/** `thread: 'main'` (or SCIM_EMBEDDED_THREAD=main) keeps the server on the caller's event loop. */
export async function startEmbeddedServer(options: EmbeddedOptions = {}, thread: 'worker' | 'main' = process.env['SCIM_EMBEDDED_THREAD'] === 'main' ? 'main' : 'worker'): Promise<EmbeddedServer> {
  if (thread === 'main') return onThisThread(options);
  const claimed = prepared;
  prepared = undefined;
  let worker: Worker;
  if (claimed && claimed.failed === undefined) {
    worker = claimed.worker;
    worker.removeAllListeners('error');
    worker.removeAllListeners('exit');
    worker.ref();
    worker.postMessage({ options });
  } else {
    if (claimed) void claimed.worker.terminate();
    worker = new Worker(WORKER, { workerData: { options } });
  }
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
    return onThisThread(options);
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
