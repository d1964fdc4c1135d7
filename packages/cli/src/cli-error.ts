import { NotificationHubsError, redactSecrets } from "@nhub/core";

/** Exit status of a successful command. */
export const EXIT_OK = 0;
/** Exit status when the service (or the network to it) refused or failed the operation. */
export const EXIT_FAILED = 1;
/** Exit status for bad usage or invalid input, reported before anything is sent. */
export const EXIT_USAGE = 2;

/** Bad usage of the command line: a missing or malformed option. Exits with status 2. */
export class UsageError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "UsageError";
  }
}

const INPUT_CODES = new Set([
  "INVALID_CONNECTION_STRING",
  "INVALID_TAG_EXPRESSION",
  "INVALID_PAYLOAD",
  "INVALID_ARGUMENT",
  "UNKNOWN_FORMAT",
  "INVALID_ADAPTER",
]);

/** 2 for usage and input errors (nothing was sent), 1 for everything else. */
export function exitCodeFor(error: unknown): number {
  if (error instanceof UsageError) return EXIT_USAGE;
  if (NotificationHubsError.isInstance(error) && INPUT_CODES.has(error.code)) return EXIT_USAGE;
  return EXIT_FAILED;
}

/** One line describing the error (secrets redacted); with `verbose`, the stack follows. */
export function describeError(error: unknown, verbose: boolean): string {
  const message =
    error instanceof Error ? error.message : typeof error === "string" ? error : String(error);
  const line = `nhub: ${message.replace(/\s*\n\s*/g, " ").trim()}`;
  if (!verbose || !(error instanceof Error) || error.stack === undefined) {
    return redactSecrets(line);
  }
  return redactSecrets(`${line}\n${error.stack}`);
}
