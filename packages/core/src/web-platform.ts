import { createFetchTransport } from "./fetch-transport.js";
import type { Platform } from "./platform.js";

const encoder = new TextEncoder();

/** HMAC-SHA256 with WebCrypto (`crypto.subtle`). */
export async function webHmac(key: string, message: string): Promise<string> {
  const cryptoKey = await crypto.subtle.importKey(
    "raw",
    encoder.encode(key),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  const signature = new Uint8Array(
    await crypto.subtle.sign("HMAC", cryptoKey, encoder.encode(message)),
  );
  let binary = "";
  for (const byte of signature) binary += String.fromCharCode(byte);
  return btoa(binary);
}

export const webPlatform: Platform = {
  hmac: webHmac,
  createTransport: () => createFetchTransport(),
  defaultLogger(text) {
    console.error(text);
  },
};
