import { timingSafeEqual } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { checkRight, type SasRule, verifySasToken } from "./sas-auth.js";

/** True for 127.0.0.0/8, ::1, `localhost` (and IPv4-mapped loopback). */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, "").toLowerCase();
  return (
    bare === "localhost" ||
    bare === "::1" ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(bare) ||
    /^::ffff:127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(bare)
  );
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** What an inspection request is checked against. */
export interface InspectionAccess {
  /** Open to everyone (the server listens on loopback). */
  open: boolean;
  token: string;
  rules: readonly SasRule[];
  /** The URLs the request may be known by, for the SAS audience. */
  requestUrls: readonly string[];
}

/**
 * True when the request may read the inspection API: open on loopback, else a bearer token, a
 * `?token=` or a SAS token of a rule with Manage.
 */
export function inspectionAllowed(
  headers: IncomingHttpHeaders,
  query: URLSearchParams,
  access: InspectionAccess,
): boolean {
  if (access.open) return true;
  const queryToken = query.get("token");
  if (queryToken !== null && sameSecret(queryToken, access.token)) return true;
  const authorization = headers.authorization ?? "";
  const bearer = /^bearer\s+(.+)$/i.exec(authorization.trim());
  if (bearer?.[1] !== undefined) return sameSecret(bearer[1], access.token);
  if (!/^sharedaccesssignature\s/i.test(authorization)) return false;
  const result = verifySasToken(authorization, {
    rules: access.rules,
    requestUrls: access.requestUrls,
    nowSeconds: Math.floor(Date.now() / 1000),
  });
  return result.ok && checkRight(result.rule, "Manage") === undefined;
}
