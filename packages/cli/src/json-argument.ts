import { UsageError } from "./cli-error.js";
import { readTextArgument } from "./inputs.js";

/**
 * Reads a `<json|@file>` option: the JSON text itself, or `@file` (relative to `cwd`) holding it.
 * Malformed JSON is a `UsageError` naming the option.
 */
export function readJsonArgument(value: string, cwd: string, what: string): unknown {
  const text = readTextArgument(value, cwd, what);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const source = value.startsWith("@") ? ` in ${value.slice(1)}` : "";
    throw new UsageError(
      `${what} must be JSON: ${(error as Error).message}${source} (pass the JSON itself or @file)`,
      { cause: error },
    );
  }
}

/** True for a JSON object (not null, not an array). */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
