import { X509Certificate } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { InvalidArgumentError } from "@nhub/core";
import { generateCa, generateServerCertificate } from "./tls-generate.js";
import { keptCertificates, type TlsRenewal } from "./tls-kept.js";

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
  /** Set when the material kept in `dataDir` was replaced at this start. */
  renewed?: TlsRenewal;
  /** Removes the temporary directory of `caFile`. */
  dispose(): void;
}

/** Host names and addresses of the generated server certificate. */
export const TLS_SERVER_NAMES = ["localhost", "127.0.0.1", "::1"] as const;

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
    return { ...kept, dispose: () => {} };
  }
  let generated: { cert: string; key: string; ca: string } | undefined;
  if (own === undefined) {
    const ca = await generateCa();
    generated = { ...(await generateServerCertificate(ca)), ca: ca.cert };
  }
  const cert = own?.cert ?? (generated?.cert as string);
  const key = own?.key ?? (generated?.key as string);
  const caCertificate = own?.ca ?? own?.cert ?? (generated?.ca as string);
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
