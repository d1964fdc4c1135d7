import { createClient, type NotificationHubClient, PayloadValidationError } from "@nhub/core";
import { type CaptureServer, startCaptureServer } from "@nhub/core/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BreakingNews } from "./breaking-news-adapter.js";
import { sendBreakingNews } from "./send-breaking-news.js";

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

describe("sendBreakingNews", () => {
  it("sends a template notification tagged with the category", async () => {
    const news: BreakingNews = {
      category: "politics",
      headline: { en: "Vote today", fr: "Vote aujourd'hui" },
    };
    const result = await sendBreakingNews(client, news);
    const request = server.requests.at(-1);
    expect(request?.url).toBe("/hub/messages?api-version=2020-06");
    expect(request?.headers["servicebusnotification-format"]).toBe("template");
    expect(request?.headers["content-type"]).toBe("application/json;charset=utf-8");
    expect(request?.headers["servicebusnotification-tags"]).toBe("politics");
    expect(request?.text).toBe(
      '{"News_English":"Vote today","News_French":"Vote aujourd\'hui","News_Mandarin":"Vote today"}',
    );
    expect(result.notificationId).toBe(`capture-${server.requests.length}`);
  });

  it("sends nothing for invalid news", async () => {
    const before = server.requests.length;
    const news = { category: "gossip", headline: { en: "x" } } as unknown as BreakingNews;
    await expect(sendBreakingNews(client, news)).rejects.toSatisfy((error) =>
      PayloadValidationError.isInstance(error),
    );
    expect(server.requests.length).toBe(before);
  });
});
