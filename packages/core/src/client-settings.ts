import type { ClientOptions } from "./client-types.js";
import { parseConnectionString } from "./connection-string.js";
import { InvalidArgumentError } from "./errors.js";
import type { Platform } from "./platform.js";

/** @internal A client's options, checked once at construction, with their defaults applied. */
export interface ClientSettings {
  /** The namespace endpoint, ending in `/`. */
  endpoint: string;
  keyName: string;
  key: string;
  hub: string;
  timeoutMs: number;
  /** The SAS token's lifetime in seconds. */
  ttl: number;
  logger: (text: string) => void;
}

function badOption(what: string): never {
  throw new InvalidArgumentError(`createClient: ${what}.`);
}

/**
 * @internal Validates what `createClient` / `createSendClient` were given; throws
 * `InvalidArgumentError` (or the connection string's `ConnectionStringError`) naming the option
 * to fix, before any request exists.
 */
export function resolveClientSettings(options: ClientOptions, platform: Platform): ClientSettings {
  if (typeof options !== "object" || options === null) {
    badOption("pass an options object with connectionString and hubName");
  }
  const { endpoint, keyName, key } = parseConnectionString(options.connectionString);
  const hub = options.hubName;
  if (typeof hub !== "string" || hub.trim() === "") {
    badOption("hubName must be the non-empty name of the notification hub");
  }
  const timeoutMs = options.timeoutMs ?? 30_000;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    badOption(`timeoutMs must be a positive number of milliseconds, got ${timeoutMs}`);
  }
  const ttl = options.tokenTtlSeconds ?? 3600;
  if (!Number.isSafeInteger(ttl) || ttl < 60) {
    badOption(`tokenTtlSeconds must be whole seconds, at least 60; got ${ttl}`);
  }
  const logger = options.logger ?? platform.defaultLogger;
  if (typeof logger !== "function") badOption("logger must be a function receiving debug text");
  return { endpoint, keyName, key, hub, timeoutMs, ttl, logger };
}
