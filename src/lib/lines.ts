import { StringDecoder } from 'node:string_decoder';

/**
 * The lines of a stream, read as the consumer asks for them (so a full window stops the pipe).
 * Not readline: its async iterator throws "readline was closed" on Node 24 when the pipe ends
 * while the consumer is still behind, which is exactly what a large batch does.
 */
export async function* streamLines(input: AsyncIterable<string | Buffer>): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  let rest = '';
  for await (const chunk of input) {
    const parts = (rest + (typeof chunk === 'string' ? chunk : decoder.write(chunk))).split('\n');
    rest = parts.pop()!;
    for (const part of parts) yield part.endsWith('\r') ? part.slice(0, -1) : part;
  }
  rest += decoder.end();
  if (rest !== '') yield rest.endsWith('\r') ? rest.slice(0, -1) : rest;
}
