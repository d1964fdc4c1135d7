import { assertAdapter, PayloadValidationError } from "@nhub/core";
import { describeAdapterConformance } from "@nhub/core/testing";
import { describe, expect, it } from "vitest";
import { WNS_MAX_BYTES, type WnsSendOptions, wns } from "./wns-adapter.js";

const TOAST =
  '<toast launch="app"><visual><binding template="ToastGeneric"><text>Hi</text></binding></visual></toast>';
const TILE =
  '<tile><visual version="2"><binding template="TileSquare150x150Text04"><text id="1">Hi</text></binding></visual></tile>';
const BADGE = '<badge value="7"/>';

/** A toast of exactly `bytes` UTF-8 bytes, padded with two-byte characters. */
function toastOf(bytes: number): string {
  const open = "<toast><visual><binding template='ToastGeneric'><text>";
  const close = "</text></binding></visual></toast>";
  const fill = bytes - open.length - close.length;
  return `${open}${"é".repeat(Math.floor(fill / 2))}${fill % 2 ? "a" : ""}${close}`;
}

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(PayloadValidationError.isInstance(error)).toBe(true);
    return (error as Error).message;
  }
  throw new Error("not refused");
}

describeAdapterConformance(wns(), {
  valid: [
    { name: "toast", payload: TOAST },
    { name: "tile", payload: TILE },
    {
      name: "badge with options",
      payload: BADGE,
      options: { ttl: 60, priority: 1, cachePolicy: "cache" },
    },
    { name: "raw text", payload: "ping", options: { type: "raw" } },
    { name: "raw bytes", payload: new Uint8Array([0, 1, 255]), options: { type: "raw" } },
  ],
  invalid: [
    { name: "other root", payload: "<foo/>" },
    { name: "malformed", payload: "<toast>" },
    { name: "bytes without raw", payload: new Uint8Array([60]) },
    { name: "too large", payload: toastOf(WNS_MAX_BYTES + 1) },
    { name: "type mismatch", payload: TOAST, options: { type: "tile" } },
    { name: "bad ttl", payload: TOAST, options: { ttl: 0 } },
  ],
});

describe("wns()", () => {
  it("is a frozen v1 adapter for the windows format", () => {
    const adapter = wns();
    expect(assertAdapter(adapter)).toBe(adapter);
    expect(adapter).toMatchObject({
      specificationVersion: "v1",
      format: "windows",
      name: "@nhub/wns",
    });
    expect(Object.isFrozen(adapter)).toBe(true);
  });

  it.each([
    ["toast", TOAST],
    ["tile", TILE],
    ["badge", BADGE],
  ])("infers wns/%s from the root element and sends the XML unchanged", (type, xml) => {
    expect(wns().prepare(xml, {})).toEqual({
      body: xml,
      contentType: "application/xml",
      headers: { "X-WNS-Type": `wns/${type}` },
    });
  });

  it("infers the type of a root with attributes after a BOM, declaration, comment and PI", () => {
    const xml =
      '\ufeff<?xml version="1.0" encoding="utf-8"?>\n<!-- news -->\n<?app x?>\n<toast launch="x" scenario="reminder"><visual/></toast>\n';
    expect(wns().prepare(xml, {}).headers).toEqual({ "X-WNS-Type": "wns/toast" });
  });

  it("refuses another root naming the root found", () => {
    expect(refusal(() => wns().prepare("<foo><bar/></foo>", {}))).toBe(
      "[@nhub/wns] the root element must be <toast>, <tile> or <badge>; found <foo>",
    );
    expect(refusal(() => wns().prepare("<Toast/>", {}))).toContain("found <Toast>");
  });

  it("refuses malformed XML", () => {
    expect(refusal(() => wns().prepare("<toast><visual></toast>", {}))).toContain(
      "not well-formed XML",
    );
  });

  it("accepts an explicit type that matches the root and refuses one that does not", () => {
    expect(wns().prepare(TILE, { type: "tile" }).headers).toEqual({ "X-WNS-Type": "wns/tile" });
    expect(refusal(() => wns().prepare(TOAST, { type: "badge" }))).toBe(
      "[@nhub/wns] the root element must be <badge> (option type); found <toast>",
    );
    expect(refusal(() => wns({ type: "tile" }).prepare(BADGE, {}))).toContain(
      "must be <tile> (option type); found <badge>",
    );
  });

  it("sends raw text and bytes as application/octet-stream without checking XML", () => {
    const bytes = new Uint8Array([0, 60, 255]);
    expect(wns().prepare(bytes, { type: "raw" })).toEqual({
      body: bytes,
      contentType: "application/octet-stream",
      headers: { "X-WNS-Type": "wns/raw" },
    });
    expect(wns({ type: "raw" }).prepare("<not xml", {}).body).toBe("<not xml");
  });

  it("refuses non-string payloads for XML types and non-text, non-bytes payloads for raw", () => {
    expect(refusal(() => wns().prepare(new Uint8Array([1]), {}))).toBe(
      '[@nhub/wns] the payload must be a string (or a Uint8Array with type "raw"); got an object',
    );
    expect(refusal(() => wns().prepare({ toast: 1 } as never, { type: "raw" }))).toBe(
      '[@nhub/wns] the payload must be a string (or a Uint8Array with type "raw"); got an object',
    );
    expect(refusal(() => wns().prepare(42 as never, {}))).toContain("got 42");
  });

  it.each([
    ["an XML toast", toastOf(5120), toastOf(5121), {}],
    ["a raw string", "é".repeat(2560), `${"é".repeat(2560)}a`, { type: "raw" }],
    ["raw bytes", new Uint8Array(5120), new Uint8Array(5121), { type: "raw" }],
  ] as const)("accepts %s of exactly 5120 bytes and refuses 5121", (_name, fits, over, options) => {
    expect(Buffer.byteLength(fits)).toBe(WNS_MAX_BYTES);
    expect(wns().prepare(fits, { ...options }).body).toBe(fits);
    expect(refusal(() => wns().prepare(over, { ...options }))).toBe(
      "[@nhub/wns] the body is 5121 bytes; WNS accepts at most 5120",
    );
  });

  it("maps every option to its header", () => {
    const options: WnsSendOptions = {
      cachePolicy: "no-cache",
      ttl: 86400,
      tag: "1234567890abcdef",
      priority: 4,
      requestForStatus: true,
    };
    expect(wns().prepare(BADGE, options).headers).toEqual({
      "X-WNS-Type": "wns/badge",
      "X-WNS-Cache-Policy": "no-cache",
      "X-WNS-TTL": "86400",
      "X-WNS-Tag": "1234567890abcdef",
      "X-WNS-PRIORITY": "4",
      "X-WNS-RequestForStatus": "true",
    });
  });

  it("uses factory options as defaults that per-send options override", () => {
    const adapter = wns({ ttl: 60, priority: 2, requestForStatus: true, cachePolicy: "cache" });
    expect(
      adapter.prepare(BADGE, { ttl: 120, requestForStatus: false, tags: "sports" }).headers,
    ).toEqual({
      "X-WNS-Type": "wns/badge",
      "X-WNS-Cache-Policy": "cache",
      "X-WNS-TTL": "120",
      "X-WNS-PRIORITY": "2",
    });
    expect(adapter.prepare(BADGE, {}).headers?.["X-WNS-TTL"]).toBe("60");
  });

  it("ignores send options it does not know", () => {
    const options = {
      tags: ["a"],
      test: true,
      headers: { "X-Custom": "1" },
      other: 1,
    } as WnsSendOptions;
    expect(wns().prepare(BADGE, options).headers).toEqual({ "X-WNS-Type": "wns/badge" });
  });

  it.each([
    [{ type: "xml" }, 'option type must be "toast", "tile", "badge" or "raw"; got "xml"'],
    [{ cachePolicy: "nocache" }, 'option cachePolicy must be "cache" or "no-cache"; got "nocache"'],
    [{ ttl: 0 }, "option ttl must be a positive integer; got 0"],
    [{ ttl: 2 ** 53 }, "got 9007199254740992"],
    [{ ttl: 1e21 }, "got 1e+21"],
    [{ ttl: 5n }, "got 5n"],
    [{ ttl: 1.5 }, "got 1.5"],
    [{ ttl: "60" }, 'got "60"'],
    [{ tag: "" }, 'option tag must be 1 to 16 printable ASCII characters, no spaces; got ""'],
    [{ tag: "a\n" }, 'got "a\\n"'],
    [{ tag: 1 }, "got 1"],
    [{ tag: "12345678901234567" }, 'got "12345678901234567"'],
    [{ tag: "a b" }, 'got "a b"'],
    [{ tag: "été" }, 'got "été"'],
    [{ priority: 0 }, "option priority must be 1 to 4; got 0"],
    [{ priority: "1" }, 'got "1"'],
    [{ cachePolicy: { toString: (): string => "cache" } }, "got an object"],
    [{ type: Object.create(null) }, "got an object"],
    [{ type: Symbol("toast") }, "got Symbol(toast)"],
    [{ priority: 5 }, "got 5"],
    [{ requestForStatus: "true" }, 'option requestForStatus must be true or false; got "true"'],
  ])("refuses option %o per send and as a default", (option, message) => {
    expect(refusal(() => wns().prepare(BADGE, option as WnsSendOptions))).toContain(message);
    expect(refusal(() => wns(option as WnsSendOptions))).toMatch(/^\[@nhub\/wns\] option /);
  });

  it("accepts the boundary values of every option", () => {
    for (const options of [
      { ttl: 1 },
      { priority: 1 },
      { tag: "a" },
      { tag: "~".repeat(16) },
      { tag: '"\\'.repeat(8) },
      { ttl: Number.MAX_SAFE_INTEGER },
      { requestForStatus: false },
    ]) {
      expect(() => wns(options as WnsSendOptions).prepare(BADGE, {})).not.toThrow();
    }
    expect(wns().prepare(BADGE, { requestForStatus: false }).headers).toEqual({
      "X-WNS-Type": "wns/badge",
    });
  });
});

describe("wns(): the last payload is remembered, never trusted blindly", () => {
  const toast =
    '<toast><visual><binding template="ToastGeneric"><text>Hi</text></binding></visual></toast>';

  it("prepares a repeated payload to the same result, and still checks every new one", () => {
    const adapter = wns();
    const first = adapter.prepare(toast, {});
    const again = adapter.prepare(`${toast}`, {});
    expect(again).toEqual(first);
    expect(() => adapter.prepare("<toast><visual></toast>", {})).toThrow(PayloadValidationError);
    expect(() => adapter.prepare("<tile/><tile/>", {})).toThrow(PayloadValidationError);
    expect(adapter.prepare("<badge value='1'/>", {}).headers?.["X-WNS-Type"]).toBe("wns/badge");
    expect(adapter.prepare(toast, {})).toEqual(first);
  });

  it("checks per-send options even for the remembered payload", () => {
    const adapter = wns();
    adapter.prepare(toast, {});
    expect(() => adapter.prepare(toast, { type: "tile" })).toThrow(/option type/);
    expect(() => adapter.prepare(toast, { ttl: -1 } as WnsSendOptions)).toThrow(/ttl/);
    expect(adapter.prepare(toast, { ttl: 60 }).headers).toMatchObject({ "X-WNS-TTL": "60" });
    expect(adapter.prepare(toast, {}).headers).not.toHaveProperty("X-WNS-TTL");
  });

  it("does not remember raw payloads", () => {
    const adapter = wns({ type: "raw" });
    expect(adapter.prepare("hello", {}).contentType).toBe("application/octet-stream");
    expect(adapter.prepare("hello", {}).contentType).toBe("application/octet-stream");
  });
});
