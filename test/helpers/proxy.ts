import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';

/** What passed through the proxy: CONNECT targets (https) and absolute-URI requests (plain http). */
export interface ProxyRecord {
  method: string;
  /** `host:port` for CONNECT, the absolute URL otherwise. */
  target: string;
  headers: http.IncomingHttpHeaders;
}

export interface RecordingProxy {
  url: string;
  records: ProxyRecord[];
  /** Answer every request with 407 Proxy Authentication Required. */
  demandAuth: boolean;
  close(): Promise<void>;
}

/**
 * A forward proxy on 127.0.0.1 that records and relays: CONNECT tunnels for https, absolute-URI
 * requests for http. It only relays to loopback, so a test can never reach the outside world.
 */
export async function startRecordingProxy(): Promise<RecordingProxy> {
  const records: ProxyRecord[] = [];
  const sockets = new Set<net.Socket>();
  const server = http.createServer((req, res) => {
    records.push({ method: req.method ?? '', target: req.url ?? '', headers: { ...req.headers } });
    if (result.demandAuth) {
      res.writeHead(407, { 'Proxy-Authenticate': 'Basic realm="test"' }).end();
      return;
    }
    let url: URL;
    try {
      url = new URL(req.url ?? '');
    } catch {
      res.writeHead(400).end('proxy: absolute URI expected');
      return;
    }
    if (url.hostname !== '127.0.0.1') {
      res.writeHead(403).end('proxy: loopback only');
      return;
    }
    const upstream = http.request(
      { host: url.hostname, port: url.port, path: url.pathname + url.search, method: req.method, headers: req.headers },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    upstream.on('error', () => res.writeHead(502).end('proxy: upstream failed'));
    req.pipe(upstream);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.on('connect', (req, client, head) => {
    records.push({ method: 'CONNECT', target: req.url ?? '', headers: { ...req.headers } });
    if (result.demandAuth) {
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="test"\r\n\r\n');
      return;
    }
    const [host, port] = (req.url ?? '').split(':');
    if (host !== '127.0.0.1') {
      client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    const upstream = net.connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const result: RecordingProxy = {
    url: `http://127.0.0.1:${port}`,
    records,
    demandAuth: false,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
  return result;
}
