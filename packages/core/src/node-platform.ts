import { createHmac } from "node:crypto";
import { setMaxListeners } from "node:events";
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
  allowManyListeners(signal) {
    // 0: no limit. Each request removes its listener when it ends, so the count stays at the
    // number in flight (bounded by the caller's concurrency).
    setMaxListeners(0, signal);
  },
  defaultLogger(text) {
    process.stderr.write(`${text}\n`);
  },
};
