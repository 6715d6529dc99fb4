// A loopback proxy between our client and the emulator that records every SP-API exchange as it crossed the wire.
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Exchange {
  method: string;
  rawPath: string;
  query: URLSearchParams;
  requestBody: Buffer;
  requestHeaders: Record<string, string | string[] | undefined>;
  status: number;
  responseBody: Buffer;
  responseHeaders: Record<string, string | string[] | undefined>;
}

export async function startRecordingProxy(target: string): Promise<{ url: string; exchanges: Exchange[]; close(): Promise<void> }> {
  const exchanges: Exchange[] = [];
  const upstream = new URL(target);
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const requestBody = Buffer.concat(chunks);
      const up = httpRequest(
        { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host } },
        (upRes) => {
          const out: Buffer[] = [];
          upRes.on('data', (c: Buffer) => out.push(c));
          upRes.on('end', () => {
            const responseBody = Buffer.concat(out);
            const u = new URL(req.url ?? '/', 'http://x');
            exchanges.push({
              method: req.method ?? 'GET',
              rawPath: u.pathname,
              query: u.searchParams,
              requestBody,
              requestHeaders: req.headers,
              status: upRes.statusCode ?? 0,
              responseBody,
              responseHeaders: upRes.headers,
            });
            res.writeHead(upRes.statusCode ?? 502, upRes.headers);
            res.end(responseBody);
          });
        },
      );
      up.on('error', () => res.destroy());
      up.end(requestBody);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    exchanges,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
