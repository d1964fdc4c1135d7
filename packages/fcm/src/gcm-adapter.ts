import type { NotificationAdapter, PreparedNotification, SendOptions } from "@nhub/core";
import { refuse, show } from "./fcm-error.js";
import { byteLength, readJson } from "./fcm-json.js";
import { FCM_MAX_BYTES } from "./fcm-v1-adapter.js";

/** The notification of a legacy FCM (GCM) message. */
export interface GcmNotification {
  title?: string;
  body?: string;
  android_channel_id?: string;
  icon?: string;
  sound?: string;
  tag?: string;
  /** `#rrggbb`. */
  color?: string;
  click_action?: string;
  body_loc_key?: string;
  body_loc_args?: string[];
  title_loc_key?: string;
  title_loc_args?: string[];
  image?: string;
}

/**
 * A legacy FCM (GCM) message. The hub chooses the devices, so `to`, `registration_ids` and
 * `condition` are not allowed.
 */
export interface GcmPayload {
  data?: Record<string, unknown>;
  notification?: GcmNotification;
  collapse_key?: string;
  priority?: "normal" | "high";
  content_available?: boolean;
  mutable_content?: boolean;
  /** Seconds, 0 to 2419200 (4 weeks). */
  time_to_live?: number;
  restricted_package_name?: string;
  dry_run?: boolean;
  /** Not allowed: the hub sets the target. */
  to?: never;
  /** Not allowed: the hub sets the target. */
  registration_ids?: never;
  /** Not allowed: the hub sets the target. */
  condition?: never;
}

/** The adapter returned by {@link gcm}. */
export type GcmAdapter = NotificationAdapter<GcmPayload | string, SendOptions>;

const TARGETS = ["to", "registration_ids", "condition"] as const;

/**
 * Creates the adapter for the `gcm` format: the legacy FCM (Google Cloud Messaging) JSON.
 *
 * @deprecated Google retired the legacy FCM APIs in June 2024; sends in this format no longer
 * reach devices through FCM. Use {@link fcmV1} (format `fcmv1`) instead. Kept for hubs and tests
 * that still use the format.
 *
 * Takes the legacy message as an object or JSON text (sent unchanged); refuses `to`,
 * `registration_ids` and `condition` (the hub targets the devices) and bodies over
 * {@link FCM_MAX_BYTES}.
 *
 * @example
 * ```ts
 * await client.send(gcm(), { data: { message: "hello" } });
 * ```
 */
export function gcm(): GcmAdapter {
  return Object.freeze({
    specificationVersion: "v1",
    format: "gcm",
    name: "@nhub/fcm",
    prepare(payload: GcmPayload | string): PreparedNotification {
      const { text, value } = readJson(payload);
      for (const key of TARGETS) {
        if (value[key] !== undefined) {
          refuse(
            `${key} is not allowed (the hub chooses the devices; use tags or a direct send), got ${show(value[key])}`,
          );
        }
      }
      const size = byteLength(text);
      if (size > FCM_MAX_BYTES) {
        refuse(`the payload must be at most ${FCM_MAX_BYTES} bytes UTF-8, got ${size}`);
      }
      return { body: text, contentType: "application/json;charset=utf-8" };
    },
  });
}
