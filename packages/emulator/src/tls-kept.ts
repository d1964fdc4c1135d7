import { createPrivateKey, X509Certificate } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type CertificatePair, generateCa, generateServerCertificate } from "./tls-generate.js";

/**
 * What a start with `tls: true` and `dataDir` replaced: `certificate`, a new server certificate
 * signed by the kept CA (clients keep trusting it); `ca`, a new CA and certificate (the kept CA
 * expired, expires within 30 days, or could not be read or used: clients must trust the new
 * `ca.pem`).
 */
export type TlsRenewal = "certificate" | "ca";

/** A kept certificate is replaced when it expires within this time. */
export const TLS_RENEW_BEFORE_MS = 30 * 24 * 60 * 60 * 1000;

const FILES = { ca: "ca.pem", caKey: "ca-key.pem", cert: "cert.pem", key: "key.pem" } as const;
type Name = keyof typeof FILES;

/** The kept material, as `prepareTls` hands it on. */
export interface KeptTls {
  cert: string;
  key: string;
  caCertificate: string;
  caFile: string;
  renewed?: TlsRenewal;
}

function readOrUndefined(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}

/** Valid now and for at least TLS_RENEW_BEFORE_MS more. */
function current(certificate: X509Certificate, now: number): boolean {
  const from = Date.parse(certificate.validFrom);
  const to = Date.parse(certificate.validTo);
  return from <= now && to - now > TLS_RENEW_BEFORE_MS;
}

/** The kept CA, when it is a current CA certificate (its key matching, when `key` is given). */
function usableCa(cert: string, key: string | undefined, now: number): boolean {
  try {
    const ca = new X509Certificate(cert);
    return (
      ca.ca && current(ca, now) && (key === undefined || ca.checkPrivateKey(createPrivateKey(key)))
    );
  } catch {
    return false;
  }
}

/** A current server certificate of `key`, issued by `ca`, for both localhost and 127.0.0.1. */
function usableServer(cert: string, key: string, ca: string, now: number): boolean {
  try {
    const server = new X509Certificate(cert);
    const issuer = new X509Certificate(ca);
    return (
      current(server, now) &&
      server.checkIssued(issuer) &&
      server.verify(issuer.publicKey) &&
      server.checkPrivateKey(createPrivateKey(key)) &&
      server.checkHost("localhost") !== undefined &&
      server.checkIP("127.0.0.1") !== undefined
    );
  } catch {
    return false;
  }
}

const withNewline = (pem: string) => (pem.endsWith("\n") ? pem : `${pem}\n`);

/**
 * The CA and certificate kept in `<dataDir>/tls/` (`ca.pem`, `ca-key.pem`, `cert.pem`, `key.pem`;
 * keys readable by the owner only), so a client trusts the CA once:
 *
 * - reused while the server certificate is valid for 30 more days, covers `localhost` and
 *   `127.0.0.1` and is signed by the kept CA;
 * - otherwise a new server certificate signed by the kept CA (`renewed: "certificate"`: clients
 *   keep trusting it);
 * - when the CA itself expires within 30 days or its key is missing or unusable, a new CA and
 *   certificate (`renewed: "ca"`: trust the new `ca.pem`);
 * - made at the first start (nothing renewed).
 */
export async function keptCertificates(dataDir: string, now = Date.now()): Promise<KeptTls> {
  const dir = join(dataDir, "tls");
  const path = (name: Name) => join(dir, FILES[name]);
  const kept = {
    ca: readOrUndefined(path("ca")),
    caKey: readOrUndefined(path("caKey")),
    cert: readOrUndefined(path("cert")),
    key: readOrUndefined(path("key")),
  };
  const done = (renewed?: TlsRenewal): KeptTls => ({
    cert: kept.cert as string,
    key: kept.key as string,
    caCertificate: kept.ca as string,
    caFile: path("ca"),
    ...(renewed === undefined ? {} : { renewed }),
  });
  const write = (name: Name, text: string) => {
    writeFileSync(path(name), name === "ca" ? withNewline(text) : text, {
      mode: name === "caKey" || name === "key" ? 0o600 : 0o644,
    });
  };
  const issue = async (ca: CertificatePair) => {
    const server = await generateServerCertificate(ca);
    write("cert", server.cert);
    write("key", server.key);
    kept.cert = server.cert;
    kept.key = server.key;
  };

  const caUsable = kept.ca !== undefined && usableCa(kept.ca, kept.caKey, now);
  if (
    caUsable &&
    kept.cert !== undefined &&
    kept.key !== undefined &&
    usableServer(kept.cert, kept.key, kept.ca as string, now)
  ) {
    return done();
  }
  if (caUsable && kept.caKey !== undefined) {
    await issue({ cert: kept.ca as string, key: kept.caKey });
    return done("certificate");
  }
  const first = kept.ca === undefined;
  mkdirSync(dir, { recursive: true });
  const ca = await generateCa();
  write("caKey", ca.key);
  write("ca", ca.cert);
  kept.ca = withNewline(ca.cert);
  kept.caKey = ca.key;
  await issue(ca);
  return done(first ? undefined : "ca");
}
