import { readJsonPayload } from "@nhub/core";
import { refuse } from "./browser-error.js";

export { isJsonObject as isObject, utf8ByteLength as byteLength } from "@nhub/core";

/** Reads an object or JSON-object text payload; a string is sent byte for byte. */
export function readJson(payload: unknown): { text: string; value: Record<string, unknown> } {
  return readJsonPayload(payload, refuse);
}
