import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { BrowserPushSubscription, DeviceHandle } from "@nhub/core";
import { UsageError } from "./cli-error.js";

/** Reads `@file` (relative to `cwd`) or returns the text itself. */
export function readTextArgument(value: string, cwd: string, what: string): string {
  if (!value.startsWith("@")) return value;
  const file = value.slice(1);
  if (file === "") throw new UsageError(`${what}: "@" must be followed by a file name`);
  try {
    return readFileSync(resolve(cwd, file), "utf8");
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new UsageError(`${what}: cannot read file ${file} (${reason})`, { cause: error });
  }
}

/** Splits `--tags a,b` into tags; an empty item is refused (never an accidental broadcast). */
export function parseTagList(text: string): string[] {
  const tags = text.split(",").map((tag) => tag.trim());
  if (tags.some((tag) => tag === "")) {
    throw new UsageError(
      `--tags needs a comma-separated list of non-empty tags, got ${JSON.stringify(text)}`,
    );
  }
  return tags;
}

/** Parses repeated `--header Name:Value` options. */
export function parseHeaders(values: readonly string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const value of values) {
    const colon = value.indexOf(":");
    const name = colon < 0 ? "" : value.slice(0, colon).trim();
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) {
      throw new UsageError(
        `--header needs Name:Value with a valid header name, got ${JSON.stringify(value)}`,
      );
    }
    headers[name] = value.slice(colon + 1).trim();
  }
  return headers;
}

/**
 * Parses repeated `--option key=value` adapter options. A value that is JSON (`5`, `true`,
 * `"x"`) is used as parsed; anything else is a string.
 */
export function parseAdapterOptions(values: readonly string[]): Record<string, unknown> {
  const options: Record<string, unknown> = {};
  for (const value of values) {
    const equals = value.indexOf("=");
    const key = equals < 0 ? "" : value.slice(0, equals).trim();
    if (!/^[A-Za-z][A-Za-z0-9]*$/.test(key)) {
      throw new UsageError(
        `--option needs key=value (for example type=raw), got ${JSON.stringify(value)}`,
      );
    }
    const text = value.slice(equals + 1);
    try {
      options[key] = JSON.parse(text);
    } catch {
      options[key] = text;
    }
  }
  return options;
}

/** A device handle: the text itself, or for `browser` the JSON subscription `{ endpoint, p256dh, auth }`. */
export function parseDeviceHandle(format: string, text: string): DeviceHandle {
  if (format !== "browser") return text;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new UsageError(
      '--device-handle for the browser format must be the JSON subscription {"endpoint":"...","p256dh":"...","auth":"..."}',
    );
  }
  const subscription = value as Partial<BrowserPushSubscription> | null;
  if (
    typeof subscription !== "object" ||
    subscription === null ||
    typeof subscription.endpoint !== "string" ||
    typeof subscription.p256dh !== "string" ||
    typeof subscription.auth !== "string"
  ) {
    throw new UsageError(
      "--device-handle for the browser format needs string fields endpoint, p256dh and auth",
    );
  }
  return { endpoint: subscription.endpoint, p256dh: subscription.p256dh, auth: subscription.auth };
}

/** Parses a whole number option within bounds. */
export function parseWholeNumber(name: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new UsageError(
      `${name} must be a whole number from ${min} to ${max}, got ${JSON.stringify(text)}`,
    );
  }
  return value;
}
