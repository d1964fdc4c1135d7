import type { NotificationOutcome, RegistrationResult } from "./client-types.js";
import { xmlElements, xmlText } from "./xml-text.js";

/**
 * Parses the `NotificationOutcome` body of a test send. Accepts `<Results i:nil="true"/>`,
 * `<Results />`, a missing `Results`, and an empty body (all mean no device was reached).
 */
export function parseNotificationOutcome(body: string): NotificationOutcome {
  const results: RegistrationResult[] = xmlElements(body, "RegistrationResult").map((item) => ({
    platform: xmlText(item, "ApplicationPlatform") ?? "",
    pnsHandle: xmlText(item, "PnsHandle") ?? "",
    registrationId: xmlText(item, "RegistrationId") ?? "",
    outcome: xmlText(item, "Outcome") ?? "",
  }));
  return {
    success: toCount(xmlText(body, "Success")),
    failure: toCount(xmlText(body, "Failure")),
    results,
  };
}

function toCount(text: string | undefined): number {
  const value = text === undefined ? 0 : Number.parseInt(text, 10);
  return Number.isFinite(value) ? value : 0;
}
