import { createClient, type NotificationHubClient, PayloadValidationError } from "@nhub/core";
import { type CaptureServer, startCaptureServer } from "@nhub/core/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { xiaomi } from "./xiaomi-adapter.js";
import { sendXiaomiNotification } from "./xiaomi-send.js";

let server: CaptureServer;
let client: NotificationHubClient;

beforeAll(async () => {
  server = await startCaptureServer();
  client = createClient({
    connectionString: server.connectionString(),
    hubName: "hub",
    retry: false,
  });
});

afterAll(async () => {
  await client.close();
  await server.close();
});

function lastRequest() {
  const request = server.requests.at(-1);
  if (!request) throw new Error("nothing was sent");
  return request;
}

describe("sendXiaomiNotification", () => {
  it("sends the payload with the xiaomi format, without registering the adapter", async () => {
    const result = await sendXiaomiNotification(
      client,
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
    expect(result.notificationId).toBe(`capture-${server.requests.length}`);
  });

  it("sends JSON text byte for byte through client.send", async () => {
    const text = '{ "title" : "x" }';
    await client.send(xiaomi(), text);
    const { headers, body } = lastRequest();
    expect(headers["servicebusnotification-format"]).toBe("xiaomi");
    expect(body.equals(Buffer.from(text))).toBe(true);
  });

  it("refuses a bad payload before sending anything", async () => {
    const count = server.requests.length;
    const error = await sendXiaomiNotification(client, "not json").catch(
      (caught: unknown) => caught,
    );
    expect(PayloadValidationError.isInstance(error)).toBe(true);
    expect(server.requests.length).toBe(count);
  });
});
