import { createHmac, timingSafeEqual } from "node:crypto";

/** A right a SAS rule grants. */
export type Right = "Listen" | "Send" | "Manage";

/** A shared-access rule of the emulated namespace. */
export interface SasRule {
  name: string;
  key: string;
  rights: readonly Right[];
}

/** Why a request was refused, as the service answers it. */
export interface AuthFailure {
  status: 401 | 403;
  detail: string;
}

/** The outcome of checking a token. */
export type AuthResult = { ok: true; rule: SasRule } | ({ ok: false } & AuthFailure);

/** The four parameters of a `SharedAccessSignature` header, as sent (still percent-encoded). */
export interface SasTokenParts {
  sr: string;
  sig: string;
  se: string;
  skn: string;
}

const PREFIX = "sharedaccesssignature ";

/** Splits an `Authorization` header into its parameters (any order); undefined when malformed. */
export function parseSasToken(header: string): SasTokenParts | undefined {
  if (!header.toLowerCase().startsWith(PREFIX)) return undefined;
  const parts: Record<string, string> = {};
  for (const pair of header.slice(PREFIX.length).trim().split("&")) {
    const eq = pair.indexOf("=");
    if (eq <= 0) continue;
    parts[pair.slice(0, eq).trim().toLowerCase()] = pair.slice(eq + 1).trim();
  }
  const { sr, sig, se, skn } = parts;
  if (!sr || !sig || !se || !skn) return undefined;
  return { sr, sig, se, skn };
}

function safeDecode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

function withoutScheme(url: string): string {
  return url.replace(/^[a-z][a-z0-9+.-]*:\/\//, "");
}

/**
 * True when the signed resource `sr` (decoded) covers `url`: a prefix of it, ending at a path
 * boundary, compared in lower case and without the scheme (`sb://`, `https://` and `http://` are
 * the same namespace to the emulator).
 */
export function audienceCovers(resource: string, url: string): boolean {
  const signed = withoutScheme(resource.toLowerCase());
  const target = withoutScheme(url.toLowerCase());
  if (signed.length === 0 || !target.startsWith(signed)) return false;
  if (signed.endsWith("/") || target.length === signed.length) return true;
  const next = target[signed.length];
  return next === "/" || next === "?";
}

function signatureMatches(key: string, sr: string, se: string, sentSig: string): boolean {
  const expected = createHmac("sha256", Buffer.from(key, "utf8"))
    .update(`${sr}\n${se}`, "utf8")
    .digest();
  const decoded = safeDecode(sentSig);
  if (decoded === undefined) return false;
  const given = Buffer.from(decoded, "base64");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** What {@link verifySasToken} checks against. */
export interface VerifyContext {
  rules: readonly SasRule[];
  /** The URLs the request may be known by (scheme, host and path); one must be covered by `sr`. */
  requestUrls: readonly string[];
  /** Now, in Unix seconds. */
  nowSeconds: number;
}

/** Checks an `Authorization` header the way the service does. Never echoes the signature or key. */
export function verifySasToken(header: string | undefined, context: VerifyContext): AuthResult {
  if (header === undefined || header.trim() === "") {
    return {
      ok: false,
      status: 401,
      detail: "MissingToken: The request has no Authorization header with a SharedAccessSignature.",
    };
  }
  const token = parseSasToken(header);
  if (token === undefined) {
    return {
      ok: false,
      status: 401,
      detail:
        "MalformedToken: The Authorization header must be 'SharedAccessSignature sr=..&sig=..&se=..&skn=..'.",
    };
  }
  const ruleName = safeDecode(token.skn) ?? token.skn;
  const rule = context.rules.find((candidate) => candidate.name === ruleName);
  if (rule === undefined || !signatureMatches(rule.key, token.sr, token.se, token.sig)) {
    return {
      ok: false,
      status: 401,
      detail: "InvalidSignature: The token has an invalid signature.",
    };
  }
  const expiry = Number(token.se);
  if (!/^\d+$/.test(token.se) || expiry <= context.nowSeconds) {
    return {
      ok: false,
      status: 401,
      detail: `ExpiredToken: The token is expired. Expiration time: '${token.se}'.`,
    };
  }
  const resource = safeDecode(token.sr);
  if (resource === undefined || !context.requestUrls.some((url) => audienceCovers(resource, url))) {
    return {
      ok: false,
      status: 401,
      detail: `InvalidAudience: The token audience '${resource ?? token.sr}' does not cover the requested resource.`,
    };
  }
  return { ok: true, rule };
}

/**
 * Checks that `rule` grants `right`. As recorded from the service: a rule without Send gets
 * 403 on a send, a rule without Manage gets 401 `Manage claim is required for this operation.`
 */
export function checkRight(rule: SasRule, right: Right): AuthFailure | undefined {
  if (rule.rights.includes(right)) return undefined;
  if (right === "Manage")
    return { status: 401, detail: "Manage claim is required for this operation." };
  return { status: 403, detail: `${right} claim is required for this operation.` };
}
