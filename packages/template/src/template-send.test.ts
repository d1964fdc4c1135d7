import { createClient, PayloadValidationError } from "@nhub/core";
import { useCaptureClient } from "@nhub/core/testing";
import { describe, expect, it } from "vitest";
import { sendTemplateNotification } from "./template-send.js";

const capture = useCaptureClient(createClient);
const lastRequest = () => capture.lastRequest();

describe("sendTemplateNotification", () => {
  it("sends the properties as JSON with the tags from the send options", async () => {
    const result = await sendTemplateNotification(
      capture.client,
      { News_English: "Storm ahead", News_French: "Tempête", count: 2 },
      { tags: "World" },
    );
    const request = lastRequest();
    expect(request.method).toBe("POST");
    expect(request.url).toBe("/hub/messages?api-version=2020-06");
    expect(request.headers["servicebusnotification-format"]).toBe("template");
    expect(request.headers["content-type"]).toBe("application/json;charset=utf-8");
    expect(request.headers["servicebusnotification-tags"]).toBe("World");
    expect(
      request.body.equals(
        Buffer.from('{"News_English":"Storm ahead","News_French":"Tempête","count":"2"}'),
      ),
    ).toBe(true);
    expect(result.notificationId).toBe(`capture-${capture.server.requests.length}`);
  });

  it("broadcasts when no tags are given", async () => {
    await sendTemplateNotification(capture.client, '{"title":"hi"}');
    const { headers, text } = lastRequest();
    expect(headers["servicebusnotification-tags"]).toBeUndefined();
    expect(text).toBe('{"title":"hi"}');
  });

  it("sends nothing when the payload is refused", async () => {
    const before = capture.server.requests.length;
    await expect(
      sendTemplateNotification(capture.client, { a: { b: "c" } } as never),
    ).rejects.toSatisfy((error) => PayloadValidationError.isInstance(error));
    expect(capture.server.requests.length).toBe(before);
  });
});
