/**
 * `@nhub/core` for Node.js: undici transport and node:crypto signing.
 * @packageDocumentation
 */
import { NotificationHubClient } from "./client.js";
import type { ClientOptions } from "./client-types.js";
import { nodePlatform } from "./node-platform.js";
import { createSasTokenWith, type SasTokenOptions } from "./sas-token.js";

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
 * Signs a Shared Access Signature token:
 * `SharedAccessSignature sr={sr}&sig={sig}&se={expiresOn}&skn={keyName}`.
 */
export async function createSasToken(options: SasTokenOptions): Promise<string> {
  return createSasTokenWith(nodePlatform.hmac, options);
}
