/**
 * `@nhub/core` for Node.js: undici transport and node:crypto signing.
 * @packageDocumentation
 */
import { NotificationHubClient } from "./client.js";
import type { ClientOptions } from "./client-types.js";
import { nodePlatform } from "./node-platform.js";
import { createSasTokenWith, type SasTokenOptions } from "./sas-token.js";
import { SendClient } from "./send-client.js";

export { createFetchTransport } from "./fetch-transport.js";
export * from "./public-api.js";
export { createUndiciTransport, type UndiciTransportOptions } from "./undici-transport.js";

/**
 * Creates a client for one notification hub.
 *
 * @example
 * ```ts
 * import { createClient } from "@nhub/core";
 * import { wns } from "@nhub/wns";
 * const client = createClient({ connectionString, hubName: "myhub", adapters: [wns()] });
 * await client.send("windows", "<toast><visual>...</visual></toast>", { tags: ["sports"] });
 * ```
 */
export function createClient(options: ClientOptions): NotificationHubClient {
  return new NotificationHubClient(options, nodePlatform);
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
  return new SendClient(options, nodePlatform);
}

/**
 * Signs a Shared Access Signature token:
 * `SharedAccessSignature sr={sr}&sig={sig}&se={expiresOn}&skn={keyName}`.
 */
export async function createSasToken(options: SasTokenOptions): Promise<string> {
  return createSasTokenWith(nodePlatform.hmac, options);
}
