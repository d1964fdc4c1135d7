import { describe, expect, it } from "vitest";
import { NotificationHubsError } from "./errors.js";
import { createSasToken as createNodeToken } from "./index.node.js";
import { createSasToken as createWebToken } from "./index.web.js";
import { nodeHmac } from "./node-platform.js";
import { TokenCache } from "./sas-token.js";
import { webHmac } from "./web-platform.js";

describe("HMAC known answers (wire reference, section 2)", () => {
  it.each([
    ["mysecretkey", "mydata", "u0JTQtSbhCo8r7+Yr/RNiJOs7/VwDireHAXovvLBbXo="],
    ["keyVal", "endpoint%2Fhub\n1", "EGsjmHg/OKM5bYk5pU7ZpN5ExQRuT3VCwXuCftrmUZw="],
  ])("key %j signs %j", async (key, message, expected) => {
    expect(nodeHmac(key, message)).toBe(expected);
    expect(await webHmac(key, message)).toBe(expected);
  });
});

describe("createSasToken", () => {
  const known =
    "SharedAccessSignature sr=endpoint%2Fhub&sig=EGsjmHg%2FOKM5bYk5pU7ZpN5ExQRuT3VCwXuCftrmUZw%3D&se=1&skn=keyName";

  it.each([
    ["node", createNodeToken],
    ["web", createWebToken],
  ])("gives the known whole header (%s build)", async (_name, create) => {
    await expect(
      create({ resourceUri: "endpoint/hub", keyName: "keyName", key: "keyVal", expiresOn: 1 }),
    ).resolves.toBe(known);
  });

  it("lower-cases and percent-encodes the resource URI, and keeps the signature's case", async () => {
    const token = await createNodeToken({
      resourceUri: "https://NS.servicebus.windows.net/MyHub",
      keyName: "rule",
      key: "k",
      expiresOn: 1700000000,
    });
    expect(token).toMatch(
      /^SharedAccessSignature sr=https%3A%2F%2Fns\.servicebus\.windows\.net%2Fmyhub&sig=[^&]+&se=1700000000&skn=rule$/,
    );
    const sig = decodeURIComponent(/sig=([^&]+)/.exec(token)?.[1] ?? "");
    expect(sig).toBe(nodeHmac("k", "https%3A%2F%2Fns.servicebus.windows.net%2Fmyhub\n1700000000"));
  });

  it.each([
    [{ expiresOn: 1.5 }, /expiresOn/],
    [{ expiresOn: -1 }, /expiresOn/],
    [{ key: "" }, /key/],
    [{ keyName: "" }, /keyName/],
    [{ resourceUri: "" }, /resourceUri/],
  ])("refuses %j with a typed error", async (override, message) => {
    const options = {
      resourceUri: "https://a/",
      keyName: "n",
      key: "k",
      expiresOn: 1,
      ...override,
    };
    const error = await createNodeToken(options).catch((e: unknown) => e);
    expect(NotificationHubsError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(message);
  });
});

describe("TokenCache", () => {
  it("signs once and reuses the token until close to expiry", () => {
    let calls = 0;
    const counting = (key: string, message: string) => {
      calls++;
      return nodeHmac(key, message);
    };
    const cache = new TokenCache(counting, "https://ns/hub", "rule", "key", 3600);
    const first = cache.get();
    for (let i = 0; i < 1000; i++) expect(cache.get()).toBe(first);
    expect(calls).toBe(1);
  });

  it("re-signs when the cached token is within the refresh margin", () => {
    let calls = 0;
    const counting = (key: string, message: string) => {
      calls++;
      return nodeHmac(key, message);
    };
    // 60 s lifetime: margin is 30 s, so a token 31 s from expiry is fresh, 29 s is not.
    const cache = new TokenCache(counting, "https://ns/hub", "rule", "key", 60);
    const realNow = Date.now;
    try {
      const start = realNow();
      Date.now = () => start;
      const first = cache.get();
      Date.now = () => start + 29_000;
      expect(cache.get()).toBe(first);
      expect(calls).toBe(1);
      Date.now = () => start + 31_000;
      expect(typeof cache.get()).toBe("string");
      expect(calls).toBe(2);
    } finally {
      Date.now = realNow;
    }
  });

  it("shares one pending signature between concurrent callers (async HMAC)", async () => {
    let calls = 0;
    const slow = async (key: string, message: string) => {
      calls++;
      return webHmac(key, message);
    };
    const cache = new TokenCache(slow, "https://ns/hub", "rule", "key", 3600);
    const tokens = await Promise.all([cache.get(), cache.get(), cache.get()]);
    expect(new Set(tokens).size).toBe(1);
    expect(calls).toBe(1);
    expect(cache.get()).toBe(tokens[0]);
  });
});
