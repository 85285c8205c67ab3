import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A throwaway CA and a server certificate it signed, for 127.0.0.1 and localhost. */
export interface TestPki {
  dir: string;
  /** PEM of the CA certificate (what --ca-file is given). */
  caCert: string;
  caFile: string;
  /** The server's key and certificate, for startFakeServer({ https }). */
  key: string;
  cert: string;
  /** A self-signed certificate for 127.0.0.1 that no CA vouches for. */
  selfSigned: { key: string; cert: string };
  cleanup(): void;
}

function openssl(args: string[], cwd: string): void {
  execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
}

/**
 * Made with the openssl binary at test time (Node has no X.509 generator); nothing is checked in,
 * so no key ever ages or leaks. Takes about a second.
 */
export function makeTestPki(): TestPki {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rcuser-pki-'));
  const subj = (cn: string) => ['-subj', `/CN=${cn}`];
  openssl(
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      'ca.key',
      '-out',
      'ca.pem',
      '-days',
      '2',
      ...subj('rcuser test CA'),
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
    ],
    dir,
  );
  openssl(
    ['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', ...subj('127.0.0.1')],
    dir,
  );
  fs.writeFileSync(
    path.join(dir, 'ext.cnf'),
    'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n',
  );
  openssl(
    [
      'x509',
      '-req',
      '-in',
      'server.csr',
      '-CA',
      'ca.pem',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-out',
      'server.pem',
      '-days',
      '2',
      '-extfile',
      'ext.cnf',
    ],
    dir,
  );
  openssl(
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      'self.key',
      '-out',
      'self.pem',
      '-days',
      '2',
      ...subj('127.0.0.1'),
      '-addext',
      'subjectAltName=IP:127.0.0.1',
    ],
    dir,
  );
  const read = (f: string) => fs.readFileSync(path.join(dir, f), 'utf8');
  return {
    dir,
    caCert: read('ca.pem'),
    caFile: path.join(dir, 'ca.pem'),
    key: read('server.key'),
    cert: read('server.pem'),
    selfSigned: { key: read('self.key'), cert: read('self.pem') },
    cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}
