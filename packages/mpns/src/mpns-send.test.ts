import { createClient, PayloadValidationError } from "@nhub/core";
import { useCaptureClient } from "@nhub/core/testing";
import { describe, expect, it } from "vitest";
import { sendMpnsNotification } from "./mpns-send.js";

const capture = useCaptureClient(createClient);
const lastRequest = () => capture.lastRequest();

describe("sendMpnsNotification", () => {
  it("sends a toast", async () => {
    const xml =
      '<?xml version="1.0" encoding="utf-8"?>\n<wp:Notification xmlns:wp="WPNotification"><wp:Toast><wp:Text1>Été</wp:Text1><wp:Text2>News</wp:Text2></wp:Toast></wp:Notification>';
    const result = await sendMpnsNotification(capture.client, xml, { tags: "news" });
    const request = lastRequest();
    expect(request.method).toBe("POST");
    expect(request.url).toBe("/hub/messages?api-version=2020-06");
    expect(request.headers).toMatchObject({
      "servicebusnotification-format": "windowsphone",
      "content-type": "application/xml;charset=utf-8",
      "x-windowsphone-target": "toast",
      "x-notificationclass": "2",
      "servicebusnotification-tags": "news",
    });
    expect(request.body.equals(Buffer.from(xml, "utf8"))).toBe(true);
    expect(result.notificationId).toBe(`capture-${capture.server.requests.length}`);
  });

  it("sends a tile", async () => {
    const xml =
      '<wp:Notification xmlns:wp="WPNotification" Version="2.0"><wp:Tile Id="/" Template="FlipTile"><wp:Count>5</wp:Count></wp:Tile></wp:Notification>';
    await sendMpnsNotification(capture.client, xml);
    const { headers, text } = lastRequest();
    expect(headers).toMatchObject({
      "servicebusnotification-format": "windowsphone",
      "content-type": "application/xml;charset=utf-8",
      "x-windowsphone-target": "token",
      "x-notificationclass": "1",
    });
    expect(text).toBe(xml);
  });

  it("sends raw bytes with class 3 and no target", async () => {
    const bytes = new Uint8Array([0, 1, 0xff]);
    await sendMpnsNotification(capture.client, bytes, { type: "raw" });
    const { headers, body } = lastRequest();
    expect(headers["x-notificationclass"]).toBe("3");
    expect(headers["x-windowsphone-target"]).toBeUndefined();
    expect(body.equals(Buffer.from(bytes))).toBe(true);
  });

  it("sends nothing when the payload is refused", async () => {
    const before = capture.server.requests.length;
    await expect(sendMpnsNotification(capture.client, "<toast/>")).rejects.toSatisfy((error) =>
      PayloadValidationError.isInstance(error),
    );
    expect(capture.server.requests.length).toBe(before);
  });
});
