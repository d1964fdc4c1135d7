/**
 * `@nhub/core` for browsers, edge workers, Deno and Bun: `fetch` transport, WebCrypto signing.
 * @packageDocumentation
 */
import { NotificationHubClient } from "./client.js";
import type { ClientOptions } from "./client-types.js";
import { createSasTokenWith, type SasTokenOptions } from "./sas-token.js";
import { SendClient } from "./send-client.js";
import { webPlatform } from "./web-platform.js";

export { createFetchTransport } from "./fetch-transport.js";
export * from "./public-api.js";

/** Creates a client for one notification hub (fetch transport, WebCrypto signing). */
export function createClient(options: ClientOptions): NotificationHubClient {
  return new NotificationHubClient(options, webPlatform);
}

/**
 * Creates the send-only client for one hub: `send`, `request`, `register`, `close`, with the same
 * validation, signing, retries and debug dump as `createClient`'s, in a fraction of the bundle.
 * The other operations are standalone functions taking the client (`sendDirect(client, ...)`,
 * `sendBatch`, `scheduleSend`, `cancelScheduled`, `getNotificationOutcomeDetails`,
 * `getFeedbackContainerUrl`), so a bundle holds only those it calls.
 *
 * @example
 * ```ts
 * import { createSendClient } from "@nhub/core";
 * import { wns } from "@nhub/wns";
 * const client = createSendClient({ connectionString, hubName: "myhub", adapters: [wns()] });
 * await client.send("windows", "<toast><visual>...</visual></toast>", { tags: ["sports"] });
 * ```
 */
export function createSendClient(options: ClientOptions): SendClient {
  return new SendClient(options, webPlatform);
}

/**
 * Signs a Shared Access Signature token:
 * `SharedAccessSignature sr={sr}&sig={sig}&se={expiresOn}&skn={keyName}`.
 */
export async function createSasToken(options: SasTokenOptions): Promise<string> {
  return createSasTokenWith(webPlatform.hmac, options);
}
