import { channel } from "node:diagnostics_channel";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type NhubThrottleMessage, THROTTLE_CHANNEL } from "./diagnostics-types.js";
import { createClient } from "./index.node.js";
import { createClient as createWebClient } from "./index.web.js";
import { jsonAdapter } from "./test-adapter.test-helper.js";
import { type CaptureServer, startCaptureServer, TEST_KEY } from "./testing/capture-server.js";

// Core cannot depend on @nhub/emulator, so this runs against the capture server; the
// @nhub/opentelemetry tests read the same channel with the emulator's quota.
let server: CaptureServer;
const messages: unknown[] = [];
const listener = (message: unknown) => messages.push(message);

beforeEach(async () => {
  messages.length = 0;
  channel(THROTTLE_CHANNEL).subscribe(listener);
  // The first answer throttles (50 ms), the next ones accept.
  server = await startCaptureServer();
  const accept = { status: 201, headers: { Location: `${server.url}hub/messages/n1?x=1` } };
  server.respond((_request, index) =>
    index === 0 ? { status: 429, headers: { "Retry-After": "0.05" } } : accept,
  );
});
afterEach(async () => {
  channel(THROTTLE_CHANNEL).unsubscribe(listener);
  await server.close();
});

const options = () => ({
  connectionString: server.connectionString(),
  hubName: "hub",
  adapters: [jsonAdapter],
  retry: { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 2 },
});

describe("the nhub:throttle channel", () => {
  it("gets hub, status and retryAfterMs for each hold, and nothing secret", async () => {
    const holds: unknown[] = [];
    const client = createClient({ ...options(), onThrottle: (info) => holds.push(info) });
    await client.send("gcm", { a: 1 });
    await client.close();
    expect(messages).toEqual([
      { hub: "hub", status: 429, retryAfterMs: 50 } satisfies NhubThrottleMessage,
    ]);
    expect(holds).toEqual([{ hub: "hub", status: 429, waitMs: 50 }]);
    const text = JSON.stringify(messages);
    for (const secret of [TEST_KEY, "sig", "SharedAccess", server.url]) {
      expect(text).not.toContain(secret);
    }
  });

  it("is not published by the web build, whose onThrottle still runs", async () => {
    const holds: unknown[] = [];
    const client = createWebClient({ ...options(), onThrottle: (info) => holds.push(info) });
    await client.send("gcm", { a: 1 });
    await client.close();
    expect(holds).toHaveLength(1);
    expect(messages).toEqual([]);
  });
});
