import type { EmulatorTlsOptions, TlsRenewal } from "@nhub/emulator";
import { UsageError } from "./cli-error.js";
import { readTextArgument } from "./inputs.js";
import type { Cli } from "./io.js";

/** The TLS flags of `nhub emulator`. */
export interface EmulatorTlsFlags {
  tls?: boolean;
  tlsCert?: string;
  tlsKey?: string;
}

/** `tls` for `startEmulator`: undefined, `true` (generated CA) or the files of `--tls-cert/--tls-key`. */
export function emulatorTlsOption(
  flags: EmulatorTlsFlags,
  cli: Cli,
): true | EmulatorTlsOptions | undefined {
  if ((flags.tlsCert === undefined) !== (flags.tlsKey === undefined)) {
    throw new UsageError("--tls-cert and --tls-key go together: pass both PEM files");
  }
  if (flags.tlsCert !== undefined && flags.tlsKey !== undefined) {
    const read = (file: string, flag: string) =>
      readTextArgument(`@${file.replace(/^@/, "")}`, cli.cwd, flag);
    return { cert: read(flags.tlsCert, "--tls-cert"), key: read(flags.tlsKey, "--tls-key") };
  }
  return flags.tls ? true : undefined;
}

/**
 * The lines telling how to trust the emulator's CA, for Node, Python and curl (a command that
 * prints `{"status":"ok"}` once the CA is trusted), and what a start with `--data` renewed.
 */
export function tlsTrustLines(caFile: string, url: string, renewed?: TlsRenewal): string[] {
  const lines = [
    `CA certificate:    ${caFile}`,
    "Trust it:",
    `  Node:    NODE_EXTRA_CA_CERTS=${caFile}`,
    `  Python:  SSL_CERT_FILE=${caFile}`,
    `  curl:    curl --cacert ${caFile} ${url}_nhub/health`,
  ];
  if (renewed === "certificate") {
    lines.push(
      "Renewed:           the kept server certificate had expired, expired within 30 days or no longer fit: made a new one, signed by the kept CA (still trusted)",
    );
  } else if (renewed === "ca") {
    lines.push(
      "Renewed:           the kept CA had expired or expired within 30 days: made a new CA and certificate; trust the CA file above again",
    );
  }
  return lines;
}
