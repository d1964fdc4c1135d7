import { createClient, PayloadValidationError } from "@nhub/core";
import { useCaptureClient } from "@nhub/core/testing";
import { describe, expect, it } from "vitest";
import { xiaomi } from "./xiaomi-adapter.js";
import { sendXiaomiNotification } from "./xiaomi-send.js";

const capture = useCaptureClient(createClient);
const lastRequest = () => capture.lastRequest();

describe("sendXiaomiNotification", () => {
  it("sends the payload with the xiaomi format, without registering the adapter", async () => {
    const result = await sendXiaomiNotification(
      capture.client,
      { title: "Été", description: "2-1" },
      { tags: "sports" },
    );
    const request = lastRequest();
    expect(request.method).toBe("POST");
    expect(request.url).toBe("/hub/messages?api-version=2020-06");
    expect(request.headers["servicebusnotification-format"]).toBe("xiaomi");
    expect(request.headers["content-type"]).toBe("application/json;charset=utf-8");
    expect(request.headers["servicebusnotification-tags"]).toBe("sports");
    expect(request.body.equals(Buffer.from('{"title":"Été","description":"2-1"}'))).toBe(true);
    expect(result.notificationId).toBe(`capture-${capture.server.requests.length}`);
  });

  it("sends JSON text byte for byte through client.send", async () => {
    const text = '{ "title" : "x" }';
    await capture.client.send(xiaomi(), text);
    const { headers, body } = lastRequest();
    expect(headers["servicebusnotification-format"]).toBe("xiaomi");
    expect(body.equals(Buffer.from(text))).toBe(true);
  });

  it("refuses a bad payload before sending anything", async () => {
    const count = capture.server.requests.length;
    const error = await sendXiaomiNotification(capture.client, "not json").catch(
      (caught: unknown) => caught,
    );
    expect(PayloadValidationError.isInstance(error)).toBe(true);
    expect(capture.server.requests.length).toBe(count);
  });
});
