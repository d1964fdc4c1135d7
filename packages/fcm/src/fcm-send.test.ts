import { createClient, PayloadValidationError } from "@nhub/core";
import { useCaptureClient } from "@nhub/core/testing";
import { describe, expect, it } from "vitest";
import { sendFcmV1Notification, sendGcmNotification } from "./fcm-send.js";
import { fcmV1 } from "./fcm-v1-adapter.js";

const capture = useCaptureClient(createClient);
const lastRequest = () => capture.lastRequest();

describe("sendFcmV1Notification", () => {
  it("sends the envelope with the fcmv1 format, without registering the adapter", async () => {
    const result = await sendFcmV1Notification(
      capture.client,
      { message: { notification: { title: "Été" }, data: { id: "7" } } },
      { tagExpression: "sports && !politics" },
    );
    const request = lastRequest();
    expect(request.method).toBe("POST");
    expect(request.url).toBe("/hub/messages?api-version=2020-06");
    expect(request.headers["servicebusnotification-format"]).toBe("fcmv1");
    expect(request.headers["content-type"]).toBe("application/json;charset=utf-8");
    expect(request.headers["servicebusnotification-tags"]).toBe("sports && !politics");
    expect(
      request.body.equals(
        Buffer.from('{"message":{"notification":{"title":"Été"},"data":{"id":"7"}}}'),
      ),
    ).toBe(true);
    expect(result.notificationId).toBe(`capture-${capture.server.requests.length}`);
  });

  it("wraps bare message text without re-serializing it", async () => {
    const bare = '{ "data" : { "a" : "1" } }';
    await sendFcmV1Notification(capture.client, bare);
    expect(lastRequest().text).toBe(`{"message":${bare}}`);
  });

  it("works through client.send with the adapter object", async () => {
    await capture.client.send(fcmV1(), '{"message":{}}', { tags: ["a", "b"] });
    const { headers, text } = lastRequest();
    expect(headers["servicebusnotification-format"]).toBe("fcmv1");
    expect(headers["servicebusnotification-tags"]).toBe("a||b");
    expect(text).toBe('{"message":{}}');
  });

  it("refuses a token before sending anything", async () => {
    const count = capture.server.requests.length;
    const error = await sendFcmV1Notification(capture.client, '{"message":{"token":"t"}}').catch(
      (caught: unknown) => caught,
    );
    expect(PayloadValidationError.isInstance(error)).toBe(true);
    expect(capture.server.requests.length).toBe(count);
  });
});

describe("sendGcmNotification", () => {
  it("sends legacy JSON with the gcm format", async () => {
    const text = '{"data":{"message":"hello"}}';
    await sendGcmNotification(capture.client, text, { tags: "legacy" });
    const { headers, body } = lastRequest();
    expect(headers["servicebusnotification-format"]).toBe("gcm");
    expect(headers["content-type"]).toBe("application/json;charset=utf-8");
    expect(headers["servicebusnotification-tags"]).toBe("legacy");
    expect(body.equals(Buffer.from(text))).toBe(true);
  });

  it("refuses registration_ids before sending anything", async () => {
    const count = capture.server.requests.length;
    const error = await sendGcmNotification(capture.client, {
      registration_ids: ["x"],
    } as never).catch((caught: unknown) => caught);
    expect((error as Error).message).toMatch(/^\[@nhub\/fcm\] registration_ids is not allowed/);
    expect(capture.server.requests.length).toBe(count);
  });
});
