import { assertAdapter, PayloadValidationError } from "@nhub/core";
import { describeAdapterConformance } from "@nhub/core/testing";
import { describe, expect, it } from "vitest";
import { MPNS_MAX_BYTES, MPNS_RAW_MAX_BYTES, type MpnsSendOptions, mpns } from "./mpns-adapter.js";

const TOAST =
  '<?xml version="1.0" encoding="utf-8"?><wp:Notification xmlns:wp="WPNotification"><wp:Toast><wp:Text1>Breaking</wp:Text1><wp:Text2>News</wp:Text2><wp:Param>/Page.xaml?id=1&amp;x=2</wp:Param></wp:Toast></wp:Notification>';
const TILE =
  '<wp:Notification xmlns:wp="WPNotification" Version="2.0"><wp:Tile Id="/" Template="FlipTile"><wp:Title>Hi</wp:Title><wp:Count>3</wp:Count></wp:Tile></wp:Notification>';

/** A toast of exactly `bytes` UTF-8 bytes, padded with two-byte characters. */
function toastOf(bytes: number): string {
  const open = '<wp:Notification xmlns:wp="WPNotification"><wp:Toast><wp:Text1>';
  const close = "</wp:Text1></wp:Toast></wp:Notification>";
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

describeAdapterConformance(mpns(), {
  valid: [
    { name: "toast", payload: TOAST },
    { name: "tile", payload: TILE },
    { name: "raw", payload: "ping", options: { type: "raw" } },
    {
      name: "raw bytes",
      payload: new Uint8Array([1, 2]),
      options: { type: "raw", batchingInterval: 900 },
    },
  ],
  invalid: [
    { name: "WNS toast", payload: "<toast/>" },
    { name: "malformed", payload: "<wp:Notification" },
    { name: "too large", payload: toastOf(MPNS_MAX_BYTES + 1) },
    {
      name: "raw too large",
      payload: "x".repeat(MPNS_RAW_MAX_BYTES + 1),
      options: { type: "raw" },
    },
    { name: "type mismatch", payload: TOAST, options: { type: "tile" } },
  ],
});

describe("mpns()", () => {
  it("is a frozen v1 adapter for the windowsphone format", () => {
    const adapter = mpns();
    expect(assertAdapter(adapter)).toBe(adapter);
    expect(adapter).toMatchObject({
      specificationVersion: "v1",
      format: "windowsphone",
      name: "@nhub/mpns",
    });
    expect(Object.isFrozen(adapter)).toBe(true);
  });

  it("sends a toast to target toast, class 2", () => {
    expect(mpns().prepare(TOAST, {})).toEqual({
      body: TOAST,
      contentType: "application/xml;charset=utf-8",
      headers: { "X-WindowsPhone-Target": "toast", "X-NotificationClass": "2" },
    });
  });

  it("sends a tile to target token, class 1", () => {
    expect(mpns().prepare(TILE, {}).headers).toEqual({
      "X-WindowsPhone-Target": "token",
      "X-NotificationClass": "1",
    });
  });

  it("sends raw text or bytes with class 3 and no target", () => {
    const bytes = new Uint8Array([0, 255]);
    expect(mpns().prepare(bytes, { type: "raw" })).toEqual({
      body: bytes,
      contentType: "application/xml;charset=utf-8",
      headers: { "X-NotificationClass": "3" },
    });
    expect(mpns({ type: "raw" }).prepare("not <xml", {}).body).toBe("not <xml");
  });

  it("identifies elements by namespace, whatever the prefix", () => {
    const other = '<p:Notification xmlns:p="WPNotification"><p:Tile/></p:Notification>';
    expect(mpns().prepare(other, {}).headers?.["X-WindowsPhone-Target"]).toBe("token");
    const unprefixed =
      '<Notification xmlns="WPNotification"><Toast><Text1>x</Text1></Toast></Notification>';
    expect(mpns().prepare(unprefixed, {}).headers?.["X-WindowsPhone-Target"]).toBe("toast");
    const declaredOnChild =
      '<a:Notification xmlns:a="WPNotification"><b:Toast xmlns:b="WPNotification"/></a:Notification>';
    expect(mpns().prepare(declaredOnChild, {}).headers?.["X-NotificationClass"]).toBe("2");
  });

  it.each([
    [
      "a WNS toast",
      "<toast/>",
      'the root element must be <wp:Notification xmlns:wp="WPNotification">; found <toast> in no namespace',
    ],
    [
      "an undeclared prefix",
      "<wp:Notification><wp:Toast/></wp:Notification>",
      "found <wp:Notification> in no namespace",
    ],
    [
      "another namespace",
      '<wp:Notification xmlns:wp="urn:other"><wp:Toast/></wp:Notification>',
      'found <wp:Notification> in namespace "urn:other"',
    ],
    [
      "the wrong local name",
      '<wp:Notify xmlns:wp="WPNotification"/>',
      'found <wp:Notify> in namespace "WPNotification"',
    ],
    [
      "no child",
      '<wp:Notification xmlns:wp="WPNotification"/>',
      "must hold exactly one <wp:Toast> or <wp:Tile>; found nothing",
    ],
    [
      "another child",
      '<wp:Notification xmlns:wp="WPNotification"><wp:Raw/></wp:Notification>',
      'found <wp:Raw> in namespace "WPNotification"',
    ],
    [
      "a child in no namespace",
      '<wp:Notification xmlns:wp="WPNotification"><Toast/></wp:Notification>',
      "found <Toast> in no namespace",
    ],
    [
      "two children",
      '<wp:Notification xmlns:wp="WPNotification"><wp:Toast/><wp:Tile/></wp:Notification>',
      'found <wp:Toast> in namespace "WPNotification", <wp:Tile>',
    ],
  ])("refuses %s", (_name, xml, message) => {
    expect(refusal(() => mpns().prepare(xml, {}))).toContain(message);
  });

  it("refuses malformed XML", () => {
    expect(
      refusal(() => mpns().prepare('<wp:Notification xmlns:wp="WPNotification"><wp:Toast>', {})),
    ).toContain("[@nhub/mpns] the payload is not well-formed XML");
  });

  it("accepts an explicit type that matches and refuses one that does not", () => {
    expect(mpns().prepare(TOAST, { type: "toast" }).headers?.["X-NotificationClass"]).toBe("2");
    expect(refusal(() => mpns().prepare(TOAST, { type: "tile" }))).toBe(
      '[@nhub/mpns] option type is "tile" but the payload holds <wp:Toast>',
    );
    expect(refusal(() => mpns({ type: "toast" }).prepare(TILE, {}))).toContain("holds <wp:Tile>");
  });

  it.each([
    ["immediate", "2", "1", "3"],
    [450, "12", "11", "13"],
    [900, "22", "21", "23"],
  ] as const)(
    "maps batchingInterval %s to the notification classes",
    (interval, toast, tile, raw) => {
      const adapter = mpns({ batchingInterval: interval });
      expect(adapter.prepare(TOAST, {}).headers?.["X-NotificationClass"]).toBe(toast);
      expect(adapter.prepare(TILE, {}).headers?.["X-NotificationClass"]).toBe(tile);
      expect(adapter.prepare("r", { type: "raw" }).headers?.["X-NotificationClass"]).toBe(raw);
    },
  );

  it("uses factory options as defaults that per-send options override", () => {
    expect(
      mpns({ batchingInterval: 900 }).prepare(TOAST, { batchingInterval: "immediate" }).headers,
    ).toEqual({
      "X-WindowsPhone-Target": "toast",
      "X-NotificationClass": "2",
    });
  });

  it.each([
    [{ type: "badge" }, 'option type must be "toast", "tile" or "raw"; got "badge"'],
    [{ batchingInterval: 60 }, 'option batchingInterval must be "immediate", 450 or 900; got 60'],
    [{ batchingInterval: "450" }, 'got "450"'],
  ])("refuses option %o per send and as a default", (option, message) => {
    expect(refusal(() => mpns().prepare(TOAST, option as MpnsSendOptions))).toContain(message);
    expect(refusal(() => mpns(option as MpnsSendOptions))).toContain(message);
  });

  it("refuses payloads of the wrong kind", () => {
    expect(refusal(() => mpns().prepare(new Uint8Array(1), {}))).toBe(
      '[@nhub/mpns] the payload must be an XML string (or use type "raw" for bytes); got an object',
    );
    expect(refusal(() => mpns().prepare(null as never, { type: "raw" }))).toBe(
      "[@nhub/mpns] the payload must be a string or a Uint8Array; got null",
    );
  });

  it("accepts a toast of exactly 3072 bytes and refuses 3073", () => {
    expect(Buffer.byteLength(toastOf(3072))).toBe(MPNS_MAX_BYTES);
    expect(mpns().prepare(toastOf(3072), {}).body).toBe(toastOf(3072));
    expect(refusal(() => mpns().prepare(toastOf(3073), {}))).toBe(
      "[@nhub/mpns] the body is 3073 bytes; MPNS accepts at most 3072",
    );
  });

  it("accepts raw bodies of exactly 1024 bytes and refuses 1025", () => {
    expect(mpns().prepare("é".repeat(512), { type: "raw" }).body).toBe("é".repeat(512));
    expect(mpns().prepare(new Uint8Array(1024), { type: "raw" }).headers).toEqual({
      "X-NotificationClass": "3",
    });
    for (const over of [`${"é".repeat(512)}a`, new Uint8Array(1025)]) {
      expect(refusal(() => mpns().prepare(over, { type: "raw" }))).toBe(
        "[@nhub/mpns] the body is 1025 bytes; MPNS accepts at most 1024 for raw",
      );
    }
  });
});
