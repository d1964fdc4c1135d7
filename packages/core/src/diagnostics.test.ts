import { tracingChannel } from "node:diagnostics_channel";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createNodeTracer, type Tracer } from "./diagnostics.js";
import {
  type NhubOperationMessage,
  OPERATION_CHANNEL,
  REQUEST_CHANNEL,
} from "./diagnostics-types.js";
import { createClient } from "./index.node.js";
import { nodePlatform } from "./node-platform.js";
import { SendClient } from "./send-client.js";
import { jsonAdapter } from "./test-adapter.test-helper.js";
import {
  type CaptureResponse,
  type CaptureServer,
  startCaptureServer,
  TEST_KEY,
} from "./testing/capture-server.js";

// Core cannot depend on @nhub/emulator (the emulator depends on core), so these run against the
// capture server; @nhub/opentelemetry's tests run the same channels against the emulator.
let server: CaptureServer;
const events: { channel: string; event: string; message: Record<string, unknown> }[] = [];
const unsubscribes: (() => void)[] = [];
const errors: string[] = [];

function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const { name, message, stack, cause, ...fields } = error as Error & Record<string, unknown>;
  return JSON.stringify({ name, message, stack, fields, cause: cause && describeError(cause) });
}

function listen(name: string) {
  const channel = tracingChannel(name);
  const copy = (event: string) => (message: unknown) => {
    const { parent, error, ...fields } = message as Record<string, unknown>;
    const copied: Record<string, unknown> = { ...fields, hasParent: parent !== undefined };
    // The error as a subscriber sees it (its message, code, body and cause), for the secret check.
    if (error !== undefined) errors.push(describeError(error));
    events.push({ channel: name, event, message: copied });
  };
  const handlers = {
    start: copy("start"),
    end: copy("end"),
    asyncStart: copy("asyncStart"),
    asyncEnd: copy("asyncEnd"),
    error: copy("error"),
  };
  channel.subscribe(handlers);
  unsubscribes.push(() => channel.unsubscribe(handlers));
}

beforeEach(async () => {
  server = await startCaptureServer();
  events.length = 0;
  errors.length = 0;
});
afterEach(async () => {
  for (const off of unsubscribes.splice(0)) off();
  await server.close();
});

function client() {
  return createClient({
    connectionString: server.connectionString(),
    hubName: "hub",
    adapters: [jsonAdapter],
    retry: { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 2 },
  });
}

describe("diagnostics_channel", () => {
  it("publishes an operation and one request per attempt, with no secret", async () => {
    listen(OPERATION_CHANNEL);
    listen(REQUEST_CHANNEL);
    let calls = 0;
    server.respond(
      (): CaptureResponse =>
        calls++ === 0
          ? { status: 503, headers: { TrackingId: "track-503" } }
          : {
              status: 201,
              headers: {
                TrackingId: "track-ok",
                Location: `${server.url}hub/messages/n-42?api-version=2020-06`,
              },
            },
    );
    const c = client();
    const result = await c.send(jsonAdapter.format, { hello: 1 }, { tags: ["a"] });
    await c.close();
    expect(result.notificationId).toBe("n-42");

    const url = `${server.url}hub/messages`;
    const port = Number(new URL(server.url).port);
    const ends = events.filter((e) => e.event === "asyncEnd");
    expect(ends.map((e) => e.channel)).toEqual([
      REQUEST_CHANNEL,
      REQUEST_CHANNEL,
      OPERATION_CHANNEL,
    ]);
    const base = {
      operation: "Send",
      hub: "hub",
      format: jsonAdapter.format,
      method: "POST",
      url,
      serverAddress: "127.0.0.1",
      serverPort: port,
    };
    expect(ends[0]?.message).toEqual({
      ...base,
      attempt: 0,
      status: 503,
      trackingId: "track-503",
      errorCode: "SERVICE_ERROR",
      hasParent: true,
    });
    expect(ends[1]?.message).toMatchObject({
      ...base,
      attempt: 1,
      status: 201,
      trackingId: "track-ok",
      notificationId: "n-42",
    });
    expect(ends[1]?.message.errorCode).toBeUndefined();
    expect(ends[2]?.message).toMatchObject({
      ...base,
      attempts: 2,
      status: 201,
      notificationId: "n-42",
    });
    expect(events.filter((e) => e.event === "error").map((e) => e.channel)).toEqual([
      REQUEST_CHANNEL,
    ]);
    expect(events[0]).toMatchObject({ channel: OPERATION_CHANNEL, event: "start" });

    // The failed attempt's error reached the subscriber, and is checked with the rest.
    expect(errors.length).toBeGreaterThan(0);
    for (const error of errors) expect(error).toContain("503");
    const text = JSON.stringify(events) + errors.join("\n");
    expect(text).not.toContain("sig=");
    expect(text).not.toContain("SharedAccessSignature");
    expect(text).not.toContain(TEST_KEY);
    expect(text).not.toContain("api-version");
    expect(text).not.toContain("hello");
  });

  it("reports the error code of a failed operation", async () => {
    listen(OPERATION_CHANNEL);
    server.respond(() => ({ status: 400, headers: { TrackingId: "t-400" } }));
    const c = client();
    await expect(c.send(jsonAdapter.format, {})).rejects.toThrow();
    await c.close();
    const end = events.find((e) => e.event === "asyncEnd")
      ?.message as Partial<NhubOperationMessage>;
    expect(end).toMatchObject({
      attempts: 1,
      status: 400,
      errorCode: "SERVICE_ERROR",
      trackingId: "t-400",
    });
    expect(events.map((e) => e.event)).toEqual(["start", "end", "error", "asyncStart", "asyncEnd"]);
  });

  it("builds no message when nobody subscribes", async () => {
    expect(tracingChannel(OPERATION_CHANNEL).hasSubscribers).toBe(false);
    expect(tracingChannel(REQUEST_CHANNEL).hasSubscribers).toBe(false);
    // The Node tracer itself, counting the operation messages it builds for this client.
    const tracer = createNodeTracer();
    let built = 0;
    const counting: Tracer = {
      ...tracer,
      message: (...args) => {
        built++;
        return tracer.message(...args);
      },
    };
    const c = new SendClient(
      { connectionString: server.connectionString(), hubName: "hub", adapters: [jsonAdapter] },
      { ...nodePlatform, tracer: counting },
    );
    await c.send(jsonAdapter.format, {});
    expect(built).toBe(0);
    // Once someone subscribes, the same client builds one per operation.
    listen(OPERATION_CHANNEL);
    await c.send(jsonAdapter.format, {});
    expect(built).toBe(1);
    await c.close();
  });
});
