// A reverse proxy on 127.0.0.1 that holds every request for a fixed time before passing it on:
// a network with that much latency per request, for the "remote target" case of the bench.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { Agent } from 'undici';

export interface DelayProxy {
  url: string;
  close(): Promise<void>;
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'host', 'content-length', 'upgrade', 'te', 'trailer']);

async function readAll(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export async function startDelayProxy(options: { upstream: string; delayMs: number; connections?: number }): Promise<DelayProxy> {
  const upstream = new URL(options.upstream);
  const agent = new Agent({ connections: options.connections ?? 64 });
  const server = createServer((req, res) => {
    void (async () => {
      try {
        const body = await readAll(req);
        await sleep(options.delayMs);
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(req.headers)) {
          if (value !== undefined && !HOP_BY_HOP.has(name)) headers[name] = Array.isArray(value) ? value.join(', ') : value;
        }
        const answer = await agent.request({
          origin: upstream.origin,
          path: req.url ?? '/',
          method: (req.method ?? 'GET') as 'GET',
          headers,
          ...(body.length > 0 ? { body } : {}),
        });
        const payload = Buffer.from(await answer.body.arrayBuffer());
        const out: Record<string, string> = {};
        for (const [name, value] of Object.entries(answer.headers)) {
          if (value !== undefined && !HOP_BY_HOP.has(name)) out[name] = Array.isArray(value) ? value.join(', ') : value;
        }
        out['content-length'] = String(payload.length);
        res.writeHead(answer.statusCode, out);
        res.end(payload);
      } catch {
        if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
        res.end('delay proxy: upstream failed');
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await agent.close();
    },
  };
}
