// A misbehaving server in its own process (so its own buffers never count against the test
// runner): `node wild-server.mjs <mode>` prints its port, answers GET /api/info like Rocket.Chat
// 8.3 and every other request the way <mode> says. Plain JS, so it runs without a build step.
import http from 'node:http';
import zlib from 'node:zlib';

const mode = process.argv[2];
const user = JSON.stringify({ user: { _id: 'wild1', username: 'test.john', name: 'Test John', type: 'user', active: true }, success: true });
const chunk = Buffer.alloc(64 * 1024, 'a');

const modes = {
  // A body that never ends: as fast as the client reads it.
  endless(_req, res) {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.write('{"user":{"_id":"');
    const pump = () => {
      while (!res.destroyed && res.write(chunk));
    };
    res.on('drain', pump);
    pump();
  },
  // Promises 10 GB, then sends a little every 100 ms.
  'huge-length'(_req, res) {
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': String(10 * 1024 ** 3) });
    res.write('{"user":{"_id":"');
    const timer = setInterval(() => (res.destroyed ? clearInterval(timer) : res.write(chunk)), 100);
    res.on('close', () => clearInterval(timer));
  },
  gzip: compressed('gzip', (b) => zlib.gzipSync(b)),
  deflate: compressed('deflate', (b) => zlib.deflateSync(b)),
  br: compressed('br', (b) => zlib.brotliCompressSync(b)),
  // 8 MiB of zeros in a few KB: within any wire limit, past a small decoded one.
  bomb: compressed('gzip', () => zlib.gzipSync(Buffer.concat([Buffer.from('{"user":{"_id":"'), Buffer.alloc(8 * 1024 * 1024, 0x30)]))),
  // An encoding nobody decodes.
  zstd: compressed('zstd', (b) => b),
};

function compressed(encoding, encode) {
  const body = encode(Buffer.from(user));
  return (_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': encoding, 'Content-Length': body.length });
    res.end(body);
  };
}

if (!modes[mode]) {
  console.error(`unknown mode ${mode}`);
  process.exit(2);
}
const server = http.createServer((req, res) => {
  res.on('error', () => undefined);
  if (req.url.startsWith('/api/info')) {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end('{"version":"8.3.0","success":true}');
    return;
  }
  modes[mode](req, res);
});
server.listen(0, '127.0.0.1', () => process.stdout.write(`${server.address().port}\n`));
process.on('SIGTERM', () => process.exit(0));
