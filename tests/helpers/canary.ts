import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local listener that must never be contacted: it records every TCP connection (before any HTTP
 * is spoken) and every request, and answers 200 with a secret so a leak would also show in stored text.
 */
export interface Canary {
  host: string;
  port: number;
  /** http://host:port with IPv6 hosts bracketed. */
  base: string;
  connections: number;
  requests: string[];
  close(): Promise<void>;
}

export const CANARY_SECRET = 'canary-secret-7f3a';

export async function startCanary(host = '127.0.0.1'): Promise<Canary> {
  const server = http.createServer((req, res) => {
    canary.requests.push(`${req.method} ${req.url}`);
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(
      `<!doctype html><html><head><title>internal</title></head><body><article><p>${CANARY_SECRET} internal data.</p></article></body></html>`,
    );
  });
  const canary: Canary = {
    host,
    port: 0,
    base: '',
    connections: 0,
    requests: [],
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  server.on('connection', () => canary.connections++);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, resolve);
  });
  canary.port = (server.address() as AddressInfo).port;
  canary.base = `http://${host.includes(':') ? `[${host}]` : host}:${canary.port}`;
  return canary;
}
