import type { NotificationAdapter, PreparedNotification, SendOptions } from "@nhub/core";
import { refuse, show } from "./baidu-error.js";
import { readJson } from "./baidu-json.js";

/** A Baidu notification for Android devices. */
export interface BaiduAndroidMessage {
  title?: string;
  description?: string;
  notification_builder_id?: number;
  notification_basic_style?: number;
  /** What a tap opens: 1 a URL, 2 the app (see `pkg_content`). */
  open_type?: number;
  url?: string;
  pkg_content?: string;
  /** Custom key-value pairs delivered to the app. */
  custom_content?: Record<string, unknown>;
}

/** A Baidu notification for iOS devices: an `aps` dictionary plus custom keys. */
export interface BaiduIosMessage {
  aps: { alert?: string; sound?: string; badge?: number; "content-available"?: 0 | 1 };
  [key: string]: unknown;
}

/** What {@link baidu} accepts: a JSON object (a notification, or any pass-through message) or its text. */
export type BaiduPayload = BaiduAndroidMessage | BaiduIosMessage | Record<string, unknown> | string;

/** `X-Baidu-Message-Type`: 0 a pass-through message handed to the app, 1 a notification. */
export type BaiduMessageType = 0 | 1;

/** Baidu options. Given to {@link baidu} they are defaults; given to a send they override those. */
export interface BaiduOptions {
  /** `X-Baidu-Message-Type`: 0 (pass-through message) or 1 (notification). Not sent when unset. */
  messageType?: BaiduMessageType;
}

/** Options of a Baidu send: core's send options plus {@link BaiduOptions}. */
export interface BaiduSendOptions extends SendOptions, BaiduOptions {}

/** The adapter returned by {@link baidu}. */
export type BaiduAdapter = NotificationAdapter<BaiduPayload, BaiduSendOptions>;

/**
 * Creates the adapter for the `baidu` format (Baidu Cloud Push).
 *
 * Takes a JSON object, or its text (sent unchanged), as `application/json;charset=utf-8`.
 *
 * @param settings - defaults for every send made with this adapter; per-send options override them.
 * @throws PayloadValidationError when a setting is invalid.
 * @example
 * ```ts
 * await client.send(baidu({ messageType: 1 }), { title: "Goal!", description: "2-1" });
 * ```
 */
export function baidu(settings: BaiduOptions = {}): BaiduAdapter {
  headersFor(settings.messageType);
  return Object.freeze({
    specificationVersion: "v1",
    format: "baidu",
    name: "@nhub/baidu",
    prepare(payload: BaiduPayload, options?: BaiduSendOptions): PreparedNotification {
      const headers = headersFor(options?.messageType ?? settings.messageType);
      const { text } = readJson(payload);
      return { body: text, contentType: "application/json;charset=utf-8", headers };
    },
  });
}

function headersFor(messageType: unknown): Record<string, string> {
  if (messageType === undefined) return {};
  if (messageType !== 0 && messageType !== 1) {
    refuse(
      `X-Baidu-Message-Type must be 0 (message) or 1 (notification), got ${show(messageType)}`,
    );
  }
  return { "X-Baidu-Message-Type": String(messageType) };
}
