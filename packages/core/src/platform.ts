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
  /** Publishes on `diagnostics_channel`; absent where there is none (the web build). */
  tracer?: Tracer | undefined;
}
