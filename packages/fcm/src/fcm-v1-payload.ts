/** The cross-platform notification of an FCM v1 message. */
export interface FcmV1Notification {
  title?: string;
  body?: string;
  /** URL of an image shown in the notification. */
  image?: string;
}

/** `message.android.notification`. */
export interface FcmV1AndroidNotification {
  title?: string;
  body?: string;
  icon?: string;
  /** `#rrggbb`. */
  color?: string;
  sound?: string;
  tag?: string;
  click_action?: string;
  body_loc_key?: string;
  body_loc_args?: string[];
  title_loc_key?: string;
  title_loc_args?: string[];
  channel_id?: string;
  ticker?: string;
  sticky?: boolean;
  /** RFC 3339 time, for example `2024-01-01T12:00:00Z`. */
  event_time?: string;
  local_only?: boolean;
  notification_priority?:
    | "PRIORITY_UNSPECIFIED"
    | "PRIORITY_MIN"
    | "PRIORITY_LOW"
    | "PRIORITY_DEFAULT"
    | "PRIORITY_HIGH"
    | "PRIORITY_MAX";
  default_sound?: boolean;
  default_vibrate_timings?: boolean;
  default_light_settings?: boolean;
  /** Durations such as `"0.5s"`. */
  vibrate_timings?: string[];
  visibility?: "VISIBILITY_UNSPECIFIED" | "PRIVATE" | "PUBLIC" | "SECRET";
  notification_count?: number;
  light_settings?: {
    color: { red?: number; green?: number; blue?: number; alpha?: number };
    light_on_duration: string;
    light_off_duration: string;
  };
  image?: string;
}

/** `message.android`: Android-specific options. */
export interface FcmV1AndroidConfig {
  collapse_key?: string;
  priority?: "NORMAL" | "HIGH";
  /** A duration such as `"3600s"`. */
  ttl?: string;
  restricted_package_name?: string;
  /** Replaces `message.data` on Android. Values must be strings. */
  data?: Record<string, string>;
  notification?: FcmV1AndroidNotification;
  fcm_options?: { analytics_label?: string };
  direct_boot_ok?: boolean;
}

/** `message.apns`: APNs-specific options (headers and an `aps` payload). */
export interface FcmV1ApnsConfig {
  headers?: Record<string, string>;
  payload?: { aps?: Record<string, unknown>; [key: string]: unknown };
  fcm_options?: { analytics_label?: string; image?: string };
  live_activity_token?: string;
}

/** `message.webpush`: Web Push options. */
export interface FcmV1WebpushConfig {
  headers?: Record<string, string>;
  /** Values must be strings. */
  data?: Record<string, string>;
  /** A Web Notification: `title`, `body`, `icon`, `actions`, ... */
  notification?: Record<string, unknown>;
  fcm_options?: { link?: string; analytics_label?: string };
}

/**
 * An FCM HTTP v1 message. The hub chooses the devices, so `token`, `topic` and `condition` are
 * not allowed.
 */
export interface FcmV1Message {
  /** Custom key-value pairs; every value must be a string. */
  data?: Record<string, string>;
  notification?: FcmV1Notification;
  android?: FcmV1AndroidConfig;
  webpush?: FcmV1WebpushConfig;
  apns?: FcmV1ApnsConfig;
  fcm_options?: { analytics_label?: string };
  /** Not allowed: the hub sets the target. */
  token?: never;
  /** Not allowed: the hub sets the target. */
  topic?: never;
  /** Not allowed: the hub sets the target. */
  condition?: never;
}

/** The body FCM v1 expects: `{ "message": { ... } }`. */
export interface FcmV1Envelope {
  message: FcmV1Message;
}

/** What `fcmV1()` accepts: the envelope, the bare message (wrapped for you), or JSON text of either. */
export type FcmV1Payload = FcmV1Envelope | FcmV1Message | string;
