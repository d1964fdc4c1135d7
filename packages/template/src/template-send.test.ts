import { createClient, type NotificationHubClient, PayloadValidationError } from "@nhub/core";
import { type CaptureServer, startCaptureServer } from "@nhub/core/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sendTemplateNotification } from "./template-send.js";

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

describe("sendTemplateNotification", () => {
  it("sends the properties as JSON with the tags from the send options", async () => {
    const result = await sendTemplateNotification(
      client,
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
    expect(result.notificationId).toBe(`capture-${server.requests.length}`);
  });

  it("broadcasts when no tags are given", async () => {
    await sendTemplateNotification(client, '{"title":"hi"}');
    const { headers, text } = lastRequest();
    expect(headers["servicebusnotification-tags"]).toBeUndefined();
    expect(text).toBe('{"title":"hi"}');
  });

  it("sends nothing when the payload is refused", async () => {
    const before = server.requests.length;
    await expect(sendTemplateNotification(client, { a: { b: "c" } } as never)).rejects.toSatisfy(
      (error) => PayloadValidationError.isInstance(error),
    );
    expect(server.requests.length).toBe(before);
  });
});
