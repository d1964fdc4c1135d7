import { createClient, PayloadValidationError } from "@nhub/core";
import { useCaptureClient } from "@nhub/core/testing";
import { describe, expect, it } from "vitest";
import { adm } from "./adm-adapter.js";
import { sendAdmNotification } from "./adm-send.js";

const capture = useCaptureClient(createClient);
const lastRequest = () => capture.lastRequest();

describe("sendAdmNotification", () => {
  it("sends an ADM message without registering the adapter", async () => {
    const result = await sendAdmNotification(
      capture.client,
      { data: { title: "Été" }, consolidationKey: "score", expiresAfter: 3600 },
      { tags: "sports" },
    );
    const request = lastRequest();
    expect(request.method).toBe("POST");
    expect(request.url).toBe("/hub/messages?api-version=2020-06");
    expect(request.headers["servicebusnotification-format"]).toBe("adm");
    expect(request.headers["content-type"]).toBe("application/json");
    expect(request.headers["servicebusnotification-tags"]).toBe("sports");
    expect(
      request.body.equals(
        Buffer.from('{"data":{"title":"Été"},"consolidationKey":"score","expiresAfter":3600}'),
      ),
    ).toBe(true);
    expect(result.notificationId).toBe(`capture-${capture.server.requests.length}`);
  });

  it("sends JSON text byte for byte through client.send", async () => {
    const text = '{ "data": { "a": "1" } }';
    await capture.client.send(adm(), text);
    const { headers, body } = lastRequest();
    expect(headers["servicebusnotification-format"]).toBe("adm");
    expect(body.equals(Buffer.from(text))).toBe(true);
  });

  it("refuses a bad payload before sending anything", async () => {
    const count = capture.server.requests.length;
    const error = await sendAdmNotification(capture.client, '{"data":{"n":1}}').catch(
      (caught: unknown) => caught,
    );
    expect(PayloadValidationError.isInstance(error)).toBe(true);
    expect(capture.server.requests.length).toBe(count);
  });
});
