import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer } from "node:https";
import { HUB, KEY, KEY_NAME, TAG_EXPRESSION, TOAST } from "./scenario.mjs";

const PREFIX = "SharedAccessSignature ";
const SEND_PATHS = new Set([`/${HUB}/messages`, `/${HUB}/messages/`]);
const squash = (text) => text.replace(/\s+/g, "");

/**
 * Checks one `Authorization` header the way the service does: HMAC-SHA256 of `sr\nse` with the
 * key as written, the rule name, the expiry, and that `sr` covers the requested URL.
 * @returns {string | undefined} why the token is refused, or undefined when it is valid.
 */
export function checkSasToken(header, requestUrl) {
  if (typeof header !== "string" || !header.startsWith(PREFIX)) return "no SAS token";
  const fields = {};
  for (const part of header.slice(PREFIX.length).split("&")) {
    const eq = part.indexOf("=");
    if (eq > 0) fields[part.slice(0, eq)] = part.slice(eq + 1);
  }
  const { sr, sig, se, skn } = fields;
  if (!sr || !sig || !se || !skn) return "token lacks sr, sig, se or skn";
  if (skn !== KEY_NAME) return "unknown key name";
  if (!/^\d+$/.test(se) || Number(se) * 1000 < Date.now()) return "token expired";
  const resource = decodeURIComponent(sr);
  if (!requestUrl.toLowerCase().startsWith(resource.replace(/\/$/, ""))) {
    return "token not valid for this resource";
  }
  const expected = createHmac("sha256", KEY).update(`${sr}\n${se}`).digest();
  const given = Buffer.from(decodeURIComponent(sig), "base64");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return "bad signature";
  }
  return undefined;
}

/** Why a send request is not the benchmark's toast, or undefined when it is. */
function checkSend(req, url, body) {
  if (req.method !== "POST" || !SEND_PATHS.has(url.pathname)) return "not a send";
  if (url.searchParams.get("api-version") !== "2020-06") return "wrong api-version";
  const h = req.headers;
  if (h["servicebusnotification-format"] !== "windows") return "wrong format";
  if (h["x-wns-type"] !== "wns/toast") return "wrong X-WNS-Type";
  if (!String(h["content-type"]).startsWith("application/xml")) return "wrong Content-Type";
  if (squash(String(h["servicebusnotification-tags"])) !== squash(TAG_EXPRESSION)) {
    return "wrong tags";
  }
  if (body !== TOAST) return "wrong body";
  return undefined;
}

/**
 * The loopback hub: HTTPS with the bench certificate, verifies every request's SAS token and
 * content, answers 201 with Location and TrackingId, and counts accepted and refused requests.
 */
export function startBenchServer({ key, cert }) {
  const stats = { accepted: 0, refused: 0, lastRefusal: undefined };
  let origin = "";
  const server = createServer({ key, cert, keepAliveTimeout: 60_000 }, (req, res) => {
    const chunks = [];
    req.on("data", (chunk) => chunks.push(chunk));
    req.on("end", () => {
      const url = new URL(req.url, origin);
      const body = Buffer.concat(chunks).toString("utf8");
      const why =
        checkSasToken(req.headers.authorization, `${origin}${url.pathname}`) ??
        checkSend(req, url, body);
      if (why !== undefined) {
        stats.refused++;
        stats.lastRefusal = why;
        res.writeHead(why.includes("token") || why.includes("signature") ? 401 : 400, {
          "Content-Length": "0",
        });
        res.end();
        return;
      }
      const n = ++stats.accepted;
      const id = `NH-bench-${n}`;
      res.writeHead(201, {
        Location: `${origin}/${HUB}/messages/${id}?api-version=2020-06`,
        TrackingId: `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`,
        "x-ms-correlation-request-id": `corr-${n}`,
        "Content-Length": "0",
      });
      res.end();
    });
  });
  server.keepAliveTimeout = 60_000;
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      origin = `https://127.0.0.1:${server.address().port}`;
      resolve({
        origin,
        stats,
        reset() {
          stats.accepted = 0;
          stats.refused = 0;
          stats.lastRefusal = undefined;
        },
        close() {
          server.closeAllConnections();
          return new Promise((done) => server.close(() => done()));
        },
      });
    });
  });
}
