import type { IncomingHttpHeaders } from "node:http";
import { isIP } from "node:net";

/** What decides the origin of the URLs the emulator returns for one request. */
export interface OriginSource {
  headers: IncomingHttpHeaders;
  /** True when the request came over TLS (`req.socket.encrypted`). */
  encrypted: boolean;
  /** The peer's address (`req.socket.remoteAddress`). */
  remoteAddress: string | undefined;
}

const HOST = /^(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9\-._~%]+)(?::\d{1,5})?$/;

function first(value: string | string[] | undefined): string | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  const head = text?.split(",")[0]?.trim();
  return head === undefined || head === "" ? undefined : head;
}

/** True for 127.0.0.0/8, ::1 and IPv4-mapped loopback addresses. */
export function isLoopback(address: string | undefined): boolean {
  if (address === undefined) return false;
  const plain = address.startsWith("::ffff:") ? address.slice(7) : address;
  if (isIP(plain) === 4) return plain.startsWith("127.");
  return plain === "::1";
}

/**
 * `scheme://host/` as the client saw the emulator: `https` over TLS, else `http`, and the `Host`
 * header; `X-Forwarded-Proto` / `X-Forwarded-Host` are honoured only from a loopback peer (a local
 * reverse proxy). Falls back to `fallback` (the listening URL) for a missing or malformed host.
 */
export function requestOrigin(source: OriginSource, fallback: string): string {
  const trusted = isLoopback(source.remoteAddress);
  const forwardedProto = trusted ? first(source.headers["x-forwarded-proto"])?.toLowerCase() : "";
  const scheme =
    forwardedProto === "http" || forwardedProto === "https"
      ? forwardedProto
      : source.encrypted
        ? "https"
        : "http";
  const forwardedHost = trusted ? first(source.headers["x-forwarded-host"]) : undefined;
  const host = [forwardedHost, first(source.headers.host)].find(
    (candidate) => candidate !== undefined && HOST.test(candidate),
  );
  if (host === undefined) {
    const base = new URL(fallback);
    return `${scheme}://${base.host}/`;
  }
  return `${scheme}://${host.toLowerCase()}/`;
}
