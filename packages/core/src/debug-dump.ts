import type { TransportRequest, TransportResponse } from "./transport.js";

const SIG = /(\bsig=)[^&\s"'<]+/gi;
const KEY = /(SharedAccessKey=)[^;\s"'<]+/gi;

/** Replaces token signatures and shared access keys in `text` with `<redacted>`. */
export function redactSecrets(text: string): string {
  return text.replace(SIG, "$1<redacted>").replace(KEY, "$1<redacted>");
}

function bodyText(body: string | Uint8Array | undefined): string {
  if (body === undefined) return "";
  if (typeof body === "string") return body;
  return `<${body.byteLength} bytes>`;
}

/** Formats one request and its response (or error) for the debug logger, secrets redacted. */
export function formatDebugDump(
  request: TransportRequest,
  outcome: TransportResponse | Error,
  elapsedMs: number,
): string {
  const lines = [`--> ${request.method} ${request.url}`];
  for (const name in request.headers) lines.push(`${name}: ${request.headers[name]}`);
  const sent = bodyText(request.body);
  if (sent) lines.push("", sent);
  if (outcome instanceof Error) {
    lines.push(`<-- ${outcome.name}: ${outcome.message} (${elapsedMs} ms)`);
  } else {
    lines.push(`<-- ${outcome.status} (${elapsedMs} ms)`);
    for (const name in outcome.headers) lines.push(`${name}: ${outcome.headers[name]}`);
    if (outcome.body) lines.push("", outcome.body);
  }
  return redactSecrets(lines.join("\n"));
}
