/** One HTTP request as core hands it to a {@link Transport}. */
export interface TransportRequest {
  method: string;
  /** Absolute URL, for example `https://ns.servicebus.windows.net/hub/messages?api-version=2020-06`. */
  url: string;
  /** `url`'s origin (`https://ns.servicebus.windows.net`), precomputed. */
  origin: string;
  /** `url` without its origin: path plus query. */
  path: string;
  /** Header names as core writes them; values are final strings. */
  headers: Record<string, string>;
  body?: string | Uint8Array | undefined;
  /** Reject with `TimeoutError` when no complete response arrived within this many ms. */
  timeoutMs: number;
  /** Reject with `AbortError` when this fires. */
  signal?: AbortSignal | undefined;
}

/** One HTTP response as a {@link Transport} returns it. */
export interface TransportResponse {
  status: number;
  /** Header names in lower case. */
  headers: Record<string, string>;
  /** The body, decoded as UTF-8 text. */
  body: string;
}

/**
 * Moves bytes. The default on Node.js is an undici pool per origin (its first request goes over
 * node:http(s) unless configured otherwise); elsewhere `fetch`.
 * A transport must reject with core's `TimeoutError`, `AbortError` or `NetworkError`
 * (with `requestSent: false` only when the request certainly never left the process).
 */
export interface Transport {
  /** Sends one request and resolves to the service's response (any status). */
  request(request: TransportRequest): Promise<TransportResponse>;
  /** Releases connections. */
  close?(): Promise<void>;
}

/** Anything shaped like an undici `Dispatcher` (recognised by duck typing). */
export interface DispatcherLike {
  /** The undici `Dispatcher.dispatch` method (only its presence is checked). */
  dispatch(...args: never[]): unknown;
}
