import { PayloadValidationError } from "@nhub/core";

/** Throws a `PayloadValidationError` whose message starts with `[@nhub/xiaomi]`. */
export function refuse(message: string): never {
  throw new PayloadValidationError(`[@nhub/xiaomi] ${message}`);
}

/** A short, safe rendering of a value for an error message (never more than 40 characters). */
export function show(value: unknown): string {
  if (typeof value === "string") {
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value);
  }
  if (typeof value === "function") return "a function";
  if (typeof value === "bigint") return `${value}n`;
  if (value === null || typeof value !== "object") return String(value);
  return Array.isArray(value) ? "an array" : "an object";
}
