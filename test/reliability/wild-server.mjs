// A misbehaving server in its own process (so its own buffers never count against the test
// runner): `node wild-server.mjs <mode>` prints its port, answers GET /api/info like Rocket.Chat
// 8.3 and every other request the way <mode> says. Plain JS, so it runs without a build step.
import http from 'node:http';
import zlib from 'node:zlib';

const mode = process.argv[2];
const user = JSON.stringify({
  user: { _id: 'wild1', username: 'test.john', name: 'Test John', type: 'user', active: true },
  success: true,
});
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
  bomb: compressed('gzip', () =>
    zlib.gzipSync(Buffer.concat([Buffer.from('{"user":{"_id":"'), Buffer.alloc(8 * 1024 * 1024, 0x30)])),
  ),
  // An encoding nobody decodes.
  zstd: compressed('zstd', (b) => b),
};

// Listings (users.listByStatus) from a server that lies: each answers `?offset=N&count=M` its own way.
const listUser = (i) => ({
  _id: `wild${i}`,
  username: `wild.${String(i).padStart(4, '0')}`,
  name: `Wild ${i}`,
  status: 'offline',
  active: true,
  roles: ['user'],
});
const listing = (page) => (req, res) => {
  const q = new URL(req.url, 'http://x').searchParams;
  const body = page(Number(q.get('offset') ?? 0), Number(q.get('count') ?? 50));
  res.writeHead(200, { 'Content-Type': 'application/json' });
  res.end(typeof body === 'string' ? body : JSON.stringify({ ...body, success: true }));
};
const range = (from, to) => Array.from({ length: Math.max(0, to - from) }, (_, k) => listUser(from + k));
Object.assign(modes, {
  // 150 users, but `total` says a billion: every page past them is empty.
  'total-lies': listing((offset, count) => ({
    users: range(offset, Math.min(offset + count, 150)),
    count: 0,
    offset,
    total: 1e9,
  })),
  // `total` below zero.
  'total-negative': listing((offset, count) => ({
    users: range(offset, Math.min(offset + count, 150)),
    offset,
    total: -5,
  })),
  // Ignores `offset`: the first page, again and again, under a total of 100,000.
  'page-repeats': listing((_offset, count) => ({ users: range(0, count), count, offset: 0, total: 100000 })),
  // Ignores `offset` and says no total: full pages for ever.
  'page-repeats-no-total': listing((_offset, count) => ({ users: range(0, count), count, offset: 0 })),
  // Empty pages for ever after the first, `count: 0`, under a total of 100,000.
  'count-zero': listing((offset, count) => ({
    users: offset === 0 ? range(0, count) : [],
    count: 0,
    offset,
    total: 100000,
  })),
  // Rows that try to drive the terminal, hide text, flood it, poison prototypes, and carry
  // credentials under `services` (a server that sends them in a listing, as users.info does for oneself).
  'hostile-list': listing(
    () =>
      '{"users":[' +
      [
        '{"_id":"h1","username":"esc\\u001b]0;pwned\\u0007\\u001b[31m","name":"Red\\u001b[2J\\u009b1m","status":"online","active":true,"roles":["user\\u001b[5m"]}',
        '{"_id":"h2","username":"bidi","name":"abc\\u202egnp.exe","status":"offline","active":false,"roles":"admin","emails":"not-a-list"}',
        `{"_id":"h3","username":"huge","name":"${'W'.repeat(100000)}","status":"away","active":true}`,
        '{"_id":"h4","__proto__":{"username":"polluted","isAdmin":true},"username":"proto","constructor":{"prototype":{"x":1}},"name":"Proto","status":"busy","active":true}',
        '{"_id":"h5","username":"secretive","name":"Secretive","status":"online","active":true,"services":{"password":{"bcrypt":"$2b$10$LISTbcryptHASHseeded"},"resume":{"loginTokens":[{"hashedToken":"LISTresumeHASH"}]},"acmeSSO":{"accessToken":"LISTacmeACCESS","id":"42"},"totp":{"enabled":true,"secret":"LISTTOTPSECRET"}}}',
        'null',
        '"just a string"',
      ].join(',') +
      '],"count":7,"offset":0,"total":7,"success":true}',
  ),
  // Nobody found by users.info; "did you mean" gets ten usernames of 2 million characters each.
  'huge-suggestions'(req, res) {
    res.writeHead(req.url.startsWith('/api/v1/users.info') ? 400 : 200, { 'Content-Type': 'application/json' });
    if (req.url.startsWith('/api/v1/users.info')) return res.end('{"success":false,"error":"User not found."}');
    const items = Array.from({ length: 10 }, (_, i) => ({
      _id: `s${i}`,
      username: `ali${'c'.repeat(2e6)}${i}`,
      name: 'Long',
    }));
    res.end(JSON.stringify({ items, success: true }));
  },
  // 3,000 users, each page 300 ms late: a long list to interrupt.
  'slow-list'(req, res) {
    setTimeout(
      () =>
        listing((offset, count) => ({
          users: range(offset, Math.min(offset + count, 3000)),
          count,
          offset,
          total: 3000,
        }))(req, res),
      300,
    );
  },
  // 1,000 users; the first page is full, every later one holds at most 50 (issue 23, item 11).
  'short-pages': listing((offset, count) => {
    const n = offset === 0 ? count : Math.min(count, 50);
    return { users: range(offset, Math.min(offset + n, 1000)), count: n, offset, total: 1000 };
  }),
  // 1,000 users; every page after the first starts 50 users early: each overlaps the one before.
  'overlapping-pages': listing((offset, count) => {
    const from = offset === 0 ? 0 : offset - 50;
    return { users: range(from, Math.min(from + count, 1000)), count, offset, total: 1000 };
  }),
  // No total, and always new users, for ever (ids grow with the offset): a listing that never ends.
  'endless-list': listing((offset, count) => ({ users: range(offset, offset + count), count, offset })),
  // 20,000 users of ~2 KB each, at once: more than a slow reader takes.
  'big-list': listing((offset, count) => ({
    users: range(offset, Math.min(offset + count, 20000)).map((u) => ({ ...u, bio: 'b'.repeat(2000) })),
    count,
    offset,
    total: 20000,
  })),
  // `users` that is not a list.
  'users-not-array': listing(() => ({ users: { 0: listUser(0) }, count: 1, offset: 0, total: 1 })),
});

// Credentials under `services` beside values nested past any recursive walk (issue 23, item 4), for
// users.info and users.listByStatus alike. `services` itself may be an array or a string.
const SECRETS = { totp: 'WILDTOTPSECRETJBSWY3DP', hash: 'WILDresumeHASHx1', bcrypt: '$2b$10$WILDbcryptHASH' };
const secretServices = `"totp":{"enabled":true,"secret":"${SECRETS.totp}"},"resume":{"loginTokens":[{"hashedToken":"${SECRETS.hash}"}]}`;
const deepServices = {
  'deep-object': `{"deep":${'{"a":'.repeat(3000)}1${'}'.repeat(3000)},${secretServices}}`,
  'deep-array': `{${secretServices},"deep":${'['.repeat(10000)}${']'.repeat(10000)}}`,
  'services-array': `[{${secretServices}},"${SECRETS.bcrypt}"]`,
  'services-string': `"${SECRETS.bcrypt}"`,
};
for (const [name, services] of Object.entries(deepServices)) {
  const one = `{"_id":"deep1","username":"test.john","name":"Test John","active":true,"services":${services}}`;
  modes[`services-${name}`.replace('services-services-', 'services-')] = (req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    if (req.url.startsWith('/api/v1/users.info')) res.end(`{"user":${one},"success":true}`);
    else {
      const key = req.url.startsWith('/api/v1/directory') ? 'result' : 'users';
      res.end(`{"${key}":[${one}],"count":1,"offset":0,"total":1,"success":true}`);
    }
  };
}

// A 31.5 MiB answer of 660,000 small objects (issue 23, item 9): in customFields, or in `services`
// as a self lookup returns it (redaction walks it). Built on the first request, sent with its length.
const manyObjects = (where) => {
  let body;
  return (_req, res) => {
    if (!body) {
      const items = Array.from(
        { length: 660_000 },
        (_, i) => `{"_id":"r${String(i).padStart(9, '0')}","name":"room-${String(i).padStart(6, '0')}","t":"c"}`,
      ).join(',');
      body = Buffer.from(
        `{"user":{"_id":"wild1","username":"test.john","name":"Test John","active":true,"roles":["user"],"${where}":{"x":[${items}]}},"success":true}`,
      );
    }
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': body.length });
    res.end(body);
  };
};
modes['many-objects'] = manyObjects('customFields');
modes['many-objects-services'] = manyObjects('services');

function compressed(encoding, encode) {
  const body = encode(Buffer.from(user));
  return (_req, res) => {
    res.writeHead(200, {
      'Content-Type': 'application/json',
      'Content-Encoding': encoding,
      'Content-Length': body.length,
    });
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
