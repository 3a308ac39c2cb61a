/**
 * HTTPS for the sandbox: a certificate and key the user gives (checked before listening), or a self-signed one
 * for 127.0.0.1 made on the spot.
 *
 * Generation shells out to the openssl CLI. Node 20 can make key pairs but has no API that issues an X.509
 * certificate, so the alternatives were a bundled ASN.1/X.509 library (selfsigned pulls in @peculiar/x509 and its
 * tree, node-forge is a whole PKI suite) or openssl, which is on every Linux and macOS machine, in Git for Windows,
 * and installed by the project's CI script for the tests. One command line beats a dependency tree for a
 * development-only feature; without openssl the error says to install it or to pass --tls-cert / --tls-key.
 */
import { execFileSync } from 'node:child_process';
import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { InputError, UserError } from '../core/errors.js';

export interface TlsFiles {
  cert: Buffer;
  key: Buffer;
  /** absolute path of the certificate a client should trust */
  certPath: string;
  keyPath: string;
  /** set when the sandbox made the pair itself */
  generated: boolean;
  /** made in a temporary folder of its own, removed when the sandbox stops */
  temporary?: boolean;
}

const TRUST_FIX = 'Pass both --tls-cert FILE and --tls-key FILE (PEM), or --tls alone for a self-signed certificate for 127.0.0.1.';

function readPem(file: string, what: 'certificate' | 'key', flag: string): Buffer {
  try {
    return readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'it is a folder' : code;
    throw new InputError(`Cannot read the TLS ${what} ${file} (${why}).`, { fix: `Give a readable PEM ${what} file with ${flag}, or use --tls alone for a self-signed one.` });
  }
}

/** The user's pair, checked: both parse as PEM, and the key is the certificate's. */
export function loadTlsFiles(certFile: string, keyFile: string): TlsFiles {
  const cert = readPem(certFile, 'certificate', '--tls-cert');
  const key = readPem(keyFile, 'key', '--tls-key');
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(cert);
  } catch {
    throw new InputError(`${certFile} is not a PEM certificate.`, { why: 'It should start with -----BEGIN CERTIFICATE-----.', fix: TRUST_FIX });
  }
  let keyObject: KeyObject;
  try {
    keyObject = createPrivateKey(key);
  } catch {
    throw new InputError(`${keyFile} is not an unencrypted PEM private key.`, {
      why: 'It should start with -----BEGIN PRIVATE KEY----- (or RSA / EC PRIVATE KEY), without a passphrase.',
      fix: `If the key is encrypted: openssl pkey -in ${keyFile} -out plain-key.pem, then pass that. ${TRUST_FIX}`,
    });
  }
  if (!x509.checkPrivateKey(keyObject)) {
    throw new InputError(`The key ${keyFile} does not belong to the certificate ${certFile}.`, {
      why: 'A TLS server can only prove it owns a certificate with that certificate\'s own private key.',
      fix: 'Pass the key file made together with this certificate (compare: openssl x509 -noout -pubkey -in CERT and openssl pkey -pubout -in KEY).',
    });
  }
  return { cert, key, certPath: resolve(certFile), keyPath: resolve(keyFile), generated: false };
}

/** Warnings for a pair that loads but that clients would refuse for this address. */
export function certWarnings(files: TlsFiles, host: string, now = new Date()): string[] {
  const x = new X509Certificate(files.cert);
  const out: string[] = [];
  const covers = host === 'localhost' ? x.checkHost('localhost') !== undefined : x.checkIP(host) !== undefined || x.checkHost(host) !== undefined;
  if (!covers) out.push(`The certificate does not name ${host} (subject ${x.subject.replace(/\n/g, ', ')}; ${x.subjectAltName ?? 'no subjectAltName'}): clients will refuse it for https://${host}.`);
  if (new Date(x.validTo) < now) out.push(`The certificate expired on ${x.validTo}: clients will refuse it.`);
  if (new Date(x.validFrom) > now) out.push(`The certificate is not valid before ${x.validFrom}: clients will refuse it until then.`);
  return out;
}

/**
 * A self-signed certificate for 127.0.0.1 (and localhost), valid 30 days, with an EC P-256 key (made in a few
 * milliseconds, unlike RSA). In `dir`, or a new temporary folder; the key file is 0600.
 */
export function generateSelfSigned(dir?: string): TlsFiles {
  const where = dir ? resolve(dir) : mkdtempSync(join(tmpdir(), 'exotrunk-sandbox-tls-'));
  mkdirSync(where, { recursive: true, mode: 0o700 });
  const certPath = join(where, 'cert.pem');
  const keyPath = join(where, 'key.pem');
  const args = [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
    '-keyout', keyPath, '-out', certPath, '-days', '30',
    '-subj', '/CN=127.0.0.1/O=exotrunk sandbox',
    '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost',
    '-addext', 'basicConstraints=critical,CA:TRUE',
  ];
  try {
    execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (e) {
    const err = e as NodeJS.ErrnoException & { stderr?: Buffer };
    if (err.code === 'ENOENT') {
      throw new UserError('--tls needs the openssl command to make a self-signed certificate, and it is not installed.', {
        fix: 'Install openssl (Debian/Ubuntu: apt-get install openssl), or make a certificate elsewhere and pass --tls-cert FILE --tls-key FILE.',
      });
    }
    const said = err.stderr?.toString('utf8').trim().split('\n')[0];
    throw new UserError(`openssl could not make the self-signed certificate in ${where}${said ? `: ${said}` : ''}.`, {
      fix: 'Check that the folder is writable (--tls-dir), or pass --tls-cert FILE --tls-key FILE.',
    });
  }
  chmodSync(keyPath, 0o600);
  return { cert: readFileSync(certPath), key: readFileSync(keyPath), certPath, keyPath, generated: true, temporary: !dir };
}
