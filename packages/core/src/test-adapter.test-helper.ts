import type { NotificationAdapter } from "./adapter.js";
import { PayloadValidationError } from "./errors.js";

/** A hand-written adapter, as a third party would write one, used by core's own tests. */
export const jsonAdapter: NotificationAdapter<unknown, { priority?: number }> = {
  specificationVersion: "v1",
  format: "gcm",
  name: "test-json",
  prepare(payload, options) {
    if (typeof payload !== "object" || payload === null) {
      throw new PayloadValidationError("[test-json] the payload must be an object");
    }
    const headers: Record<string, string> = {};
    if (options.priority !== undefined) headers["X-Test-Priority"] = String(options.priority);
    return {
      body: JSON.stringify(payload),
      contentType: "application/json;charset=utf-8",
      headers,
    };
  },
};

export const toastAdapter: NotificationAdapter<string> = {
  specificationVersion: "v1",
  format: "windows",
  prepare: (payload) => ({
    body: payload,
    contentType: "application/xml",
    headers: { "X-WNS-Type": "wns/toast" },
  }),
};
