/** Start test/reliability/wild-server.mjs in its own process; stopped after the test. */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';

const SCRIPT = fileURLToPath(new URL('./wild-server.mjs', import.meta.url));
const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
});

export type WildMode =
  | 'endless'
  | 'huge-length'
  | 'gzip'
  | 'deflate'
  | 'br'
  | 'bomb'
  | 'zstd'
  | 'many-objects'
  | 'many-objects-services'
  | ListingMode
  | ServicesMode;

/** A user whose `services` holds credentials beside values nested 3,000 / 10,000 deep, or is an array or a string. */
export type ServicesMode = 'services-deep-object' | 'services-deep-array' | 'services-array' | 'services-string';
/** The credentials those servers send. */
export const WILD_SECRETS = ['WILDTOTPSECRETJBSWY3DP', 'WILDresumeHASHx1', '$2b$10$WILDbcryptHASH'];

/** Listings from a server that lies (users.listByStatus): see wild-server.mjs. */
export type ListingMode =
  | 'total-lies'
  | 'total-negative'
  | 'page-repeats'
  | 'page-repeats-no-total'
  | 'count-zero'
  | 'users-not-array'
  | 'hostile-list'
  | 'huge-suggestions'
  | 'slow-list'
  | 'short-pages'
  | 'overlapping-pages'
  | 'endless-list'
  | 'big-list';

/** The base URL of a server misbehaving as `mode` says. */
export function wildServer(mode: WildMode): Promise<string> {
  const child = spawn(process.execPath, [SCRIPT, mode], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      if (out.includes('\n')) resolve(`http://127.0.0.1:${out.trim()}`);
    });
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`wild server ${mode} exited with ${code}`)));
  });
}
