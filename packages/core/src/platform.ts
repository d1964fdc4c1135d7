import type { Tracer } from "./diagnostics.js";
import type { HmacSha256Base64 } from "./sas-token.js";
import type { DispatcherLike, Transport } from "./transport.js";

/** What differs between the Node.js and the web builds of core. */
export interface Platform {
  hmac: HmacSha256Base64;
  createTransport(options: {
    dispatcher?: DispatcherLike | undefined;
    connections: number;
  }): Transport;
  defaultLogger(text: string): void;
  /**
   * Lets `signal` carry one listener per request in flight (a client's close signal): Node.js
   * warns of a possible leak above 10. Absent where nothing warns (the web build).
   */
  allowManyListeners?(signal: AbortSignal): void;
  /** Publishes on `diagnostics_channel`; absent where there is none (the web build). */
  tracer?: Tracer | undefined;
}
