import { createHmac } from "node:crypto";
import { request } from "node:http";
import { startEmulator } from "./emulator.js";
import type { Emulator, EmulatorOptions, Installation } from "./types.js";

/** Fixed keys for tests (with `+`, `/` and `=` like real keys). */
export const KEYS = { full: "ZnVsbC1rZXk+c2VjcmV0/zz==", listen: "bGlzdGVuLWtleQ+/==" };

/** Signs a SAS token with node:crypto, independently of core. */
export function sasToken(options: {
  uri: string;
  key: string;
  rule: string;
  expiresOn?: number;
}): string {
  const sr = encodeURIComponent(options.uri.toLowerCase());
  const se = options.expiresOn ?? Math.floor(Date.now() / 1000) + 3600;
  const sig = createHmac("sha256", options.key).update(`${sr}\n${se}`).digest("base64");
  return `SharedAccessSignature sr=${sr}&sig=${encodeURIComponent(sig)}&se=${se}&skn=${options.rule}`;
}

/** A raw HTTP answer. */
export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  text: string;
}

/** Options of {@link call}. */
export interface CallOptions {
  method?: string;
  /** Path and query below the emulator root, e.g. `demo/messages?api-version=2020-06`. */
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** `full` (default), `listen`, a ready Authorization value, or false for none. */
  auth?: "full" | "listen" | false | { header: string };
}

/** Sends one raw HTTP request to the emulator, signed for the namespace root by default. */
export function call(emulator: Emulator, options: CallOptions): Promise<RawResponse> {
  const url = new URL(options.path, emulator.url);
  const headers: Record<string, string> = { ...options.headers };
  const auth = options.auth ?? "full";
  if (auth === "full" || auth === "listen") {
    headers.Authorization = sasToken({
      uri: emulator.url,
      key: auth === "full" ? KEYS.full : KEYS.listen,
      rule:
        auth === "full" ? "DefaultFullSharedAccessSignature" : "DefaultListenSharedAccessSignature",
    });
  } else if (auth !== false) {
    headers.Authorization = auth.header;
  }
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method ?? "POST", headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => {
        const out: Record<string, string> = {};
        for (const [name, value] of Object.entries(res.headers)) {
          if (value !== undefined) out[name] = Array.isArray(value) ? value.join(", ") : value;
        }
        resolve({
          status: res.statusCode ?? 0,
          headers: out,
          text: Buffer.concat(chunks).toString("utf8"),
        });
      });
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(options.body);
  });
}

/** Headers of an Apple send. */
export const APPLE = {
  "ServiceBusNotification-Format": "apple",
  "Content-Type": "application/json;charset=utf-8",
  "apns-push-type": "alert",
};

/** A JSON body for Apple. */
export const APPLE_BODY = '{"aps":{"alert":"hi"}}';

/** `POST /{hub}/messages?api-version=2020-06` with an Apple body and extra headers/query. */
export function sendApple(
  emulator: Emulator,
  extra: { headers?: Record<string, string>; query?: string; body?: string } = {},
): Promise<RawResponse> {
  return call(emulator, {
    path: `${emulator.hubName}/messages?api-version=2020-06${extra.query ?? ""}`,
    headers: { ...APPLE, ...extra.headers },
    body: extra.body ?? APPLE_BODY,
  });
}

/** Starts an emulator with the test keys. */
export function startTestEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  return startEmulator({ keys: KEYS, ...options });
}

/** An Apple installation with the given id and tags. */
export function appleDevice(
  id: string,
  tags: string[] = [],
  extra: Partial<Installation> = {},
): Installation {
  return { installationId: id, platform: "apns", pushChannel: `token-${id}`, tags, ...extra };
}

/** Waits until `check` is true, polling every few milliseconds (bounded). */
export async function waitFor(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("waitFor: condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
