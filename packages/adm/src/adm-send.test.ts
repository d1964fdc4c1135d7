import { createClient, type NotificationHubClient, PayloadValidationError } from "@nhub/core";
import { type CaptureServer, startCaptureServer } from "@nhub/core/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adm } from "./adm-adapter.js";
import { sendAdmNotification } from "./adm-send.js";

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

describe("sendAdmNotification", () => {
  it("sends an ADM message without registering the adapter", async () => {
    const result = await sendAdmNotification(
      client,
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
    expect(result.notificationId).toBe(`capture-${server.requests.length}`);
  });

  it("sends JSON text byte for byte through client.send", async () => {
    const text = '{ "data": { "a": "1" } }';
    await client.send(adm(), text);
    const { headers, body } = lastRequest();
    expect(headers["servicebusnotification-format"]).toBe("adm");
    expect(body.equals(Buffer.from(text))).toBe(true);
  });

  it("refuses a bad payload before sending anything", async () => {
    const count = server.requests.length;
    const error = await sendAdmNotification(client, '{"data":{"n":1}}').catch(
      (caught: unknown) => caught,
    );
    expect(PayloadValidationError.isInstance(error)).toBe(true);
    expect(server.requests.length).toBe(count);
  });
});
