import { X509Certificate } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { InvalidArgumentError } from "@nhub/core";

/** Your own certificate for `startEmulator({ tls: { cert, key } })`, PEM text. */
export interface EmulatorTlsOptions {
  /** The server certificate (optionally followed by its chain), PEM. */
  cert: string;
  /** The server certificate's private key, PEM. */
  key: string;
  /** The CA certificate clients should trust, PEM; default `cert` (a self-signed certificate). */
  ca?: string;
}

/** What the HTTPS server is started with, and what clients must trust. */
export interface TlsMaterial {
  cert: string;
  key: string;
  /** The CA certificate, PEM. */
  caCertificate: string;
  /** A file holding `caCertificate` (for NODE_EXTRA_CA_CERTS, SSL_CERT_FILE, curl --cacert). */
  caFile: string;
  /** Removes the temporary directory of `caFile`. */
  dispose(): void;
}

/** Host names and addresses of the generated server certificate. */
export const TLS_SERVER_NAMES = ["localhost", "127.0.0.1", "::1"] as const;
const DAY_MS = 24 * 60 * 60 * 1000;

function isPem(value: unknown, label: string): value is string {
  return typeof value === "string" && value.includes(`-----BEGIN ${label}`);
}

function checkTlsOptions(tls: unknown): EmulatorTlsOptions | undefined {
  if (tls === true) return undefined;
  const options = tls as Partial<EmulatorTlsOptions> | null;
  if (typeof options !== "object" || options === null) {
    throw new InvalidArgumentError(
      "startEmulator: tls must be true (generate a CA and a certificate) or { cert, key } PEM strings",
    );
  }
  if (
    !isPem(options.cert, "CERTIFICATE") ||
    !/-----BEGIN [A-Z ]*PRIVATE KEY/.test(options.key ?? "")
  ) {
    throw new InvalidArgumentError(
      "startEmulator: tls.cert must be a PEM certificate and tls.key a PEM private key (the file contents, not a path)",
    );
  }
  if (options.ca !== undefined && !isPem(options.ca, "CERTIFICATE")) {
    throw new InvalidArgumentError("startEmulator: tls.ca must be a PEM certificate");
  }
  return options as EmulatorTlsOptions;
}

/** A CA valid for 10 years and a server certificate for localhost, 127.0.0.1 and ::1 signed by it. */
async function generateCertificates(): Promise<{ cert: string; key: string; ca: string }> {
  // Loaded only when TLS is asked for.
  const { generate } = await import("selfsigned");
  const now = new Date(Date.now() - DAY_MS);
  const ca = await generate([{ name: "commonName", value: "nhub emulator local CA" }], {
    keyType: "ec",
    algorithm: "sha256",
    notBeforeDate: now,
    notAfterDate: new Date(now.getTime() + 3650 * DAY_MS),
    extensions: [
      { name: "basicConstraints", cA: true, pathLenConstraint: 0, critical: true },
      { name: "keyUsage", keyCertSign: true, cRLSign: true, critical: true },
    ],
  });
  const server = await generate([{ name: "commonName", value: "localhost" }], {
    keyType: "ec",
    algorithm: "sha256",
    notBeforeDate: now,
    notAfterDate: new Date(now.getTime() + 825 * DAY_MS),
    ca: { key: ca.private, cert: ca.cert },
    extensions: [
      { name: "basicConstraints", cA: false },
      { name: "keyUsage", digitalSignature: true, keyEncipherment: true, critical: true },
      { name: "extKeyUsage", serverAuth: true },
      {
        name: "subjectAltName",
        altNames: [
          { type: 2, value: "localhost" },
          { type: 7, ip: "127.0.0.1" },
          { type: 7, ip: "::1" },
        ],
      },
    ],
  });
  return { cert: server.cert, key: server.private, ca: ca.cert };
}

const TLS_FILES = { ca: "ca.pem", cert: "cert.pem", key: "key.pem" } as const;

/**
 * The generated CA and certificate kept in `<dataDir>/tls/`: read when all three files are there,
 * otherwise generated and written (the key readable by the owner only), so a client trusts the CA
 * once and keeps trusting it across restarts.
 */
async function keptCertificates(
  dataDir: string,
): Promise<{ cert: string; key: string; ca: string }> {
  const dir = join(dataDir, "tls");
  const path = (name: keyof typeof TLS_FILES) => join(dir, TLS_FILES[name]);
  if (existsSync(path("ca")) && existsSync(path("cert")) && existsSync(path("key"))) {
    return {
      ca: readFileSync(path("ca"), "utf8"),
      cert: readFileSync(path("cert"), "utf8"),
      key: readFileSync(path("key"), "utf8"),
    };
  }
  const generated = await generateCertificates();
  const made = {
    ...generated,
    ca: generated.ca.endsWith("\n") ? generated.ca : `${generated.ca}\n`,
  };
  mkdirSync(dir, { recursive: true });
  writeFileSync(path("key"), made.key, { mode: 0o600 });
  writeFileSync(path("cert"), made.cert);
  writeFileSync(path("ca"), made.ca);
  return made;
}

/**
 * The certificate and key of the emulator's HTTPS server: the caller's (`tls: { cert, key }`), or a
 * CA and server certificate (`tls: true`), generated at start, or kept in `<dataDir>/tls/` and
 * reused when `dataDir` is given. The CA certificate is written to a file (a temporary one without
 * `dataDir`).
 */
export async function prepareTls(
  tls: true | EmulatorTlsOptions,
  dataDir?: string,
): Promise<TlsMaterial> {
  const own = checkTlsOptions(tls);
  if (own === undefined && dataDir !== undefined) {
    const kept = await keptCertificates(dataDir);
    return {
      cert: kept.cert,
      key: kept.key,
      caCertificate: kept.ca,
      caFile: join(dataDir, "tls", TLS_FILES.ca),
      dispose: () => {},
    };
  }
  const material = own === undefined ? await generateCertificates() : undefined;
  const cert = own?.cert ?? (material?.cert as string);
  const key = own?.key ?? (material?.key as string);
  const caCertificate = own?.ca ?? own?.cert ?? (material?.ca as string);
  if (own !== undefined) {
    try {
      new X509Certificate(cert);
    } catch {
      throw new InvalidArgumentError("startEmulator: tls.cert is not a readable PEM certificate");
    }
  }
  const dir = mkdtempSync(join(tmpdir(), "nhub-emulator-tls-"));
  const caFile = join(dir, "ca.pem");
  writeFileSync(caFile, caCertificate.endsWith("\n") ? caCertificate : `${caCertificate}\n`);
  return {
    cert,
    key,
    caCertificate,
    caFile,
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}
