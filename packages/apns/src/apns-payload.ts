import { refuse, show } from "./apns-error.js";
import { isObject } from "./apns-json.js";

/** The `aps.alert` dictionary: what the alert shows. */
export interface ApsAlert {
  title?: string;
  subtitle?: string;
  body?: string;
  "launch-image"?: string;
  "title-loc-key"?: string;
  "title-loc-args"?: string[];
  "subtitle-loc-key"?: string;
  "subtitle-loc-args"?: string[];
  "loc-key"?: string;
  "loc-args"?: string[];
}

/** The `aps.sound` dictionary of a critical alert. */
export interface ApsSound {
  /** 1 for a critical alert. */
  critical?: 0 | 1;
  /** A sound file in the app bundle, or `"default"`. */
  name?: string;
  /** 0 (silent) to 1 (full volume). */
  volume?: number;
}

/** The `aps` dictionary Apple defines (custom keys go next to `aps`, not inside it). */
export interface Aps {
  /** A string shows as the alert body; a dictionary sets title, subtitle, body... */
  alert?: string | ApsAlert;
  /** The app icon badge; 0 removes it. */
  badge?: number;
  /** A sound file name, `"default"`, or a critical-alert dictionary. */
  sound?: string | ApsSound;
  /** Groups notifications in Notification Center. */
  "thread-id"?: string;
  /** The notification's category (its actions). */
  category?: string;
  /** 1 wakes the app in the background (a background push). */
  "content-available"?: 0 | 1;
  /** 1 lets a notification service extension change the content. */
  "mutable-content"?: 0 | 1;
  /** The window or content to bring forward when the notification is opened. */
  "target-content-id"?: string;
  /** How strongly to interrupt the user. */
  "interruption-level"?: "passive" | "active" | "time-sensitive" | "critical";
  /** Where the notification ranks in a summary, 0 to 1. */
  "relevance-score"?: number;
  /** Focus filter criteria. */
  "filter-criteria"?: string;
  /** Live Activity: when the content becomes stale (epoch seconds). */
  "stale-date"?: number;
  /** Live Activity: the new content state. */
  "content-state"?: Record<string, unknown>;
  /** Live Activity: when the update was made (epoch seconds). */
  timestamp?: number;
  /** Live Activity: what this push does. */
  event?: "start" | "update" | "end";
  /** Live Activity: when an ended activity leaves the Lock Screen (epoch seconds). */
  "dismissal-date"?: number;
  /** Live Activity start: the attributes type name. */
  "attributes-type"?: string;
  /** Live Activity start: the attributes. */
  attributes?: Record<string, unknown>;
}

/** An APNs payload: the `aps` dictionary plus any custom keys of your app. */
export interface ApnsPayload {
  aps: Aps;
  [key: string]: unknown;
}

const LEVELS: readonly unknown[] = ["passive", "active", "time-sensitive", "critical"];
const isText = (value: unknown) => typeof value === "string";
const textOrObject = (value: unknown) => typeof value === "string" || isObject(value);
const flag = (value: unknown) => value === 0 || value === 1;

const RULES: Record<string, [test: (value: unknown) => boolean, rule: string]> = {
  alert: [textOrObject, "a string or an object"],
  badge: [(value) => Number.isSafeInteger(value) && (value as number) >= 0, "a whole number >= 0"],
  sound: [textOrObject, "a string or an object"],
  "thread-id": [isText, "a string"],
  category: [isText, "a string"],
  "content-available": [flag, "0 or 1"],
  "mutable-content": [flag, "0 or 1"],
  "target-content-id": [isText, "a string"],
  "interruption-level": [
    (value) => LEVELS.includes(value),
    '"passive", "active", "time-sensitive" or "critical"',
  ],
  "relevance-score": [
    (value) => typeof value === "number" && value >= 0 && value <= 1,
    "a number from 0 to 1",
  ],
};

/** Checks the `aps` dictionary: present, an object, and its well-known keys well typed. */
export function checkAps(aps: unknown): void {
  if (aps === undefined) refuse('the payload needs an "aps" dictionary, got none');
  if (!isObject(aps)) refuse(`aps must be an object, got ${show(aps)}`);
  for (const [key, [test, rule]] of Object.entries(RULES)) {
    const value = aps[key];
    if (value !== undefined && !test(value))
      refuse(`aps.${key} must be ${rule}, got ${show(value)}`);
  }
}
