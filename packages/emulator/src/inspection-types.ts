/** One push as the inspection API shows it (`GET /_nhub/api/deliveries`). */
export interface DeliveryRecord {
  /** `d1`, `d2` …: stable for the emulator's life. */
  id: string;
  /** 1, 2, 3 …; newer is larger. */
  sequence: number;
  /** When the push was delivered, ISO-8601. */
  receivedAt: string;
  hub: string;
  notificationId: string;
  /** The request that produced it (`r1` …); empty for a scheduled push. */
  requestId: string;
  installationId: string | null;
  registrationId: string | null;
  /** The device platform, lower case (`apns`, `fcmv1`, …). */
  platform: string;
  /** The send's `ServiceBusNotification-Format`. */
  format: string;
  pushChannel: string;
  /** The device's tags when delivered. */
  tags: string[];
  /** Headers that would go to the PNS, lower-case names. */
  headers: Record<string, string>;
  /** The delivered body decoded as UTF-8. */
  body: string;
  /** The exact delivered bytes. */
  bodyBase64: string;
  /** False when the bytes are not valid UTF-8. */
  bodyIsUtf8: boolean;
  templateName: string | null;
  /** For a template send: the template rendered. */
  template: { body: string; headers: Record<string, string> } | null;
  /** Delivered by a test (debug) send. */
  test: boolean;
}

/** One data-plane request as the inspection API shows it (`GET /_nhub/api/requests`). */
export interface RequestRecord {
  /** `r1`, `r2` … */
  id: string;
  sequence: number;
  receivedAt: string;
  method: string;
  path: string;
  /** The query string, any `sig` value replaced by `<redacted>`. */
  query: string;
  status: number;
  hub: string | null;
  notificationId: string | null;
  /** Lower-case names; the Authorization token's `sig=` value replaced by `<redacted>`. */
  headers: Record<string, string>;
  /**
   * The first 16 KiB of the body as UTF-8; empty for older requests once the request log's bodies
   * pass 4 MiB in all.
   */
  body: string;
  /** True when `body` is not the whole body (cut at 16 KiB, or emptied by the 4 MiB budget). */
  bodyTruncated: boolean;
  test: boolean;
  /** The test-send outcome the hub answered, when there was one. */
  outcome: object | null;
  /** The deliveries this request produced that the delivery log still holds. */
  deliveryIds: string[];
  durationMs: number;
}

/** One device as the inspection API shows it (`GET /_nhub/api/devices`). */
export interface DeviceRecord {
  hub: string;
  kind: "installation" | "registration";
  id: string;
  platform: string;
  pushChannel: string;
  tags: string[];
  templates: Record<string, { body: string; headers: Record<string, string>; tags: string[] }>;
  expirationTime: string | null;
}
