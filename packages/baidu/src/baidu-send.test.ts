import { createClient, PayloadValidationError } from "@nhub/core";
import { useCaptureClient } from "@nhub/core/testing";
import { describe, expect, it } from "vitest";
import { baidu } from "./baidu-adapter.js";
import { sendBaiduNotification } from "./baidu-send.js";

const capture = useCaptureClient(createClient);
const lastRequest = () => capture.lastRequest();

describe("sendBaiduNotification", () => {
  it("sends a notification with X-Baidu-Message-Type, without registering the adapter", async () => {
    const result = await sendBaiduNotification(
      capture.client,
      { title: "Été", description: "2-1" },
      { tags: "sports", messageType: 1 },
    );
    const request = lastRequest();
    expect(request.method).toBe("POST");
    expect(request.url).toBe("/hub/messages?api-version=2020-06");
    expect(request.headers["servicebusnotification-format"]).toBe("baidu");
    expect(request.headers["content-type"]).toBe("application/json;charset=utf-8");
    expect(request.headers["x-baidu-message-type"]).toBe("1");
    expect(request.headers["servicebusnotification-tags"]).toBe("sports");
    expect(request.body.equals(Buffer.from('{"title":"Été","description":"2-1"}'))).toBe(true);
    expect(result.notificationId).toBe(`capture-${capture.server.requests.length}`);
  });

  it("sends JSON text byte for byte with a configured adapter", async () => {
    const text = '{ "custom" : "x" }';
    await capture.client.send(baidu({ messageType: 0 }), text);
    const { headers, body } = lastRequest();
    expect(headers["x-baidu-message-type"]).toBe("0");
    expect(body.equals(Buffer.from(text))).toBe(true);
  });

  it("sends no X-Baidu-Message-Type when none is set", async () => {
    await sendBaiduNotification(capture.client, {});
    expect(lastRequest().headers["x-baidu-message-type"]).toBeUndefined();
  });

  it("refuses a bad message type before sending anything", async () => {
    const count = capture.server.requests.length;
    const error = await sendBaiduNotification(capture.client, {}, { messageType: 5 as 1 }).catch(
      (caught: unknown) => caught,
    );
    expect(PayloadValidationError.isInstance(error)).toBe(true);
    expect(capture.server.requests.length).toBe(count);
  });
});
