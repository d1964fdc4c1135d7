import { tracingChannel } from "node:diagnostics_channel";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { OPERATION_CHANNEL, REQUEST_CHANNEL } from "./diagnostics-types.js";
import { NetworkError, TimeoutError } from "./errors.js";
import { createClient as createNodeClient } from "./index.node.js";
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

  it("publishes nothing on nhub:operation or nhub:request", async () => {
    const seen: string[] = [];
    const listeners = [OPERATION_CHANNEL, REQUEST_CHANNEL].map((name) => {
      const record = (event: string) => () => seen.push(`${name} ${event}`);
      const handlers = {
        start: record("start"),
        end: record("end"),
        asyncStart: record("asyncStart"),
        asyncEnd: record("asyncEnd"),
        error: record("error"),
      };
      tracingChannel(name).subscribe(handlers);
      return () => tracingChannel(name).unsubscribe(handlers);
    });
    try {
      const options = {
        connectionString: server.connectionString(),
        hubName: "hub",
        adapters: [toastAdapter],
      };
      const web = createClient(options);
      await web.send("windows", "<toast/>");
      await web.close();
      expect(seen).toEqual([]);
      // The same subscribers see the Node build's send: they were listening.
      const node = createNodeClient(options);
      await node.send("windows", "<toast/>");
      await node.close();
      expect(seen).toContain(`${OPERATION_CHANNEL} asyncEnd`);
      expect(seen).toContain(`${REQUEST_CHANNEL} asyncEnd`);
    } finally {
      for (const off of listeners) off();
    }
  });
});
