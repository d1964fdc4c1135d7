import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { NotificationHubClient } from "./client.js";
import { InvalidArgumentError, ServiceError } from "./errors.js";
import {
  cancelScheduled,
  createClient,
  createSendClient,
  getFeedbackContainerUrl,
  getNotificationOutcomeDetails,
  SendClient,
  scheduleSend,
  sendBatch,
  sendDirect,
} from "./index.node.js";
import { nodePlatform } from "./node-platform.js";
import { toastAdapter } from "./test-adapter.test-helper.js";
import { type CaptureServer, startCaptureServer } from "./testing/capture-server.js";

let server: CaptureServer;
let client: SendClient;
beforeEach(async () => {
  server = await startCaptureServer();
  client = createSendClient({
    connectionString: server.connectionString(),
    hubName: "hub",
    adapters: [toastAdapter],
    retry: false,
  });
});
afterEach(async () => {
  await client.close();
  await server.close();
});

describe("createSendClient: the send-only client", () => {
  it("is a SendClient without the methods of the full client", () => {
    expect(client).toBeInstanceOf(SendClient);
    expect(client).not.toBeInstanceOf(NotificationHubClient);
    expect("sendBatch" in client).toBe(false);
    expect("getNotificationOutcomeDetails" in client).toBe(false);
    const full = createClient({ connectionString: server.connectionString(), hubName: "hub" });
    expect(full).toBeInstanceOf(SendClient);
    expect(typeof full.sendBatch).toBe("function");
  });

  it("sends exactly what the full client sends", async () => {
    const full = createClient({
      connectionString: server.connectionString(),
      hubName: "hub",
      adapters: [toastAdapter],
    });
    const options = { tagExpression: "a || b && c" };
    const lean = await client.send("windows", "<toast/>", options);
    await full.send("windows", "<toast/>", options);
    await full.close();
    const [first, second] = server.requests;
    expect(first?.url).toBe("/hub/messages?api-version=2020-06");
    expect(first?.headers["servicebusnotification-tags"]).toBe("a || (b && c)");
    const { authorization: _a, ...leanHeaders } = first?.headers ?? {};
    const { authorization: _b, ...fullHeaders } = second?.headers ?? {};
    expect(leanHeaders).toEqual(fullHeaders);
    expect(first?.text).toBe(second?.text);
    expect(lean.notificationId).toBe("capture-1");
  });

  it("validates its options like createClient, before any byte is sent", () => {
    expect(() => createSendClient({ connectionString: "x", hubName: "hub" })).toThrow(
      /Invalid connection string/,
    );
    expect(() =>
      createSendClient({ connectionString: server.connectionString(), hubName: " " }),
    ).toThrow(InvalidArgumentError);
    expect(server.requests).toHaveLength(0);
  });
});

describe("the operations as standalone functions, with a send-only client", () => {
  it("sendDirect and scheduleSend address the same endpoints as the methods", async () => {
    await sendDirect(client, "windows", "<toast/>", "handle-1");
    await scheduleSend(client, "windows", "<toast/>", new Date("2030-01-02T03:04:05Z"));
    expect(server.requests[0]?.url).toBe("/hub/messages?api-version=2020-06&direct");
    expect(server.requests[0]?.headers["servicebusnotification-devicehandle"]).toBe("handle-1");
    expect(server.requests[1]?.url).toBe("/hub/schedulednotifications?api-version=2020-06");
    expect(server.requests[1]?.headers["servicebusnotification-scheduletime"]).toBe(
      "2030-01-02T03:04:05",
    );
  });

  it("sendBatch splits the handles and reports every request", async () => {
    const handles = Array.from({ length: 5 }, (_, i) => `h${i}`);
    const result = await sendBatch(client, "windows", "<toast/>", handles, { batchSize: 2 });
    expect(result.requests.map((r) => r.handles.length)).toEqual([2, 2, 1]);
    expect(
      server.requests.every((r) => r.url.endsWith("/messages/$batch?api-version=2020-06&direct")),
    ).toBe(true);
  });

  it("cancelScheduled, getFeedbackContainerUrl and getNotificationOutcomeDetails", async () => {
    server.respond((req) => {
      if (req.method === "DELETE") return { status: 200 };
      if (req.url.startsWith("/hub/feedbackcontainer")) {
        return { status: 200, body: "https://blob.example/c?sv=1\n" };
      }
      return {
        status: 200,
        body: "<NotificationDetails><NotificationId>n1</NotificationId><State>Completed</State></NotificationDetails>",
      };
    });
    await cancelScheduled(client, "id/1");
    expect(server.requests[0]?.url).toBe("/hub/schedulednotifications/id%2F1?api-version=2020-06");
    expect(await getFeedbackContainerUrl(client)).toBe("https://blob.example/c?sv=1");
    const details = await getNotificationOutcomeDetails(client, "n1");
    expect(details.state).toBe("Completed");
    await expect(cancelScheduled(client, " ")).rejects.toBeInstanceOf(InvalidArgumentError);
  });

  it("errors from the service reach the caller as ServiceError", async () => {
    server.respond(() => ({
      status: 404,
      body: "<Error><Code>404</Code><Detail>gone</Detail></Error>",
    }));
    const error = await cancelScheduled(client, "x").catch((e: unknown) => e);
    expect(ServiceError.isInstance(error) && error.detail).toBe("gone");
  });
});

describe("close()", () => {
  it("called twice, returns the first result and releases the connections once", async () => {
    let closes = 0;
    const platform = {
      ...nodePlatform,
      createTransport: (options: Parameters<typeof nodePlatform.createTransport>[0]) => {
        const transport = nodePlatform.createTransport(options);
        return {
          request: transport.request.bind(transport),
          close: async () => {
            closes++;
            await transport.close?.();
          },
        };
      },
    };
    const own = new SendClient(
      { connectionString: server.connectionString(), hubName: "hub", adapters: [toastAdapter] },
      platform,
    );
    server.respond(() => ({ status: 201, delayMs: 100 }));
    const sent = own.send("windows", "<toast/>");
    const [first, second] = await Promise.all([own.close(), own.close({ deadlineMs: 0 })]);
    expect(first).toEqual({ finished: 1, aborted: 0 });
    expect(second).toBe(first);
    await expect(sent).resolves.toBeDefined();
    expect(closes).toBe(1);
  });
});
