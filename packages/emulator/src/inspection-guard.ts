import type { IncomingHttpHeaders } from "node:http";
import { isLoopbackHost } from "./inspection-auth.js";

/** Why a request under `/_nhub/` was refused with 403 before any access check. */
export interface GuardRefusal {
  code: "ForbiddenHost" | "CrossOriginRequest";
  message: string;
}

const READING = new Set(["GET", "HEAD", "OPTIONS"]);

/** A `Host` header value as a URL of `protocol` (so a default port compares equal), or undefined. */
function hostUrl(host: string, protocol: string): URL | undefined {
  try {
    const url = new URL(`${protocol}//${host}`);
    return url.username === "" && url.pathname === "/" ? url : undefined;
  } catch {
    return undefined;
  }
}

/** True for a loopback name or address: `localhost`, `*.localhost`, 127.0.0.0/8, `[::1]`. */
function isLoopbackName(hostname: string): boolean {
  return isLoopbackHost(hostname) || hostname.toLowerCase().endsWith(".localhost");
}

/**
 * Cross-site and DNS-rebinding protection of the inspection API and page, which are open on a
 * loopback address: any web page open in the developer's browser can make requests there.
 *
 * - Listening on loopback, a `Host` that is not a loopback name or address is refused (a page on
 *   `evil.example` whose name was re-pointed at 127.0.0.1 sends `Host: evil.example`).
 * - A state-changing request (anything but GET, HEAD and OPTIONS) carrying an `Origin` whose
 *   host and port differ from its `Host` is refused (a form or `fetch` from another site; a
 *   browser always sends `Origin` with those). Clients that send no `Origin` (curl, SDKs, tests)
 *   and the inbox page itself (same origin) pass.
 */
export function inspectionRefusal(
  method: string,
  headers: IncomingHttpHeaders,
  loopback: boolean,
): GuardRefusal | undefined {
  const host = headers.host;
  if (loopback && host !== undefined) {
    const hostname = hostUrl(host, "http:")?.hostname;
    if (hostname === undefined || !isLoopbackName(hostname)) {
      return {
        code: "ForbiddenHost",
        message: `the emulator listens on a loopback address and answers /_nhub/ only for a loopback Host (localhost, 127.0.0.1, [::1]), not '${host}'; to reach it under another name, listen on another address (--host) and use the inspection token`,
      };
    }
  }
  const origin = headers.origin;
  if (origin === undefined || READING.has(method.toUpperCase())) return undefined;
  let same = false;
  try {
    const parsed = new URL(origin);
    same = host !== undefined && parsed.host === hostUrl(host, parsed.protocol)?.host;
  } catch {
    // `Origin: null` (a sandboxed frame, a file:// page) or garbage: not this origin.
  }
  if (same) return undefined;
  return {
    code: "CrossOriginRequest",
    message: `${method} from the page at origin '${origin}' is refused: the inspection API changes state only for requests from its own origin or without an Origin header`,
  };
}
