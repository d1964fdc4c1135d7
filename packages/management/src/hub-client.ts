import type { HubRequest, HubResponse } from "@nhub/core";
import { InvalidArgumentError, NotificationHubsError } from "@nhub/core";

/**
 * What the operations need from a client: core's low-level `request` method. Any
 * `NotificationHubClient` from `@nhub/core` fits, and so does anything with the same method.
 */
export interface HubClient {
  /** Sends one signed request to the hub and resolves to its response. */
  request(request: HubRequest): Promise<HubResponse>;
}

/** Options every operation accepts. */
export interface OperationOptions {
  /** Cancels the operation (rejects with core's `AbortError`). */
  signal?: AbortSignal;
}

/** Content type of Atom entries sent to the service. */
export const ATOM_ENTRY = "application/atom+xml;type=entry;charset=utf-8";

/** Throws InvalidArgumentError unless `client` has a `request` method. */
export function assertClient(client: unknown, operation: string): asserts client is HubClient {
  if (typeof (client as HubClient | null)?.request !== "function") {
    throw new InvalidArgumentError(
      `${operation} needs a client from createClient() (@nhub/core) as its first argument.`,
    );
  }
}

/** Percent-encodes one path segment after checking it is a non-empty string. */
export function segment(value: unknown, field: string, operation: string): string {
  if (typeof value !== "string" || value.trim() === "") {
    throw new InvalidArgumentError(`${operation}: ${field} must be a non-empty string.`);
  }
  return encodeURIComponent(value);
}

/** Adds the caller's signal to a request when there is one. */
export function withSignal(request: HubRequest, options: OperationOptions | undefined): HubRequest {
  return options?.signal ? { ...request, signal: options.signal } : request;
}

/**
 * Runs `read` over a successful response; a body the parser cannot read becomes a
 * `NotificationHubsError` with code `INVALID_RESPONSE` (the service, not the caller, is at fault).
 */
export function readResponse<T>(operation: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    throw new NotificationHubsError(
      "INVALID_RESPONSE",
      `${operation}: the service answered with a body nhub cannot read (${(error as Error).message})`,
      {
        cause: error,
      },
    );
  }
}

/** The last non-empty path segment of a URL, query removed, percent-decoded. */
export function lastSegment(url: string | undefined): string | undefined {
  if (!url) return undefined;
  const path = url.split(/[?#]/)[0] ?? "";
  const last = path
    .split("/")
    .filter((part) => part !== "")
    .pop();
  if (last === undefined) return undefined;
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}
