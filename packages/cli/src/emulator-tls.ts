import type { EmulatorTlsOptions } from "@nhub/emulator";
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

/** The lines telling how to trust the emulator's CA, for Node, Python and curl. */
export function tlsTrustLines(caFile: string, url: string, hubName: string): string[] {
  return [
    `CA certificate:    ${caFile}`,
    "Trust it:",
    `  Node:    NODE_EXTRA_CA_CERTS=${caFile}`,
    `  Python:  SSL_CERT_FILE=${caFile}`,
    `  curl:    curl --cacert ${caFile} ${url}${hubName}/messages?api-version=2020-06`,
  ];
}
