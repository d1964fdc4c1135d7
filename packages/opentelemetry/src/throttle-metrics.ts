import { subscribe, unsubscribe } from "node:diagnostics_channel";
import type { NhubThrottleMessage } from "@nhub/core";
import type { Meter } from "@opentelemetry/api";
import { THROTTLE_CHANNEL } from "./span-attributes.js";

// Retry-After waits are whole seconds from the service, sub-second from a client's own hold.
const WAIT_BUCKETS = [0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 120, 300];

/**
 * Subscribes to `nhub:throttle` and records each throttled wait: the counter
 * `nhub.throttled_waits` and the histogram `nhub.throttled_wait.duration` (seconds), both by
 * `nhub.hub` and `http.response.status_code` (429, or 403 for a tier's quota). Returns the
 * unsubscribe function.
 */
export function subscribeThrottles(meter: Meter): () => void {
  const waits = meter.createCounter("nhub.throttled_waits", {
    description: "Throttling answers (429, or 403 with Retry-After) that held the client back.",
    unit: "{wait}",
  });
  const waited = meter.createHistogram("nhub.throttled_wait.duration", {
    description: "How long a throttling answer held every request of the client to the hub back.",
    unit: "s",
    advice: { explicitBucketBoundaries: WAIT_BUCKETS },
  });
  const onMessage = (message: unknown) => {
    const { hub, status, retryAfterMs } = message as NhubThrottleMessage;
    const attributes = { "nhub.hub": hub, "http.response.status_code": status };
    waits.add(1, attributes);
    waited.record(retryAfterMs / 1000, attributes);
  };
  subscribe(THROTTLE_CHANNEL, onMessage);
  return () => {
    unsubscribe(THROTTLE_CHANNEL, onMessage);
  };
}
