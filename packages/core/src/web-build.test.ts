import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { NetworkError, TimeoutError } from "./errors.js";
import { createClient } from "./index.web.js";
import { toastAdapter } from "./test-adapter.test-helper.js";
import { type CaptureServer, startCaptureServer } from "./testing/capture-server.js";

let server: CaptureServer;
beforeEach(async () => {
  server = await startCaptureServer();
});
afterEach(async () => {
  await server.close();
});

describe("the web build (fetch transport, WebCrypto signing)", () => {
  it("sends the same request as the Node build", async () => {
    const client = createClient({
      connectionString: server.connectionString(),
      hubName: "hub",
      adapters: [toastAdapter],
    });
    const result = await client.send("windows", "<toast/>", { tags: ["a", "b"] });
    const again = await client.send("windows", "<toast/>");
    await client.close();
    const [req, req2] = server.requests;
    expect(req?.url).toBe("/hub/messages?api-version=2020-06");
    expect(req?.headers["servicebusnotification-tags"]).toBe("a||b");
    expect(req?.headers["x-wns-type"]).toBe("wns/toast");
    expect(req?.headers.authorization).toMatch(/^SharedAccessSignature sr=.+&sig=.+&se=\d+&skn=/);
    expect(req2?.headers.authorization).toBe(req?.headers.authorization);
    expect(result.notificationId).toBe("capture-1");
    expect(again.notificationId).toBe("capture-2");
  });

  it("times out and reports failed connections as possibly sent", async () => {
    server.respond(() => ({ delayMs: 3000 }));
    const hasty = createClient({
      connectionString: server.connectionString(),
      hubName: "hub",
      adapters: [toastAdapter],
      timeoutMs: 300,
    });
    await expect(hasty.send("windows", "<toast/>")).rejects.toSatisfy(TimeoutError.isInstance);
    // A generous time-out here, so a slow machine cannot turn the drop into a time-out.
    const patient = createClient({
      connectionString: server.connectionString(),
      hubName: "hub",
      adapters: [toastAdapter],
      timeoutMs: 10_000,
    });
    server.respond(() => ({ destroy: true }));
    const headers = { "x-test": "dropped" };
    const error = await patient.send("windows", "<toast/>", { headers }).catch((e: unknown) => e);
    expect(NetworkError.isInstance(error) && error.requestSent).toBe(true);
    // Sent once and not retried: the hub may have accepted it.
    expect(server.requests.filter((r) => r.headers["x-test"] === "dropped")).toHaveLength(1);
  });
});
