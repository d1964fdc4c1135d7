import { describe, expect, it } from "vitest";
import {
  audienceCovers,
  checkRight,
  parseSasToken,
  type SasRule,
  verifySasToken,
} from "./sas-auth.js";

const rule: SasRule = { name: "keyName", key: "keyVal", rights: ["Listen", "Send", "Manage"] };
const KNOWN =
  "SharedAccessSignature sr=endpoint%2Fhub&sig=EGsjmHg%2FOKM5bYk5pU7ZpN5ExQRuT3VCwXuCftrmUZw%3D&se=1&skn=keyName";

describe("parseSasToken", () => {
  it("reads the four parameters in any order", () => {
    expect(parseSasToken("SharedAccessSignature skn=r&se=5&sig=a%3D&sr=x")).toEqual({
      sr: "x",
      sig: "a%3D",
      se: "5",
      skn: "r",
    });
  });

  it("refuses another scheme or a missing parameter", () => {
    expect(parseSasToken("Bearer abc")).toBeUndefined();
    expect(parseSasToken("SharedAccessSignature sr=x&se=1&skn=r")).toBeUndefined();
  });
});

describe("audienceCovers", () => {
  it("accepts the namespace root, the hub and the full path, any case and scheme", () => {
    const url = "http://127.0.0.1:5000/Demo/messages";
    expect(audienceCovers("http://127.0.0.1:5000/", url)).toBe(true);
    expect(audienceCovers("http://127.0.0.1:5000/demo", url)).toBe(true);
    expect(audienceCovers("http://127.0.0.1:5000/demo/messages", url)).toBe(true);
    expect(audienceCovers("sb://127.0.0.1:5000/", url)).toBe(true);
  });

  it("refuses another hub, a partial segment and another host", () => {
    const url = "http://127.0.0.1:5000/demo/messages";
    expect(audienceCovers("http://127.0.0.1:5000/other", url)).toBe(false);
    expect(audienceCovers("http://127.0.0.1:5000/dem", url)).toBe(false);
    expect(audienceCovers("http://localhost:5000/", url)).toBe(false);
    expect(audienceCovers("", url)).toBe(false);
  });
});

describe("verifySasToken", () => {
  it("accepts the wire reference's known token while it is valid", () => {
    const result = verifySasToken(KNOWN, {
      rules: [rule],
      requestUrls: ["endpoint/hub/messages"],
      nowSeconds: 0,
    });
    expect(result).toEqual({ ok: true, rule });
  });

  it("refuses the known token once expired", () => {
    const result = verifySasToken(KNOWN, {
      rules: [rule],
      requestUrls: ["endpoint/hub"],
      nowSeconds: 2,
    });
    expect(result).toMatchObject({
      ok: false,
      status: 401,
      detail: expect.stringMatching(/^ExpiredToken/),
    });
  });

  it("refuses a wrong signature, an unknown rule and a lower-cased signature", () => {
    const context = { rules: [rule], requestUrls: ["endpoint/hub"], nowSeconds: 0 };
    const invalid = {
      ok: false,
      status: 401,
      detail: "InvalidSignature: The token has an invalid signature.",
    };
    expect(verifySasToken(KNOWN.replace("sig=E", "sig=F"), context)).toEqual(invalid);
    expect(verifySasToken(KNOWN.replace("skn=keyName", "skn=other"), context)).toEqual(invalid);
    expect(verifySasToken(KNOWN.replace("EGsjmHg", "egsjmhg"), context)).toEqual(invalid);
    expect(verifySasToken(KNOWN, { ...context, rules: [{ ...rule, key: "other" }] })).toEqual(
      invalid,
    );
  });

  it("refuses a token whose audience does not cover the request, without echoing the signature", () => {
    const result = verifySasToken(KNOWN, {
      rules: [rule],
      requestUrls: ["endpoint/other"],
      nowSeconds: 0,
    });
    expect(result).toMatchObject({
      ok: false,
      status: 401,
      detail: expect.stringMatching(/^InvalidAudience/),
    });
    expect(JSON.stringify(result)).not.toContain("EGsjmHg");
  });

  it("refuses a missing or malformed header", () => {
    const context = { rules: [rule], requestUrls: ["endpoint/hub"], nowSeconds: 0 };
    expect(verifySasToken(undefined, context)).toMatchObject({
      status: 401,
      detail: expect.stringMatching(/^MissingToken/),
    });
    expect(verifySasToken("SharedAccessSignature x", context)).toMatchObject({
      status: 401,
      detail: expect.stringMatching(/^MalformedToken/),
    });
  });
});

describe("checkRight", () => {
  it("answers 403 without Send and 401 without Manage, as the service does", () => {
    const listen: SasRule = { name: "l", key: "k", rights: ["Listen"] };
    expect(checkRight(listen, "Send")).toEqual({
      status: 403,
      detail: "Send claim is required for this operation.",
    });
    expect(checkRight(listen, "Manage")).toEqual({
      status: 401,
      detail: "Manage claim is required for this operation.",
    });
    expect(checkRight(rule, "Manage")).toBeUndefined();
  });
});
