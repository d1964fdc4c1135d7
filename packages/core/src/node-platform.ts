import { createHmac } from "node:crypto";
import { createNodeTracer } from "./diagnostics.js";
import type { Platform } from "./platform.js";
import { createUndiciTransport } from "./undici-transport.js";

/** HMAC-SHA256 with node:crypto, synchronous. */
export function nodeHmac(key: string, message: string): string {
  return createHmac("sha256", key).update(message).digest("base64");
}

export const nodePlatform: Platform = {
  hmac: nodeHmac,
  createTransport: createUndiciTransport,
  tracer: createNodeTracer(),
  defaultLogger(text) {
    process.stderr.write(`${text}\n`);
  },
};
