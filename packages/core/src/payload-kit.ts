/**
 * Small helpers for adapter authors (the nhub platform packages use them too): reading JSON
 * payloads, describing a value safely in an error message, and counting UTF-8 bytes.
 */

/** True for a JSON-like object: not null, not an array, not bytes. */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    !ArrayBuffer.isView(value)
  );
}

/** A short, safe rendering of a value for an error message (at most 40 characters). */
export function describeValue(value: unknown): string {
  const type = typeof value;
  return type === "string"
    ? JSON.stringify((value as string).length > 40 ? `${(value as string).slice(0, 37)}...` : value)
    : type === "bigint"
      ? `${value}n`
      : type === "function"
        ? "a function"
        : value && type === "object"
          ? Array.isArray(value)
            ? "an array"
            : "an object"
          : String(value);
}

/** Size in UTF-8 bytes, without encoding (a lone surrogate counts as U+FFFD, 3 bytes). */
export function utf8ByteLength(body: string | Uint8Array): number {
  if (typeof body !== "string") return body.byteLength;
  let bytes = body.length;
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i);
    if (c > 127) {
      bytes += c < 2048 ? 1 : 2;
      // A surrogate pair: 2 UTF-16 units, 4 bytes (counted once, for the high surrogate).
      if (c >> 10 === 54 && body.charCodeAt(i + 1) >> 10 === 55) i++;
    }
  }
  return bytes;
}

/**
 * Reads a payload given as an object or as JSON text holding an object. Returns the text to send
 * (a string payload unchanged, byte for byte; an object serialized once) and the parsed object.
 * `refuse` throws the adapter's own `PayloadValidationError`.
 */
export function readJsonPayload(
  payload: unknown,
  refuse: (message: string) => never,
): { text: string; value: Record<string, unknown> } {
  if (typeof payload === "string") {
    let value: unknown;
    try {
      value = JSON.parse(payload);
    } catch {
      refuse("the payload string must hold a JSON object, got text that is not valid JSON");
    }
    if (!isJsonObject(value)) {
      refuse(`the payload string must hold a JSON object, got ${describeValue(value)}`);
    }
    return { text: payload, value };
  }
  if (!isJsonObject(payload)) {
    refuse(`the payload must be an object or a JSON string, got ${describeValue(payload)}`);
  }
  let text: string | undefined;
  try {
    text = JSON.stringify(payload);
  } catch (error) {
    refuse(`the payload cannot be serialized to JSON: ${(error as Error).message}`);
  }
  return { text: text as string, value: payload };
}
