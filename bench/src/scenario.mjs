/** What every client sends in the benchmark: one WNS toast to a tag expression. */
export const HUB = "benchhub";
export const KEY_NAME = "DefaultFullSharedAccessSignature";
/** A made-up key (base64 text, used as written, never decoded: see the wire spec, section 2). */
export const KEY = "bmh1Yi1iZW5jaC1rZXktbm90LWEtcmVhbC1zZWNyZXQ+/=";
export const TAG_EXPRESSION = "sports || politics";
export const TOAST =
  '<toast launch="app-defined-string"><visual><binding template="ToastGeneric">' +
  "<text>Match update</text><text>Home 2 - 1 Away, 78th minute</text>" +
  "</binding></visual></toast>";

/** The connection string of the loopback hub at `origin` (`https://127.0.0.1:PORT`). */
export function connectionString(origin) {
  const endpoint = origin.replace(/^https:/, "sb:");
  return `Endpoint=${endpoint}/;SharedAccessKeyName=${KEY_NAME};SharedAccessKey=${KEY}`;
}
