import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { InterruptedError, UsageError } from '../errors.js';
import type { IO } from './io.js';

/** Longer than any password, token or identifier anyone types. */
const MAX_LINE = 4096;

/**
 * The first line of a stream, without its line ending; undefined when it ends with nothing in it.
 * Whatever follows the line is pushed back, so a later read gets it.
 */
export function readLine(stdin: Readable): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    // Already over: 'end' was emitted while nobody listened (a second read of a short pipe).
    if (stdin.readableEnded) return resolve(undefined);
    const decoder = new StringDecoder('utf8');
    let buf = '';
    let failed = false;
    const done = (): void => {
      stdin.off('data', onData);
      stdin.off('end', onEnd);
      stdin.off('error', onError);
      stdin.pause();
    };
    const onData = (chunk: string | Buffer): void => {
      if (failed) return;
      const text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
      // Only the new text is searched: scanning all of `buf` again on every chunk is quadratic.
      const at = text.indexOf('\n');
      buf += text;
      const nl = at < 0 ? -1 : buf.length - text.length + at;
      if (nl < 0) {
        // `--password-stdin < /dev/zero` never ends its line: no password or token is this long.
        if (buf.length > MAX_LINE) {
          failed = true;
          done();
          reject(
            new UsageError(
              `the first line of stdin is longer than ${MAX_LINE.toLocaleString('en-US')} characters`,
              'put only the password or token on the first line',
            ),
          );
        }
        return;
      }
      done();
      const rest = buf.slice(nl + 1);
      if (rest) stdin.unshift(rest);
      resolve(buf.slice(0, nl).replace(/\r$/, ''));
    };
    const onEnd = (): void => {
      done();
      buf += decoder.end();
      resolve(buf === '' ? undefined : buf.replace(/\r$/, ''));
    };
    const onError = (err: Error): void => {
      done();
      reject(err);
    };
    stdin.on('data', onData);
    stdin.on('end', onEnd);
    stdin.on('error', onError);
    stdin.resume();
  });
}

/** Ask for a line the person can see as they type it (a username, a one-time code). */
export async function promptLine(io: IO, question: string): Promise<string> {
  io.stderr.write(question);
  const line = await readLine(io.stdin);
  if (line === undefined) {
    io.stderr.write('\n');
    throw new InterruptedError(); // Ctrl-D at the prompt
  }
  return line.trim();
}

/**
 * Ask for a secret with echo off (raw mode), so it never appears on the screen or in a terminal's
 * scrollback. Handles backspace, Ctrl-U, Ctrl-C (interrupt) and Ctrl-D; ignores escape sequences.
 */
export function promptHidden(io: IO, question: string): Promise<string> {
  const setRaw = io.setRawMode;
  if (!setRaw) return Promise.reject(new Error('promptHidden needs a terminal: check io.canPrompt() first'));
  // Echo goes off before the question shows, so nothing typed after seeing it can be echoed.
  setRaw(true);
  io.stderr.write(question);
  const { stdin } = io;
  return new Promise((resolve, reject) => {
    const decoder = new StringDecoder('utf8');
    let value = '';
    const finish = (): void => {
      stdin.off('data', onData);
      stdin.off('end', onEnd);
      setRaw(false);
      stdin.pause();
      io.stderr.write('\n');
    };
    const onEnd = (): void => {
      finish();
      reject(new InterruptedError());
    };
    const onData = (chunk: string | Buffer): void => {
      const text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
      for (const ch of text) {
        if (ch === '\r' || ch === '\n') {
          finish();
          resolve(value);
          return;
        }
        if (ch === '\u0003' || (ch === '\u0004' && value === '')) {
          finish();
          reject(new InterruptedError());
          return;
        }
        if (ch === '\u007f' || ch === '\b') value = [...value].slice(0, -1).join('');
        else if (ch === '\u0015') value = '';
        else if (ch === '\u001b')
          break; // an arrow or function key: drop the rest of its sequence
        else if (ch >= ' ') value += ch;
      }
    };
    stdin.on('data', onData);
    stdin.on('end', onEnd);
    stdin.resume();
  });
}

/** A yes/no question at a terminal; anything but y or yes (Enter included) is no. */
export async function confirm(io: IO, question: string): Promise<boolean> {
  const answer = await promptLine(io, `${question} [y/N] `);
  return /^y(es)?$/i.test(answer);
}
