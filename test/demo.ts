/**
 * `npm run demo`: rcuser against the bundled Rocket.Chat-compatible test server, no setup needed.
 * Starts the server on a random loopback port, signs in as test.john, runs a few `rcuser info`
 * commands and one `rcuser search` with the built bin/rcuser.js, then stops. `npm run demo -- --serve`
 * keeps the server up and prints the environment to paste into another terminal.
 *
 * Bundled by esbuild into dist/demo.js (Node 20 cannot run .ts). The commands run as child
 * processes: a synchronous spawn would block this process, and with it the server they talk to.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startFakeServer } from './fake-server/index.js';

const BIN = fileURLToPath(new URL('../bin/rcuser.js', import.meta.url));
const say = (line: string): void => void process.stderr.write(`${line}\n`);
const bold = (s: string): string => (process.stderr.isTTY && !process.env.NO_COLOR ? `\u001b[1m${s}\u001b[22m` : s);

/** Run rcuser; with `headLines`, capture stdout and show only its first lines (like `| head`). */
function rcuser(args: string[], env: NodeJS.ProcessEnv, headLines?: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env,
      stdio: ['ignore', headLines === undefined ? 'inherit' : 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout?.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.on('error', reject);
    child.on('close', (code) => {
      if (headLines !== undefined) {
        const lines = out.split('\n');
        process.stdout.write(`${lines.slice(0, headLines).join('\n')}\n`);
      }
      resolve(code ?? 1);
    });
  });
}

async function main(): Promise<void> {
  const serve = process.argv.includes('--serve');
  const server = await startFakeServer({ port: serve ? Number(process.env.PORT) || 0 : 0 });
  const { userId, authToken } = server.login('test.john');
  const creds = { RCUSER_SERVER: server.url, RCUSER_USER_ID: userId, RCUSER_TOKEN: authToken };
  // The user's own profiles and server settings must not leak into the demo.
  const env: NodeJS.ProcessEnv = { ...process.env, ...creds, RCUSER_PROFILE: undefined };

  say(`rcuser demo: a Rocket.Chat-compatible test server is running at ${server.url} (Rocket.Chat ${server.version}),`);
  say('signed in as test.john (an admin); the credentials are passed in RCUSER_SERVER, RCUSER_USER_ID, RCUSER_TOKEN.');

  const examples: Array<{ args: string[]; shown: string; head?: number }> = [
    { args: ['info', 'test.john', '--rooms'], shown: 'rcuser info test.john --rooms' },
    { args: ['info', 'jane.doe', '--json'], shown: 'rcuser info jane.doe --json | head -n 12', head: 12 },
    { args: ['search', 'ali'], shown: 'rcuser search ali' },
    { args: ['info', 'nobody'], shown: 'rcuser info nobody' },
  ];
  for (const ex of examples) {
    say(`\n${bold(`$ ${ex.shown}`)}`);
    const code = await rcuser(ex.args, env, ex.head);
    if (code !== 0) say(`(exit code ${code}${code === 3 ? ': user not found' : ''})`);
  }

  if (!serve) {
    await server.close();
    say('\nDone; the test server has stopped. To try your own commands against it, run `npm run demo -- --serve`.');
    return;
  }
  say('\nThe test server keeps running until Ctrl-C. In another terminal, in this folder:\n');
  say(
    `  export RCUSER_SERVER=${creds.RCUSER_SERVER} RCUSER_USER_ID=${creds.RCUSER_USER_ID} RCUSER_TOKEN=${creds.RCUSER_TOKEN}`,
  );
  say('  node bin/rcuser.js info jane.doe --rooms');
  say('  node bin/rcuser.js info --email roxie@example.com --json | jq .name');
  say('  node bin/rcuser.js info test.john admin rocket.bot old.timer');
  say('  node bin/rcuser.js list --role moderator');
  say('\nSeeded users: test.john, admin, jane.doe, rocket.bot, roxie, tina.totp, eddie.email, old.timer, alice,');
  say('alicia.keys, bob.builder, and a few hundred generated ones for search and list.');
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await server.close();
}

main().catch((err: unknown) => {
  process.stderr.write(`rcuser demo failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
