import { createClient, PayloadValidationError } from "@nhub/core";
import { useCaptureClient } from "@nhub/core/testing";
import { describe, expect, it } from "vitest";
import { wns } from "./wns-adapter.js";
import { sendWindowsNotification } from "./wns-send.js";

const capture = useCaptureClient(createClient);
const lastRequest = () => capture.lastRequest();

describe("sendWindowsNotification", () => {
  it("sends a toast with root attributes after a declaration and a comment", async () => {
    const xml =
      '<?xml version="1.0" encoding="utf-8"?>\n<!-- breaking -->\n<toast launch="action=open&amp;id=7" duration="long"><visual><binding template="ToastGeneric"><text>Été</text></binding></visual></toast>';
    const result = await sendWindowsNotification(capture.client, xml, { tags: ["sports", "news"] });
    const request = lastRequest();
    expect(request.method).toBe("POST");
    expect(request.url).toBe("/hub/messages?api-version=2020-06");
    expect(request.headers["servicebusnotification-format"]).toBe("windows");
    expect(request.headers["content-type"]).toBe("application/xml");
    expect(request.headers["x-wns-type"]).toBe("wns/toast");
    expect(request.headers["servicebusnotification-tags"]).toBe("sports||news");
    expect(request.body.equals(Buffer.from(xml, "utf8"))).toBe(true);
    expect(result.notificationId).toBe(`capture-${capture.server.requests.length}`);
  });

  it("sends a badge with every WNS header", async () => {
    await sendWindowsNotification(capture.client, '<badge value="12"/>', {
      cachePolicy: "no-cache",
      ttl: 300,
      tag: "score",
      priority: 1,
      requestForStatus: true,
    });
    const { headers, text } = lastRequest();
    expect(text).toBe('<badge value="12"/>');
    expect(headers["content-type"]).toBe("application/xml");
    expect(headers).toMatchObject({
      "servicebusnotification-format": "windows",
      "x-wns-type": "wns/badge",
      "x-wns-cache-policy": "no-cache",
      "x-wns-ttl": "300",
      "x-wns-tag": "score",
      "x-wns-priority": "1",
      "x-wns-requestforstatus": "true",
    });
  });

  it("sends a tile", async () => {
    const xml =
      '<tile><visual version="2"><binding template="TileSquare150x150Text04" fallback="TileSquareText04"><text id="1">Hi</text></binding></visual></tile>';
    await sendWindowsNotification(capture.client, xml);
    const { headers, text } = lastRequest();
    expect(headers["x-wns-type"]).toBe("wns/tile");
    expect(headers["content-type"]).toBe("application/xml");
    expect(text).toBe(xml);
  });

  it("sends raw bytes unchanged as application/octet-stream", async () => {
    const bytes = new Uint8Array([0, 1, 2, 0x3c, 0xfe, 0xff]);
    await sendWindowsNotification(capture.client, bytes, { type: "raw" });
    const { headers, body } = lastRequest();
    expect(headers["servicebusnotification-format"]).toBe("windows");
    expect(headers["content-type"]).toBe("application/octet-stream");
    expect(headers["x-wns-type"]).toBe("wns/raw");
    expect(body.equals(Buffer.from(bytes))).toBe(true);
  });

  it("sends nothing when the payload is refused", async () => {
    const before = capture.server.requests.length;
    await expect(sendWindowsNotification(capture.client, "<foo/>")).rejects.toSatisfy((error) =>
      PayloadValidationError.isInstance(error),
    );
    expect(capture.server.requests.length).toBe(before);
  });
});

describe("wns() with client.send", () => {
  it("applies the factory defaults on the wire", async () => {
    await capture.client.send(wns({ ttl: 60, priority: 3 }), '<badge value="none"/>', { ttl: 90 });
    const { headers } = lastRequest();
    expect(headers["x-wns-ttl"]).toBe("90");
    expect(headers["x-wns-priority"]).toBe("3");
  });
});
