/**
 * Catalog: TLS and proxies. A CA and certificates are made with openssl when the file starts; the
 * HTTPS server and the recording proxy both listen on 127.0.0.1 only.
 */
import { rootCertificates } from 'node:tls';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { trustedCas } from '../../src/api/http.js';
import { describeNetworkError } from '../../src/api/network-errors.js';
import { runCli } from '../helpers/cli.js';
import { startRecordingProxy, type RecordingProxy } from '../helpers/proxy.js';
import { makeTestPki, type TestPki } from '../helpers/tls.js';
import { expectClean, expectOneSentence, refusedPort, startServer } from './servers.js';
import { credentials } from '../helpers/harness.js';

let pki: TestPki;
beforeAll(() => {
  pki = makeTestPki();
});
afterAll(() => pki.cleanup());

const proxies: RecordingProxy[] = [];
afterEach(async () => {
  await Promise.all(proxies.splice(0).map((p) => p.close()));
});
async function proxy(): Promise<RecordingProxy> {
  const p = await startRecordingProxy();
  proxies.push(p);
  return p;
}

async function httpsServer(which: 'ca-signed' | 'self-signed' = 'ca-signed') {
  const s = await startServer({ https: which === 'ca-signed' ? { key: pki.key, cert: pki.cert } : pki.selfSigned });
  const admin = s.login('admin');
  const env = credentials(s, admin);
  return { s, admin, env };
}

const HINT =
  'trust its CA with --ca-file <pem> (or RCUSER_CA_FILE), or, for this run only, skip the check with --insecure';

describe('catalog: TLS', () => {
  it('T1 a certificate from an unknown CA fails and names both ways out', async () => {
    const { s, admin, env } = await httpsServer();
    const r = await runCli(['info', 'test.john'], { env });
    expectClean(r, [admin.authToken]);
    expectOneSentence(r, s.url);
    expect(r.stderr).toBe(
      `rcuser: could not verify the TLS certificate of ${s.url} (UNABLE_TO_VERIFY_LEAF_SIGNATURE)\n  ${HINT}\n`,
    );
  });

  it('T2 a self-signed certificate fails the same way', async () => {
    const { s, admin, env } = await httpsServer('self-signed');
    const r = await runCli(['info', 'test.john'], { env });
    expectClean(r, [admin.authToken]);
    expectOneSentence(r, s.url);
    expect(r.stderr).toContain('(DEPTH_ZERO_SELF_SIGNED_CERT)');
    expect(r.stderr).toContain('--ca-file');
    expect(r.stderr).toContain('--insecure');
  });

  it('T3 --ca-file trusts the extra CA', async () => {
    const { admin, env } = await httpsServer();
    const r = await runCli(['--ca-file', pki.caFile, 'info', 'test.john', '--json'], { env });
    expectClean(r, [admin.authToken]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).username).toBe('test.john');
    expect(r.stderr).toBe('');
  });

  it('T4 RCUSER_CA_FILE does the same from the environment', async () => {
    const { admin, env } = await httpsServer();
    const r = await runCli(['info', 'test.john', '--json'], { env: { ...env, RCUSER_CA_FILE: pki.caFile } });
    expectClean(r, [admin.authToken]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).username).toBe('test.john');
  });

  it('T5 --ca-file with a different CA still refuses the server', async () => {
    const { s, admin, env } = await httpsServer('self-signed');
    const r = await runCli(['--ca-file', pki.caFile, 'info', 'test.john'], { env });
    expectClean(r, [admin.authToken]);
    expectOneSentence(r, s.url);
    expect(r.stderr).toContain('could not verify the TLS certificate');
  });

  it('T6 --ca-file adds to the public roots instead of replacing them', () => {
    const list = trustedCas(pki.caCert);
    expect(list).toEqual(expect.arrayContaining([...rootCertificates, pki.caCert]));
    expect(list.at(-1)).toBe(pki.caCert);
  });

  it('T6b --ca-file keeps the CAs of NODE_EXTRA_CA_CERTS trusted too', async () => {
    const other = makeTestPki();
    try {
      const { admin, env } = await httpsServer();
      // The server's CA comes from NODE_EXTRA_CA_CERTS; --ca-file names an unrelated CA.
      const r = await runCli(['--ca-file', other.caFile, 'info', 'test.john', '--json'], {
        env: { ...env, NODE_EXTRA_CA_CERTS: pki.caFile },
      });
      expectClean(r, [admin.authToken]);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout).username).toBe('test.john');
    } finally {
      other.cleanup();
    }
  });

  it('T7 --ca-file naming a missing file is a usage error', async () => {
    const missing = path.join(pki.dir, 'nope.pem');
    const r = await runCli(['--ca-file', missing, 'info', 'test.john'], {
      env: credentials('https://127.0.0.1:1', { userId: 'u', token: 'tok-T7' }),
    });
    expectClean(r, ['tok-T7']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`cannot read the CA file ${missing} given by --ca-file (ENOENT)`);
  });

  it('T8 a CA file that holds no certificate is a usage error', async () => {
    const junk = path.join(pki.dir, 'junk.pem');
    fs.writeFileSync(junk, 'not a certificate\n');
    const r = await runCli(['info', 'test.john'], {
      env: credentials('https://127.0.0.1:1', { userId: 'u', token: 'tok-T8' }, { RCUSER_CA_FILE: junk }),
    });
    expectClean(r, ['tok-T8']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('given by RCUSER_CA_FILE holds no PEM certificate');
  });

  it('T9 --insecure skips verification, with a warning on stderr', async () => {
    const { s, admin, env } = await httpsServer('self-signed');
    const r = await runCli(['--insecure', 'info', 'test.john', '--json'], { env });
    expectClean(r, [admin.authToken]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).username).toBe('test.john');
    expect(r.stderr).toBe(
      `rcuser: warning: --insecure: not verifying the TLS certificate of ${s.url}; anyone on the network path could pose as the server and read your credentials\n`,
    );
  });

  it('T10 --insecure lasts for one run only', async () => {
    const { admin, env } = await httpsServer('self-signed');
    expect((await runCli(['--insecure', 'info', 'test.john'], { env })).code).toBe(0);
    const r = await runCli(['info', 'test.john'], { env });
    expectClean(r, [admin.authToken]);
    expect(r.code).toBe(1);
  });

  it('T11 https:// (the default for `host:port`) to a plain-http server says to use http://', async () => {
    const s = await startServer();
    const admin = s.login('admin');
    const https = s.url.replace(/^http:\/\//, 'https://');
    const r = await runCli(['info', 'test.john'], { env: credentials(s.url.replace(/^http:\/\//, ''), admin) });
    expectClean(r, [admin.authToken]);
    expectOneSentence(r, https);
    expect(r.stderr).toBe(
      `rcuser: could not start a TLS connection with ${https}: it does not answer with TLS on that port\n  if the server uses plain http, say so: ${s.url}\n`,
    );
  });
});

describe('catalog: proxies', () => {
  it('P1 HTTPS_PROXY tunnels https through CONNECT', async () => {
    const { s, admin, env } = await httpsServer();
    const p = await proxy();
    const r = await runCli(['--ca-file', pki.caFile, 'info', 'test.john', '--json'], {
      env: { ...env, HTTPS_PROXY: p.url },
    });
    expectClean(r, [admin.authToken]);
    expect(r.code).toBe(0);
    expect(p.records.map((x) => `${x.method} ${x.target}`)).toEqual([`CONNECT 127.0.0.1:${s.port}`]);
    // The tunnel is end-to-end TLS: the proxy never sees the token.
    expect(JSON.stringify(p.records)).not.toContain(admin.authToken);
  });

  it('P2 HTTP_PROXY forwards plain http with an absolute URI', async () => {
    const s = await startServer();
    const admin = s.login('admin');
    const p = await proxy();
    const r = await runCli(['info', 'test.john', '--json'], { env: credentials(s, admin, { HTTP_PROXY: p.url }) });
    expectClean(r, [admin.authToken]);
    expect(r.code).toBe(0);
    expect(p.records.map((x) => `${x.method} ${x.target}`)).toEqual([
      `GET ${s.url}/api/v1/users.info?username=test.john`,
    ]);
  });

  it('P3 lower-case https_proxy is honoured as well', async () => {
    const { admin, env } = await httpsServer();
    const p = await proxy();
    const r = await runCli(['--ca-file', pki.caFile, 'info', 'test.john'], { env: { ...env, https_proxy: p.url } });
    expectClean(r, [admin.authToken]);
    expect(r.code).toBe(0);
    expect(p.records).toHaveLength(1);
  });

  it('P4 NO_PROXY=127.0.0.1 bypasses the proxy', async () => {
    const { admin, env } = await httpsServer();
    const p = await proxy();
    const r = await runCli(['--ca-file', pki.caFile, 'info', 'test.john'], {
      env: { ...env, HTTPS_PROXY: p.url, NO_PROXY: '127.0.0.1' },
    });
    expectClean(r, [admin.authToken]);
    expect(r.code).toBe(0);
    expect(p.records).toEqual([]);
  });

  it('P5 a proxy that is down is named (without its password), exit 1', async () => {
    const { s, admin, env } = await httpsServer();
    const port = await refusedPort();
    const r = await runCli(['--ca-file', pki.caFile, 'info', 'test.john'], {
      env: { ...env, HTTPS_PROXY: `http://puser:proxy-pw-P5@127.0.0.1:${port}` },
    });
    expectClean(r, [admin.authToken, 'proxy-pw-P5']);
    expectOneSentence(r, s.url);
    expect(r.stderr.split('\n')[0]).toBe(
      `rcuser: could not reach ${s.url} through the proxy http://127.0.0.1:${port}: connection refused`,
    );
  });

  it('P6 TLS through the proxy is still verified (no --ca-file → refused)', async () => {
    const { s, admin, env } = await httpsServer();
    const p = await proxy();
    const r = await runCli(['info', 'test.john'], { env: { ...env, HTTPS_PROXY: p.url } });
    expectClean(r, [admin.authToken]);
    expectOneSentence(r, s.url);
    expect(r.stderr).toContain('could not verify the TLS certificate');
  });

  it('P7 a proxy that wants a password says so, without leaking the token', async () => {
    const { s, admin, env } = await httpsServer();
    const p = await proxy();
    p.demandAuth = true;
    const r = await runCli(['--ca-file', pki.caFile, 'info', 'test.john'], { env: { ...env, HTTPS_PROXY: p.url } });
    expectClean(r, [admin.authToken]);
    expectOneSentence(r, s.url);
    expect(r.stderr).toBe(
      `rcuser: the proxy ${p.url} refused to carry the request to ${s.url} (HTTP 407: it wants a user name and password)\n  give them in the proxy URL: HTTPS_PROXY=http://user:password@proxy:port\n`,
    );
  });
});

describe('catalog: certificates another CA would not fix', () => {
  it('T12 a certificate for another host name: the hint says so and does not suggest --ca-file', async () => {
    const { s, admin, env } = await httpsServer('self-signed');
    // The self-signed certificate names IP 127.0.0.1 only; trusted, and reached as localhost.
    const url = s.url.replace('127.0.0.1', 'localhost');
    const r = await runCli(['info', 'test.john', '--ca-file', path.join(pki.dir, 'self.pem')], {
      env: { ...env, RCUSER_SERVER: url },
    });
    expectClean(r, [admin.authToken]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `rcuser: could not verify the TLS certificate of ${url} (ERR_TLS_CERT_ALTNAME_INVALID)\n  the certificate is for another host name than localhost: check the server URL; --insecure skips the check for this run only\n`,
    );
  });

  it('T13 an expired or not yet valid certificate: renewing it is the way out, not --ca-file', () => {
    for (const [code, words] of [
      ['CERT_HAS_EXPIRED', 'has expired'],
      ['CERT_NOT_YET_VALID', 'is not valid yet'],
    ] as const) {
      const err = describeNetworkError(
        Object.assign(new Error('certificate has expired'), { code }),
        'https://chat.example.com',
        10_000,
      );
      expect(err.message).toBe(`could not verify the TLS certificate of https://chat.example.com (${code})`);
      expect(err.hint).toBe(
        `the certificate ${words}: the server's administrator must renew it (or check this machine's clock); --insecure skips the check for this run only`,
      );
      expect(err.hint).not.toContain('--ca-file');
    }
  });
});
