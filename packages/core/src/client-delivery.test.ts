import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BATCH_BOUNDARY, buildBatchBody } from "./batch-send.js";
import { formatScheduleTime } from "./direct-send.js";
import { InvalidArgumentError, ServiceError } from "./errors.js";
import { createClient } from "./index.node.js";
import { jsonAdapter, toastAdapter } from "./test-adapter.test-helper.js";
import { type CaptureServer, startCaptureServer } from "./testing/capture-server.js";

let server: CaptureServer;
beforeEach(async () => {
  server = await startCaptureServer();
});
afterEach(async () => {
  await server.close();
});

const browser = { ...jsonAdapter, format: "browser" };
function client(extra: Record<string, unknown> = {}) {
  return createClient({
    connectionString: server.connectionString(),
    hubName: "hub",
    adapters: [jsonAdapter, toastAdapter, browser],
    retry: { baseDelayMs: 1 },
    ...extra,
  });
}

describe("sendDirect", () => {
  it("sends the device handle header on ?direct", async () => {
    const c = client();
    const result = await c.sendDirect("gcm", { data: { a: "b" } }, "device-token-1");
    await c.close();
    const req = server.requests[0]!;
    expect(req.url).toBe("/hub/messages?api-version=2020-06&direct");
    expect(req.headers["servicebusnotification-devicehandle"]).toBe("device-token-1");
    expect(req.headers["servicebusnotification-format"]).toBe("gcm");
    expect(result.notificationId).toBe("capture-1");
  });

  it("adds P256DH and Auth for the browser format", async () => {
    const c = client();
    await c.sendDirect(
      "browser",
      {},
      { endpoint: "https://push.example/abc", p256dh: "KEY", auth: "AUTH" },
    );
    await c.close();
    const headers = server.requests[0]!.headers;
    expect(headers["servicebusnotification-devicehandle"]).toBe("https://push.example/abc");
    expect(headers.p256dh).toBe("KEY");
    expect(headers.auth).toBe("AUTH");
  });

  it("refuses bad handles and tags before sending", async () => {
    const c = client();
    await expect(c.sendDirect("gcm", {}, "")).rejects.toSatisfy(InvalidArgumentError.isInstance);
    await expect(c.sendDirect("browser", {}, "just-a-string")).rejects.toSatisfy(
      InvalidArgumentError.isInstance,
    );
    await expect(c.sendDirect("gcm", {}, "h", { tags: ["a"] })).rejects.toSatisfy(
      InvalidArgumentError.isInstance,
    );
    await c.close();
    expect(server.requests).toHaveLength(0);
  });
});

describe("sendBatch", () => {
  it("builds the multipart body of the wire reference exactly", () => {
    expect(
      buildBatchBody('{"aps":{"alert":"hi"}}', "application/json; charset=utf-8", [
        "handle1",
        "handle2",
      ]),
    ).toBe(
      [
        `--${BATCH_BOUNDARY}`,
        "Content-Type: application/json; charset=utf-8",
        "Content-Disposition: inline; name=notification",
        "",
        '{"aps":{"alert":"hi"}}',
        `--${BATCH_BOUNDARY}`,
        "Content-Type: application/json; charset=utf-8",
        "Content-Disposition: inline; name=devices",
        "",
        '["handle1","handle2"]',
        `--${BATCH_BOUNDARY}--`,
      ].join("\r\n"),
    );
  });

  it("puts bytes into the multipart body unchanged", () => {
    const body = buildBatchBody(new Uint8Array([0, 255, 10]), "application/octet-stream", ["h"]);
    expect(body).toBeInstanceOf(Uint8Array);
    const bytes = Buffer.from(body as Uint8Array);
    expect(bytes.indexOf(Buffer.from([0, 255, 10]))).toBeGreaterThan(0);
  });

  it("sends the format headers on the outer request with the quoted boundary", async () => {
    const c = client();
    await c.sendBatch("windows", "<toast/>", ["h1", "h2"]);
    await c.close();
    const req = server.requests[0]!;
    expect(req.url).toBe("/hub/messages/$batch?api-version=2020-06&direct");
    expect(req.headers["content-type"]).toBe(`multipart/mixed; boundary="${BATCH_BOUNDARY}"`);
    expect(req.headers["servicebusnotification-format"]).toBe("windows");
    expect(req.headers["x-wns-type"]).toBe("wns/toast");
    expect(req.text).toContain(
      "Content-Type: application/xml\r\nContent-Disposition: inline; name=notification\r\n\r\n<toast/>\r\n",
    );
    expect(req.text).toContain('["h1","h2"]');
  });

  it.each([
    [999, [999]],
    [1000, [1000]],
    [1001, [1000, 1]],
    [2500, [1000, 1000, 500]],
  ])("splits %i handles into requests of %j", async (count, sizes) => {
    const handles = Array.from({ length: count }, (_, i) => `h${i}`);
    const progress: number[] = [];
    const c = client();
    const result = await c.sendBatch("gcm", {}, handles, {
      onProgress: (p) => progress.push(p.sent),
    });
    await c.close();
    const sent = server.requests.map((r) =>
      JSON.parse(r.text.split("name=devices\r\n\r\n")[1]!.split("\r\n")[0]!),
    );
    expect(sent.map((s: string[]) => s.length).sort((a, b) => b - a)).toEqual(sizes);
    expect(sent.flat().sort()).toEqual([...handles].sort());
    expect(result).toMatchObject({ total: count, succeeded: count, failed: 0 });
    expect(result.requests.map((r) => r.handles.length)).toEqual(sizes);
    expect(progress.at(-1)).toBe(count);
    expect(result.requests.every((r) => r.result?.notificationId)).toBe(true);
  });

  it("reports one failing request with its handles while the others succeed", async () => {
    server.respond((req, i) =>
      req.text.includes('"h1000"')
        ? { status: 400, body: "<Error><Code>400</Code><Detail>bad</Detail></Error>" }
        : { status: 201, headers: { Location: `${server.url}hub/messages/$batch/b${i}?direct` } },
    );
    const handles = Array.from({ length: 2500 }, (_, i) => `h${i}`);
    const c = client({});
    const result = await c.sendBatch("gcm", {}, handles, { concurrency: 1 });
    await c.close();
    expect(result).toMatchObject({ total: 2500, succeeded: 1500, failed: 1000 });
    const [first, second, third] = result.requests;
    expect(first?.result?.notificationId).toMatch(/^b\d$/);
    expect(second?.error && ServiceError.isInstance(second.error)).toBe(true);
    expect(second?.handles[0]).toBe("h1000");
    expect(second?.handles).toHaveLength(1000);
    expect(third?.result).toBeDefined();
  });

  it("validates handles and batchSize before sending", async () => {
    const c = client();
    await expect(c.sendBatch("gcm", {}, ["ok", ""])).rejects.toThrow(/#1/);
    await expect(c.sendBatch("gcm", {}, ["a"], { batchSize: 1001 })).rejects.toThrow(/batchSize/);
    await c.close();
    expect(server.requests).toHaveLength(0);
  });

  it("honours a smaller batchSize", async () => {
    const c = client();
    const result = await c.sendBatch("gcm", {}, ["a", "b", "c"], { batchSize: 2 });
    await c.close();
    expect(result.requests.map((r) => r.handles)).toEqual([["a", "b"], ["c"]]);
  });
});

describe("scheduleSend and cancelScheduled", () => {
  it("formats the schedule time in UTC without fraction or zone", () => {
    expect(formatScheduleTime(new Date("2030-01-02T03:04:05.678+02:00"))).toBe(
      "2030-01-02T01:04:05",
    );
    expect(formatScheduleTime("2030-01-02T03:04:05Z")).toBe("2030-01-02T03:04:05");
    expect(() => formatScheduleTime("tomorrow")).toThrow(/valid Date/);
    expect(() => formatScheduleTime(new Date(Number.NaN))).toThrow(/valid Date/);
  });

  it("posts to schedulednotifications with the header and tags, and cancels by id", async () => {
    server.respond((req) =>
      req.method === "POST"
        ? {
            status: 201,
            headers: {
              Location: `${server.url}hub/schedulednotifications/sched-1?api-version=2020-06`,
            },
          }
        : { status: 200 },
    );
    const c = client();
    const result = await c.scheduleSend("gcm", {}, "2030-05-06T07:08:09Z", { tags: ["a", "b"] });
    await c.cancelScheduled(result.notificationId!);
    await c.close();
    const [post, del] = server.requests;
    expect(post?.url).toBe("/hub/schedulednotifications?api-version=2020-06");
    expect(post?.headers["servicebusnotification-scheduletime"]).toBe("2030-05-06T07:08:09");
    expect(post?.headers["servicebusnotification-tags"]).toBe("a||b");
    expect(result.notificationId).toBe("sched-1");
    expect(del?.method).toBe("DELETE");
    expect(del?.url).toBe("/hub/schedulednotifications/sched-1?api-version=2020-06");
  });
});

describe("outcome details and feedback", () => {
  it("polls while the details are not ready, then parses them", async () => {
    server.respond((_req, i) =>
      i < 2
        ? { status: 404, body: "<Error><Code>404</Code><Detail>Not found</Detail></Error>" }
        : {
            status: 200,
            body: "<NotificationDetails><NotificationId>n1</NotificationId><State>Completed</State></NotificationDetails>",
          },
    );
    const c = client();
    const details = await c.getNotificationOutcomeDetails("n1", { waitMs: 5000, intervalMs: 5 });
    await c.close();
    expect(details.state).toBe("Completed");
    expect(server.requests.map((r) => r.url)).toEqual(
      Array(3).fill("/hub/messages/n1?api-version=2020-06"),
    );
  });

  it("rejects with a 404 ServiceError when not waiting", async () => {
    server.respond(() => ({ status: 404 }));
    const c = client();
    await expect(c.getNotificationOutcomeDetails("n1")).rejects.toMatchObject({ statusCode: 404 });
    await c.close();
  });

  it("reads the feedback container URL", async () => {
    server.respond(() => ({ status: 200, body: "https://blob.example/container?sv=1&sig=abc\n" }));
    const c = client();
    await expect(c.getFeedbackContainerUrl()).resolves.toBe(
      "https://blob.example/container?sv=1&sig=abc",
    );
    await c.close();
    expect(server.requests[0]!.url).toBe("/hub/feedbackcontainer?api-version=2020-06");
  });
});
