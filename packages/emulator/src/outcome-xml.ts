import type { NotificationRecord } from "./hub-store.js";
import { PLATFORM_FORMAT } from "./targeting.js";
import { escapeXmlText as escapeXml } from "./xml-escape.js";

const NAMESPACES =
  'xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://schemas.microsoft.com/netservices/2010/10/servicebus/connect"';

/** The service's outcome text for a push handed to the PNS. */
export const OUTCOME_SUCCESS =
  "The Notification was successfully sent to the Push Notification System";
/** The service's outcome text for an expired PNS handle. */
export const OUTCOME_INVALID_HANDLE =
  "The Push Notification System handle for the registration is invalid";

/** One device's line of a test-send outcome. */
export interface OutcomeResult {
  /** Installation platform (`apns`, ...); written as the format name (`apple`, ...). */
  platform: string;
  pnsHandle: string;
  registrationId: string;
  success: boolean;
}

/** The `NotificationOutcome` body of a test send (wire reference section 6). */
export function notificationOutcomeXml(results: readonly OutcomeResult[]): string {
  const success = results.filter((result) => result.success).length;
  const items = results
    .map(
      (result) =>
        `<RegistrationResult><ApplicationPlatform>${escapeXml(PLATFORM_FORMAT[result.platform] ?? result.platform)}</ApplicationPlatform>` +
        `<PnsHandle>${escapeXml(result.pnsHandle)}</PnsHandle>` +
        `<RegistrationId>${escapeXml(result.registrationId)}</RegistrationId>` +
        `<Outcome>${result.success ? OUTCOME_SUCCESS : OUTCOME_INVALID_HANDLE}</Outcome></RegistrationResult>`,
    )
    .join("");
  const resultsXml = items === "" ? '<Results i:nil="true"/>' : `<Results>${items}</Results>`;
  return `<NotificationOutcome ${NAMESPACES}><Success>${success}</Success><Failure>${
    results.length - success
  }</Failure>${resultsXml}</NotificationOutcome>`;
}

/** Element name prefix of each platform's outcome counts. */
const COUNT_ELEMENTS: readonly [string, string][] = [
  ["apns", "Apns"],
  ["mpns", "Mpns"],
  ["wns", "Wns"],
  ["gcm", "Gcm"],
  ["adm", "Adm"],
  ["fcmv1", "FcmV1"],
  ["baidu", "Baidu"],
  ["xiaomi", "Xiaomi"],
  ["browser", "Browser"],
];

function dateElement(name: string, date: Date | undefined): string {
  return date === undefined
    ? `<${name} i:nil="true"/>`
    : `<${name}>${date.toISOString()}</${name}>`;
}

/** The `NotificationDetails` body of `GET /{hub}/messages/{id}` (wire reference section 6). */
export function notificationDetailsXml(
  record: NotificationRecord,
  pnsErrorDetailsUri: string,
): string {
  const platforms = [...record.outcomeCounts.keys()].map(
    (platform) => PLATFORM_FORMAT[platform] ?? platform,
  );
  const targetPlatforms = platforms.length > 0 ? platforms.join(",") : record.format;
  let counts = "";
  for (const [platform, element] of COUNT_ELEMENTS) {
    const outcomes = record.outcomeCounts.get(platform);
    if (outcomes === undefined) continue;
    const items = [...outcomes]
      .map(
        ([name, count]) =>
          `<Outcome><Name>${escapeXml(name)}</Name><Count>${count}</Count></Outcome>`,
      )
      .join("");
    counts += `<${element}OutcomeCounts>${items}</${element}OutcomeCounts>`;
  }
  return (
    `<NotificationDetails ${NAMESPACES}>` +
    `<NotificationId>${escapeXml(record.id)}</NotificationId>` +
    `<Location>${escapeXml(record.location)}</Location>` +
    `<State>${record.state}</State>` +
    dateElement("EnqueueTime", record.enqueueTime) +
    dateElement("StartTime", record.startTime) +
    dateElement("EndTime", record.endTime) +
    `<NotificationBody>${escapeXml(record.body)}</NotificationBody>` +
    (record.tags === undefined
      ? '<Tags i:nil="true"/>'
      : `<Tags>${escapeXml(record.tags)}</Tags>`) +
    `<TargetPlatforms>${escapeXml(targetPlatforms)}</TargetPlatforms>` +
    counts +
    `<PnsErrorDetailsUri>${escapeXml(pnsErrorDetailsUri)}</PnsErrorDetailsUri>` +
    "</NotificationDetails>"
  );
}

/** The test-send outcome as the request log shows it: `{ success, failure, results }`. */
export function outcomeObject(results: readonly OutcomeResult[]): object {
  const success = results.filter((result) => result.success).length;
  return {
    success,
    failure: results.length - success,
    results: results.map((result) => ({
      applicationPlatform: PLATFORM_FORMAT[result.platform] ?? result.platform,
      pnsHandle: result.pnsHandle,
      registrationId: result.registrationId,
      outcome: result.success ? OUTCOME_SUCCESS : OUTCOME_INVALID_HANDLE,
    })),
  };
}
