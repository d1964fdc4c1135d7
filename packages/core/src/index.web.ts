/**
 * `@nhub/core` for browsers, edge workers, Deno and Bun: `fetch` transport, WebCrypto signing.
 * @packageDocumentation
 */
import { NotificationHubClient } from "./client.js";
import type { ClientOptions } from "./client-types.js";
import { createSasTokenWith, type SasTokenOptions } from "./sas-token.js";
import { webPlatform } from "./web-platform.js";

export { createFetchTransport } from "./fetch-transport.js";
export * from "./public-api.js";

/** Creates a client for one notification hub (fetch transport, WebCrypto signing). */
export function createClient(options: ClientOptions): NotificationHubClient {
  return new NotificationHubClient(options, webPlatform);
}

/**
 * Signs a Shared Access Signature token:
 * `SharedAccessSignature sr={sr}&sig={sig}&se={expiresOn}&skn={keyName}`.
 */
export async function createSasToken(options: SasTokenOptions): Promise<string> {
  return createSasTokenWith(webPlatform.hmac, options);
}
