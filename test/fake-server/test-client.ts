import { request } from 'undici';
import type { FakeServer } from './types.js';

export interface Response {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** Parsed JSON, or undefined when the body is empty or not JSON. */
  body: any;
}

export interface CallOptions {
  auth?: { userId: string; authToken?: string; token?: string };
  json?: unknown;
  form?: string;
  raw?: { contentType: string; text: string };
  headers?: Record<string, string>;
}

/** One real loopback HTTP call to the fake server. */
export async function call(
  server: FakeServer,
  method: 'GET' | 'POST',
  path: string,
  opts: CallOptions = {},
): Promise<Response> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.auth) {
    headers['x-user-id'] = opts.auth.userId;
    headers['x-auth-token'] = opts.auth.authToken ?? opts.auth.token ?? '';
  }
  let body: string | undefined;
  if (opts.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.json);
  } else if (opts.form !== undefined) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = opts.form;
  } else if (opts.raw) {
    headers['content-type'] = opts.raw.contentType;
    body = opts.raw.text;
  }
  const res = await request(`${server.url}${path}`, { method, headers, body });
  const text = await res.body.text();
  let parsed: unknown;
  try {
    parsed = text === '' ? undefined : JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: res.statusCode, headers: res.headers, text, body: parsed };
}
