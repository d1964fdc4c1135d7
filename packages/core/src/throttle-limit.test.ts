import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AbortError, ServiceError, ThrottledError } from "./errors.js";
import { createClient } from "./index.node.js";
import { mayHaveBeenAccepted } from "./retry.js";
import { jsonAdapter } from "./test-adapter.test-helper.js";
import { type CaptureServer, startCaptureServer } from "./testing/capture-server.js";

// A throttling hold longer than a request may wait (retry.maxRetryAfterMs) refuses the request
// at once with ThrottledError, before anything is sent; a hold it may wait for is cancelled by
// its signal. The test time-out (far below the holds used here) proves nobody waited them out.
let server: CaptureServer;
beforeEach(async () => {
  server = await startCaptureServer();
});
afterEach(() => server.close());

function throttleFirst(status: number, retryAfter: string) {
  const accept = { status: 201, headers: { Location: `${server.url}hub/messages/n1?x=1` } };
  server.respond((_request, index) =>
    index === 0 ? { status, headers: { "Retry-After": retryAfter } } : accept,
  );
}

function client(retry: { maxRetries?: number; maxRetryAfterMs?: number } = {}) {
  return createClient({
    connectionString: server.connectionString(),
    hubName: "hub",
    adapters: [jsonAdapter],
    retry,
  });
}

describe("a throttling hold longer than the request may wait", () => {
  it("a 403 with an hour's Retry-After: later requests reject at once with THROTTLED, unsent", async () => {
    throttleFirst(403, "3600");
    const c = client();
    const first = await c.send("gcm", { a: 1 }).catch((e: unknown) => e);
    // Longer than maxRetryAfterMs (60 s by default): not retried, the service's answer is kept.
    expect(ServiceError.isInstance(first) && first.statusCode).toBe(403);
    const later = await c.send("gcm", { a: 2 }).catch((e: unknown) => e);
    expect(ThrottledError.isInstance(later)).toBe(true);
    const error = later as ThrottledError;
    expect(error).toMatchObject({
      code: "THROTTLED",
      hub: "hub",
      statusCode: 403,
      isRetryable: true,
      requestSent: false,
    });
    expect(error.retryAfterMs).toBeGreaterThan(3_500_000);
    expect(error.retryAfterMs).toBeLessThanOrEqual(3_600_000);
    expect(error.message).toMatch(/maxRetryAfterMs/);
    expect(mayHaveBeenAccepted(error)).toBe(false);
    expect(server.requests).toHaveLength(1);
    await c.close();
  });

  it("honours a lower retry.maxRetryAfterMs for the hold", async () => {
    throttleFirst(429, "30");
    const c = client({ maxRetryAfterMs: 1000 });
    const first = await c.send("gcm", { a: 1 }).catch((e: unknown) => e);
    expect(ServiceError.isInstance(first) && first.statusCode).toBe(429);
    await expect(c.send("gcm", { a: 2 })).rejects.toMatchObject({
      code: "THROTTLED",
      statusCode: 429,
    });
    expect(server.requests).toHaveLength(1);
    await c.close();
  });

  it("a hold the request may wait for is cancelled by its signal, nothing sent", async () => {
    throttleFirst(429, "30");
    const c = client({ maxRetries: 0 });
    await expect(c.send("gcm", { a: 1 })).rejects.toMatchObject({ statusCode: 429 });
    const controller = new AbortController();
    const waiting = c.send("gcm", { a: 2 }, { signal: controller.signal }).catch((e: unknown) => e);
    controller.abort();
    const error = await waiting;
    expect(AbortError.isInstance(error)).toBe(true);
    expect((error as AbortError).requestSent).toBe(false);
    expect(server.requests).toHaveLength(1);
    // close() does not wait out the hold either: the held request was already aborted.
    expect(await c.close({ deadlineMs: 0 })).toEqual({ finished: 0, aborted: 0 });
  });

  it("close() at its deadline aborts a request waiting on the hold as not sent", async () => {
    throttleFirst(429, "30");
    const c = client({ maxRetries: 0 });
    await expect(c.send("gcm", { a: 1 })).rejects.toMatchObject({ statusCode: 429 });
    const waiting = c.send("gcm", { a: 2 }).catch((e: unknown) => e);
    expect(await c.close({ deadlineMs: 0 })).toEqual({ finished: 0, aborted: 1 });
    expect(await waiting).toMatchObject({ code: "CLIENT_CLOSED", requestSent: false });
    expect(server.requests).toHaveLength(1);
  });
});
