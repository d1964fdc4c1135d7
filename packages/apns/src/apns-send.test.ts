import { createClient, PayloadValidationError } from "@nhub/core";
import { useCaptureClient } from "@nhub/core/testing";
import { describe, expect, it } from "vitest";
import { apns } from "./apns-adapter.js";
import { sendAppleNotification } from "./apns-send.js";

const capture = useCaptureClient(createClient);
const lastRequest = () => capture.lastRequest();

describe("sendAppleNotification", () => {
  it("sends an object payload with every APNs header, without registering the adapter", async () => {
    const result = await sendAppleNotification(
      capture.client,
      { aps: { alert: { title: "Été", body: "Goal!" }, badge: 2 }, matchId: 7 },
      {
        tags: ["sports", "news"],
        pushType: "alert",
        priority: 10,
        expiration: new Date("2030-01-01T00:00:00Z"),
        topic: "com.example.news",
        id: "123e4567-e89b-12d3-a456-42665544000a",
        collapseId: "match-7",
      },
    );
    const request = lastRequest();
    expect(request.method).toBe("POST");
    expect(request.url).toBe("/hub/messages?api-version=2020-06");
    expect(request.headers).toMatchObject({
      "servicebusnotification-format": "apple",
      "content-type": "application/json;charset=utf-8",
      "servicebusnotification-tags": "sports||news",
      "apns-push-type": "alert",
      "apns-priority": "10",
      "apns-expiration": "1893456000",
      "apns-topic": "com.example.news",
      "apns-id": "123e4567-e89b-12d3-a456-42665544000a",
      "apns-collapse-id": "match-7",
    });
    expect(
      request.body.equals(
        Buffer.from('{"aps":{"alert":{"title":"Été","body":"Goal!"},"badge":2},"matchId":7}'),
      ),
    ).toBe(true);
    expect(result.notificationId).toBe(`capture-${capture.server.requests.length}`);
  });

  it("sends a JSON string byte for byte, never serialized twice", async () => {
    const text = '{ "aps": { "content-available": 1 } }';
    await sendAppleNotification(capture.client, text, { pushType: "background" });
    const { headers, body } = lastRequest();
    expect(body.equals(Buffer.from(text))).toBe(true);
    expect(headers["apns-push-type"]).toBe("background");
    expect(headers["apns-priority"]).toBe("5");
    expect(headers["apns-topic"]).toBeUndefined();
  });

  it("sends with a configured adapter's defaults through client.send", async () => {
    await capture.client.send(apns({ topic: "com.example.voip", pushType: "voip" }), { aps: {} });
    const { headers, text } = lastRequest();
    expect(headers["servicebusnotification-format"]).toBe("apple");
    expect(headers["apns-topic"]).toBe("com.example.voip");
    expect(headers["apns-push-type"]).toBe("voip");
    expect(text).toBe('{"aps":{}}');
  });

  it("refuses a bad payload before sending anything", async () => {
    const count = capture.server.requests.length;
    const error = await sendAppleNotification(
      capture.client,
      { aps: {} },
      { priority: 7 as 5 },
    ).catch((caught: unknown) => caught);
    expect(PayloadValidationError.isInstance(error)).toBe(true);
    expect((error as Error).message).toBe("[@nhub/apns] apns-priority must be 5 or 10, got 7");
    expect(capture.server.requests.length).toBe(count);
  });
});
