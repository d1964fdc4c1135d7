import { InvalidArgumentError } from "./errors.js";
import type { SendClient } from "./send-client.js";

/**
 * Cancels a scheduled notification by the id `scheduleSend` resolved to
 * (`DELETE .../schedulednotifications/{id}`). Same as `client.cancelScheduled(id)`.
 *
 * @throws {InvalidArgumentError} when the id is not a non-empty string.
 */
export async function cancelScheduled(
  client: SendClient,
  notificationId: string,
  options: { signal?: AbortSignal } = {},
): Promise<void> {
  if (typeof notificationId !== "string" || notificationId.trim() === "") {
    throw new InvalidArgumentError(
      "cancelScheduled needs the notification id that scheduleSend resolved to.",
    );
  }
  await client.request({
    method: "DELETE",
    path: `schedulednotifications/${encodeURIComponent(notificationId)}`,
    signal: options.signal,
  });
}

/**
 * The SAS URL of the blob container where the hub writes PNS feedback
 * (`GET .../feedbackcontainer`). Same as `client.getFeedbackContainerUrl()`.
 */
export async function getFeedbackContainerUrl(
  client: SendClient,
  options: { signal?: AbortSignal } = {},
): Promise<string> {
  const response = await client.request({
    method: "GET",
    path: "feedbackcontainer",
    signal: options.signal,
  });
  return response.body.trim();
}
