import { afterEach } from 'vitest';
import { startFakeServer, type FakeServer, type FakeServerOptions } from '../fake-server/index.js';

const running: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
});

/** A fake server closed after the test that started it. */
export async function server(opts: FakeServerOptions = {}): Promise<FakeServer> {
  const s = await startFakeServer(opts);
  running.push(s);
  return s;
}
