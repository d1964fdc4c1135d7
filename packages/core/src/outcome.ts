import type { NotificationOutcome, RegistrationResult } from "./client-types.js";
import { child, childText, parseXmlLite } from "./xml-lite.js";

/**
 * Parses the `NotificationOutcome` body of a test send. Accepts `<Results i:nil="true"/>`,
 * `<Results />`, a missing `Results`, and an empty body (all mean no device was reached).
 */
export function parseNotificationOutcome(body: string): NotificationOutcome {
  const root = body.trim() === "" ? undefined : parseXmlLite(body);
  const results: RegistrationResult[] = [];
  for (const item of child(root, "Results")?.children ?? []) {
    if (item.name !== "RegistrationResult") continue;
    results.push({
      platform: childText(item, "ApplicationPlatform") ?? "",
      pnsHandle: childText(item, "PnsHandle") ?? "",
      registrationId: childText(item, "RegistrationId") ?? "",
      outcome: childText(item, "Outcome") ?? "",
    });
  }
  return {
    success: toCount(childText(root, "Success")),
    failure: toCount(childText(root, "Failure")),
    results,
  };
}

function toCount(text: string | undefined): number {
  const value = text === undefined ? 0 : Number.parseInt(text, 10);
  return Number.isFinite(value) ? value : 0;
}
