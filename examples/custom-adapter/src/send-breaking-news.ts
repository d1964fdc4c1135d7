import type { NotificationHubClient, SendOptions, SendResult } from "@nhub/core";
import { type BreakingNews, breakingNews } from "./breaking-news-adapter.js";

const defaultAdapter = /* @__PURE__ */ breakingNews();

/**
 * Sends breaking news to the devices that follow its category: the category becomes the send's
 * tag, so only those devices receive it, each in its own language.
 */
export function sendBreakingNews(
  client: Pick<NotificationHubClient, "send">,
  news: BreakingNews,
  options?: Omit<SendOptions, "tags" | "tagExpression">,
): Promise<SendResult> {
  return client.send(defaultAdapter, news, { ...options, tags: news?.category });
}
