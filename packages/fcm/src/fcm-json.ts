import { refuse, show } from "./fcm-error.js";

/** True for a JSON-like object: not null, not an array, not bytes. */
export function isObject(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    !ArrayBuffer.isView(value)
  );
}

/**
 * Reads a payload given as an object or as JSON text holding an object. Returns the text to send
 * (a string payload unchanged, byte for byte; an object serialized once) and the parsed object.
 */
export function readJson(payload: unknown): { text: string; value: Record<string, unknown> } {
  if (typeof payload === "string") {
    let value: unknown;
    try {
      value = JSON.parse(payload);
    } catch {
      refuse("the payload string must hold a JSON object, got text that is not valid JSON");
    }
    if (!isObject(value)) refuse(`the payload string must hold a JSON object, got ${show(value)}`);
    return { text: payload, value };
  }
  if (!isObject(payload)) {
    refuse(`the payload must be an object or a JSON string, got ${show(payload)}`);
  }
  let text: unknown;
  try {
    text = JSON.stringify(payload);
  } catch (error) {
    refuse(`the payload cannot be serialized to JSON: ${(error as Error).message}`);
  }
  return { text: text as string, value: payload };
}

/** Size of a string in UTF-8 bytes. */
export function byteLength(text: string): number {
  return new TextEncoder().encode(text).byteLength;
}
