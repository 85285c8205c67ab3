/**
 * Catalog, third round: redaction that cannot fail open. A server in its own process
 * (wild-server.mjs) sends credentials under `services` beside an object 3,000 deep or an array
 * 10,000 deep (a recursive walk overflowed there and printed `services` raw), or sends `services`
 * as an array or a string (not walked at all). No output may carry a credential.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { expectClean } from './servers.js';
import { WILD_SECRETS, wildServer, type ServicesMode } from './wild.js';
import { credentials } from '../helpers/harness.js';

const TOKEN = 'wild-token-redaction';
const MODES: ServicesMode[] = ['services-deep-object', 'services-deep-array', 'services-array', 'services-string'];
const OUTPUTS: Array<[string, string[]]> = [
  ['info --json', ['info', 'test.john', '--json']],
  ['info NDJSON batch', ['info', 'test.john', 'test.john', '--json']],
  ['list --json', ['list', '--json']],
  ['search --json', ['search', 'test', '--json']],
];

describe('catalog: redaction fails closed', () => {
  for (const mode of MODES) {
    it(`RD6 ${mode}: no credential in info --json, NDJSON, list or search`, async () => {
      const url = await wildServer(mode);
      for (const [what, args] of OUTPUTS) {
        const r = await runCli(args, { env: credentials(url, { userId: 'u1', token: TOKEN }), timeoutMs: 15_000 });
        expectClean(r, [TOKEN, ...WILD_SECRETS]);
        expect([what, r.code, r.stderr]).toEqual([what, 0, '']);
        expect(r.stdout).toContain('"[redacted]"');
        // Whole JSON, one value per line in NDJSON (a batch's lines carry the user under `user`).
        const values = what === 'info --json' ? [r.stdout] : r.stdout.trim().split('\n');
        for (const v of values) {
          const o = JSON.parse(v) as { username?: string; user?: { username?: string } };
          expect(o.user?.username ?? o.username).toBe('test.john');
        }
      }
    }, 60_000);
  }
});
