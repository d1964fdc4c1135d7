import type { EmulatorQuota } from "./quota.js";
import type { EmulatorTlsOptions } from "./tls-certificates.js";
import type { TlsRenewal } from "./tls-kept.js";
/** A Web Push subscription as an installation's `pushChannel`. */
export interface BrowserPushChannel {
  endpoint: string;
  p256dh: string;
  auth: string;
}

/** One template of an installation (installation JSON of the wire reference). */
export interface InstallationTemplate {
  /** The XML or JSON document rendered with the properties of a template send. */
  body: string;
  /** Headers that go to the PNS with the rendered template, for example `X-WNS-Type`. */
  headers?: Record<string, string>;
  /** Extra tags of this template (the template's name is a tag too). */
  tags?: string[];
  expiry?: string;
}

/** A device, in the installation JSON of the wire reference. */
export interface Installation {
  installationId: string;
  /** `apns`, `wns`, `mpns`, `gcm`, `fcmv1`, `adm`, `baidu`, `browser` or `xiaomi`, any case. */
  platform: string;
  /** The PNS handle; for `browser` a subscription object or its JSON text. */
  pushChannel: string | BrowserPushChannel;
  /** An expired channel: sends count it as a failure and record PNS feedback. */
  pushChannelExpired?: boolean;
  userId?: string;
  tags?: string[];
  templates?: Record<string, InstallationTemplate>;
  expirationTime?: string;
  pushVariables?: Record<string, string>;
  /** Seed only: the hub this device belongs to (default: the first hub). */
  hub?: string;
}

/** One push as a device would receive it. */
export interface Delivery {
  /** The id of the accepted notification (the last segment of its `Location`). */
  notificationId: string;
  hub: string;
  /** The installation reached; undefined for a registration or a direct send to an unknown handle. */
  installationId: string | undefined;
  /** The registration reached, when the device was registered with `/registrations`. */
  registrationId?: string;
  /** The installation platform (`apns`, `wns`, ...). */
  platform: string;
  /** The PNS handle (for `browser`, the subscription endpoint). */
  pushChannel: string;
  /** Headers that would go to the PNS: `content-type` and the platform headers, names in lower case. */
  headers: Record<string, string>;
  /** What the device receives; for a template send, the device's template rendered. */
  body: string;
  /** For a template send: the name of the template rendered. */
  templateName?: string;
}

/** How the next requests fail (see `emulator.injectFault`). */
export interface FaultOptions {
  /** Answer with this status (for example 429, 503 or 500) instead of handling the request. */
  status?: number;
  /** With `status`: a `Retry-After` header, in seconds. */
  retryAfter?: number;
  /** How many of the next requests this fault applies to. Default 1. */
  times?: number;
  /** Wait this long before answering. */
  delayMs?: number;
  /** Handle the request (recording deliveries), then destroy the connection without answering. */
  dropAfterAccept?: boolean;
}

/** What `onRequest` receives once per request. */
export interface RequestInfo {
  method: string;
  /** The path without the query (the query may hold a signature). */
  path: string;
  /** The status answered (for a dropped connection: the status that was not sent). */
  status: number;
  hub?: string;
  notificationId?: string;
  /** True when an injected fault destroyed the connection instead of answering. */
  dropped?: boolean;
}

/** Fixed SAS keys of the two rules. */
export interface EmulatorKeys {
  /** Key of `DefaultFullSharedAccessSignature` (Listen, Send, Manage). */
  full?: string;
  /** Key of `DefaultListenSharedAccessSignature` (Listen). */
  listen?: string;
}

/** Options of `startEmulator`. */
export interface EmulatorOptions {
  /** TCP port; default 0 (any free port). */
  port?: number;
  /** Interface to listen on; default `127.0.0.1`. */
  host?: string;
  /** Hub names; default `["demo"]`. */
  hubs?: string[];
  /** Seed devices, each optionally naming its `hub`. `reset()` goes back to these. */
  installations?: Installation[];
  /** Fixed keys; by default each start generates random base64 keys. */
  keys?: EmulatorKeys;
  /** Called once per request after it was answered. */
  onRequest?: (info: RequestInfo) => void;
  /** Called once per delivery. */
  onDelivery?: (delivery: Delivery) => void;
  /**
   * Lifetime of a registration from its last write, in ms (the hub's `RegistrationTtl`); an
   * expired registration answers 410 and is no longer listed or reached. Default: never expires.
   */
  registrationTtlMs?: number;
  /** Time between two steps of an export or import job, in ms. Default 10. */
  jobStepMs?: number;
  /**
   * A per-hub request quota over a sliding second: beyond it the hub answers 429 (or 403 when
   * `status: 403`) with `Retry-After` in whole seconds. `/_nhub/` paths are never counted.
   */
  quota?: EmulatorQuota;
  /**
   * How many deliveries are kept (oldest dropped first; the request log keeps as many requests).
   * Default 10,000.
   */
  maxDeliveries?: number;
  /**
   * Serve HTTPS: `true` makes a CA and a server certificate for `localhost`, `127.0.0.1` and `::1`
   * (trust `emulator.caFile`); `{ cert, key }` serves your own certificate. The connection strings
   * then read `Endpoint=sb://host:port/;...` (sb:// is https:// to clients).
   */
  tls?: boolean | EmulatorTlsOptions;
  /**
   * A directory to keep state in (`<dataDir>/emulator.db`, SQLite): installations, registrations,
   * files, scheduled pushes and jobs of every hub, written before each 2xx and loaded at start,
   * and the SAS keys, generated once when `keys` is not given. A pending scheduled push goes out
   * at its time after a restart (at start, once, when its time passed while stopped); a running
   * job goes on. Default: memory only.
   */
  dataDir?: string;
}

/** A running emulator. */
export interface Emulator {
  /** `http://host:port/`, or `https://host:port/` with `tls`. */
  readonly url: string;
  /** With `tls`: a file holding the CA certificate to trust; removed by `close()`. */
  readonly caFile?: string;
  /** With `tls`: the CA certificate to trust, PEM. */
  readonly caCertificate?: string;
  /**
   * With `tls: true` and `dataDir`: set when the certificate kept in `<dataDir>/tls/` was replaced
   * at this start because it expired, expires within 30 days or no longer fits. `"certificate"`:
   * a new server certificate signed by the kept CA (clients that trust the CA keep working);
   * `"ca"`: the CA itself expired or expires within 30 days (or its key is missing), so a new CA
   * was made: trust the new `caFile` again. Undefined when nothing was replaced.
   */
  readonly tlsRenewed?: TlsRenewal;
  /** The first hub's name. */
  readonly hubName: string;
  /** Every hub's name. */
  readonly hubs: readonly string[];
  /** Rule `DefaultFullSharedAccessSignature` (Listen, Send, Manage). */
  readonly connectionString: string;
  /** Rule `DefaultListenSharedAccessSignature` (Listen only). */
  readonly listenConnectionString: string;
  /**
   * The inbox page, `{url}_nhub/` (with `?token=` when the server does not listen on a loopback
   * address).
   */
  readonly inboxUrl: string;
  /** The bearer token of the inspection API (needed only off loopback). */
  readonly inspectionToken: string;
  /**
   * Every push delivered and still retained (the newest `maxDeliveries`), one record per device
   * (or template) reached, oldest first.
   */
  deliveries(): Delivery[];
  /** Adds or replaces a device (default hub: the first). */
  addInstallation(installation: Installation, hub?: string): void;
  /**
   * Stores a text file in the hub's file store (default hub: the first) and returns its URL
   * (`{url}{hub}/$files/{name}?sig=...`), for example the `importFileUrl` of an import job.
   */
  putFile(name: string, text: string, hub?: string): string;
  /**
   * The text of a stored file, by the URL `putFile` or a job's `outputProperties` gave, or by
   * name (in `hub`, default the first); undefined when there is none.
   */
  readFile(urlOrName: string, hub?: string): string | undefined;
  /** Makes the next requests fail as asked. */
  injectFault(fault: FaultOptions): void;
  /**
   * Clears deliveries, notifications, scheduled pushes, feedback, faults, registrations, jobs and
   * files; installations back to the seed.
   */
  reset(): void;
  /** Stops the server and every timer. */
  close(): Promise<void>;
}
