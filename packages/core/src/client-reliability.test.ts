import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AbortError, NetworkError, ServiceError, TimeoutError } from "./errors.js";
import { createClient } from "./index.node.js";
import { jsonAdapter } from "./test-adapter.test-helper.js";
import { type CaptureServer, startCaptureServer, TEST_KEY } from "./testing/capture-server.js";

let server: CaptureServer;
beforeEach(async () => {
  server = await startCaptureServer();
});
afterEach(async () => {
  await server.close();
});

const fast = { maxRetries: 3, baseDelayMs: 1, maxDelayMs: 5 };
function client(extra: Record<string, unknown> = {}) {
  return createClient({
    connectionString: server.connectionString(),
    hubName: "hub",
    adapters: [jsonAdapter],
    retry: fast,
    ...extra,
  });
}

/** Answers the first `n` requests with `failure`, then 201. */
function failFirst(
  n: number,
  failure: { status: number; headers?: Record<string, string>; body?: string },
) {
  const start = server.requests.length;
  server.respond((_r, i) =>
    i - start < n
      ? failure
      : { status: 201, headers: { Location: `${server.url}hub/messages/ok` } },
  );
}

const recorded401 =
  "<Error><Code>401</Code><Detail>InvalidSignature: The token has an invalid signature..TrackingId:7f195ef5-b950-46ab-bdaa-e07cd5a203cf_G19,TimeStamp:7/2/2020 6:33:21 PM</Detail></Error>";

describe("service errors", () => {
  it("carries the fields of a real error body", async () => {
    server.respond(() => ({
      status: 401,
      headers: {
        "Content-Type": "application/xml; charset=utf-8",
        TrackingId: "7f195ef5-b950-46ab-bdaa-e07cd5a203cf_G19",
        "x-ms-correlation-request-id": "corr-1",
      },
      body: recorded401,
    }));
    const c = client();
    const error = (await c.send("gcm", {}).catch((e: unknown) => e)) as ServiceError;
    await c.close();
    expect(ServiceError.isInstance(error)).toBe(true);
    expect(error.code).toBe("SERVICE_ERROR");
    expect(error.statusCode).toBe(401);
    expect(error.detail).toBe(
      "InvalidSignature: The token has an invalid signature..TrackingId:7f195ef5-b950-46ab-bdaa-e07cd5a203cf_G19,TimeStamp:7/2/2020 6:33:21 PM",
    );
    expect(error.trackingId).toBe("7f195ef5-b950-46ab-bdaa-e07cd5a203cf_G19");
    expect(error.correlationId).toBe("corr-1");
    expect(error.isRetryable).toBe(false);
    expect(error.message).toBe(
      "Send failed: the hub answered 401: InvalidSignature: The token has an invalid signature. Hint: Check the SharedAccessKeyName/SharedAccessKey of the connection string and that the rule has the right (Send, Listen or Manage) for this operation. (TrackingId 7f195ef5-b950-46ab-bdaa-e07cd5a203cf_G19)",
    );
    expect(server.requests).toHaveLength(1);
  });

  it("writes a detail without a period and one that is only a TrackingId cleanly", async () => {
    const bodies = [
      "<Error><Code>404</Code><Detail>Installation not found.TrackingId:cc8c_G3,TimeStamp:11/7/2018 12:18:37 AM</Detail></Error>",
      "<Error><Code>404</Code><Detail>.TrackingId:26fc_G6,TimeStamp:11/7/2018 12:18:30 AM</Detail></Error>",
    ];
    const messages: string[] = [];
    for (const body of bodies) {
      server.respond(() => ({ status: 404, headers: { "Content-Type": "application/xml" }, body }));
      const c = client();
      const error = (await c.send("gcm", {}).catch((e: unknown) => e)) as ServiceError;
      await c.close();
      messages.push(error.message);
    }
    expect(messages).toEqual([
      "Send failed: the hub answered 404: Installation not found. Hint: Check the hub name and the id in the request. (TrackingId cc8c_G3)",
      "Send failed: the hub answered 404. Hint: Check the hub name and the id in the request. (TrackingId 26fc_G6)",
    ]);
  });

  it("handles an empty error body (newer front ends)", async () => {
    server.respond(() => ({ status: 403 }));
    const c = client();
    const error = (await c.send("gcm", {}).catch((e: unknown) => e)) as ServiceError;
    await c.close();
    expect(error.statusCode).toBe(403);
    expect(error.detail).toBeUndefined();
    expect(server.requests).toHaveLength(1);
  });
});

describe("retries", () => {
  it("retries 429 after Retry-After (seconds) and succeeds", async () => {
    failFirst(1, { status: 429, headers: { "Retry-After": "0" } });
    const c = client();
    await expect(c.send("gcm", {})).resolves.toMatchObject({ notificationId: "ok" });
    await c.close();
    expect(server.requests).toHaveLength(2);
  });

  it("honours Retry-After given as an HTTP date", async () => {
    failFirst(1, {
      status: 429,
      headers: { "Retry-After": new Date(Date.now() - 1000).toUTCString() },
    });
    const c = client();
    await c.send("gcm", {});
    await c.close();
    expect(server.requests).toHaveLength(2);
  });

  it("gives up at once when Retry-After is above the cap", async () => {
    failFirst(5, { status: 429, headers: { "Retry-After": "120" } });
    const c = client();
    const error = (await c.send("gcm", {}).catch((e: unknown) => e)) as ServiceError;
    await c.close();
    expect(error.statusCode).toBe(429);
    expect(error.retryAfterMs).toBe(120_000);
    expect(error.isRetryable).toBe(true);
    expect(server.requests).toHaveLength(1);
  });

  it("retries 503 with backoff, at most 3 times", async () => {
    failFirst(10, { status: 503 });
    const c = client();
    const error = (await c.send("gcm", {}).catch((e: unknown) => e)) as ServiceError;
    await c.close();
    expect(error.statusCode).toBe(503);
    expect(server.requests).toHaveLength(4);
  });

  it("retries 403 only with Retry-After", async () => {
    failFirst(1, { status: 403, headers: { "Retry-After": "0" } });
    const c = client();
    await c.send("gcm", {});
    expect(server.requests).toHaveLength(2);
    failFirst(1, { status: 403 });
    await expect(c.send("gcm", {})).rejects.toMatchObject({ statusCode: 403 });
    await c.close();
    expect(server.requests).toHaveLength(3);
  });

  it("does not retry a send after 500 (it may have been accepted)", async () => {
    failFirst(1, { status: 500 });
    const c = client();
    await expect(c.send("gcm", {})).rejects.toMatchObject({ statusCode: 500 });
    await c.close();
    expect(server.requests).toHaveLength(1);
  });

  it("retries a send after 500 when the caller opts in with unsafe", async () => {
    failFirst(1, { status: 500 });
    const c = client({ retry: { ...fast, unsafe: true } });
    await c.send("gcm", {});
    await c.close();
    expect(server.requests).toHaveLength(2);
  });

  it("retries idempotent requests after 500", async () => {
    failFirst(1, { status: 500 });
    const c = client();
    const response = await c.request({
      method: "GET",
      path: "registrations",
      query: { $top: 5, $filter: "ChannelUri eq 'a b'" },
      rawQuery: "continuationtoken=MzEobik7Mg%3d%3d",
    });
    await c.close();
    expect(response.status).toBe(201);
    expect(server.requests).toHaveLength(2);
    expect(server.requests[1]!.url).toBe(
      "/hub/registrations?api-version=2020-06&$top=5&$filter=ChannelUri%20eq%20'a%20b'&continuationtoken=MzEobik7Mg%3d%3d",
    );
  });

  it("does nothing twice with retry: false", async () => {
    failFirst(1, { status: 503 });
    const c = client({ retry: false });
    await expect(c.send("gcm", {})).rejects.toMatchObject({ statusCode: 503 });
    await c.close();
    expect(server.requests).toHaveLength(1);
  });

  it("does not retry when the connection drops after the request was written", async () => {
    server.respond(() => ({ destroy: true }));
    const c = client();
    const error = (await c.send("gcm", {}).catch((e: unknown) => e)) as NetworkError;
    await c.close();
    expect(NetworkError.isInstance(error)).toBe(true);
    expect(error.requestSent).toBe(true);
    expect(server.requests).toHaveLength(1);
  });

  it("retries when the connection failed before anything was sent", async () => {
    const closed = await startCaptureServer();
    const connectionString = closed.connectionString();
    await closed.close();
    const c = createClient({
      connectionString,
      hubName: "hub",
      adapters: [jsonAdapter],
      retry: fast,
    });
    const error = (await c.send("gcm", {}).catch((e: unknown) => e)) as NetworkError;
    await c.close();
    expect(NetworkError.isInstance(error)).toBe(true);
    expect(error.requestSent).toBe(false);
    expect(error.isRetryable).toBe(true);
    expect(error.message).not.toContain(TEST_KEY);
  });
});

describe("time-outs and cancellation", () => {
  it("rejects with TimeoutError and does not retry the send", async () => {
    server.respond(() => ({ status: 201, delayMs: 3000 }));
    const c = client({ timeoutMs: 300 });
    const error = await c.send("gcm", {}).catch((e: unknown) => e);
    await c.close();
    expect(TimeoutError.isInstance(error), String(error)).toBe(true);
    expect(server.requests).toHaveLength(1);
  });

  it("rejects with AbortError when the caller's signal fires", async () => {
    server.respond(() => ({ status: 201, delayMs: 400 }));
    const c = client();
    const controller = new AbortController();
    const pending = c.send("gcm", {}, { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    const error = await pending.catch((e: unknown) => e);
    await c.close();
    expect(AbortError.isInstance(error)).toBe(true);
  });
});

describe("debug", () => {
  const outcomeBody =
    '<NotificationOutcome xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://schemas.microsoft.com/netservices/2010/10/servicebus/connect"><Success>1</Success><Failure>0</Failure><Results><RegistrationResult><ApplicationPlatform>gcm</ApplicationPlatform><PnsHandle>h1</PnsHandle><RegistrationId>r1</RegistrationId><Outcome>The Notification was successfully sent to the Push Notification System</Outcome></RegistrationResult></Results></NotificationOutcome>';

  it("turns sends into test sends and dumps request and response with secrets redacted", async () => {
    server.respond(() => ({
      status: 201,
      headers: { TrackingId: "t-1", "Content-Type": "application/xml" },
      body: `${outcomeBody}<!-- https://x/?sv=1&sig=SECRETSIG -->`,
    }));
    const lines: string[] = [];
    const c = client({ debug: true, logger: (text: string) => lines.push(text) });
    const result = await c.send("gcm", { hello: "world" });
    await c.close();
    expect(server.requests[0]!.url).toContain("test=true");
    expect(result.outcome).toEqual({
      success: 1,
      failure: 0,
      results: [
        {
          platform: "gcm",
          pnsHandle: "h1",
          registrationId: "r1",
          outcome: "The Notification was successfully sent to the Push Notification System",
        },
      ],
    });
    const dump = lines.join("\n");
    const sig = new URLSearchParams(
      (server.requests[0]!.headers.authorization ?? "").replace("SharedAccessSignature ", ""),
    ).get("sig")!;
    expect(dump).toContain("--> POST http://127.0.0.1:");
    expect(dump).toContain('{"hello":"world"}');
    expect(dump).toContain("<-- 201");
    expect(dump).toContain("sig=<redacted>");
    expect(dump).not.toContain(sig);
    expect(dump).not.toContain(encodeURIComponent(sig));
    expect(dump).not.toContain("SECRETSIG");
    expect(dump).not.toContain(TEST_KEY);
  });

  it("dump: true dumps the exchange of a real send, which stays a real send", async () => {
    server.respond(() => ({ status: 201, headers: { TrackingId: "t-2" }, body: "" }));
    const lines: string[] = [];
    const c = client({ dump: true, logger: (text: string) => lines.push(text) });
    const result = await c.send("gcm", { hello: "dump" });
    await c.close();
    expect(server.requests[0]!.url).not.toContain("test=true");
    expect(result.outcome).toBeUndefined();
    const dump = lines.join("\n");
    expect(dump).toContain('{"hello":"dump"}');
    expect(dump).toContain("<-- 201");
    expect(dump).toContain("sig=<redacted>");
    expect(dump).not.toContain(TEST_KEY);
  });

  it("prints nothing without debug", async () => {
    const lines: string[] = [];
    const c = client({ logger: (text: string) => lines.push(text) });
    await c.send("gcm", {});
    await c.close();
    expect(lines).toEqual([]);
  });
});
