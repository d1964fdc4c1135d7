import type { HubStore, NotificationRecord } from "./hub-store.js";
import type { OutcomeResult } from "./outcome-xml.js";
import type { ValidSend } from "./send-validation.js";
import type { PushTarget } from "./targeting.js";
import { renderExpressions } from "./template-expression.js";
import { renderTemplate, type TemplateProperties, templateKind } from "./template-renderer.js";
import type { Delivery } from "./types.js";

/** Outcome name counted for a push handed to the PNS. */
export const COUNT_SUCCESS = "Success";
/** Outcome name counted for an expired PNS handle. */
export const COUNT_EXPIRED = "ExpiredChannel";

/** What a delivery is recorded with: the public fields and what the inspection API shows. */
export interface DeliveryInput extends Delivery {
  /** The send's `ServiceBusNotification-Format`. */
  format: string;
  /** The device's tags when delivered. */
  tags: string[];
  /** For a template send: the template rendered. */
  template: { body: string; headers: Record<string, string> } | null;
  /** The exact bytes delivered when they are not just `body` as UTF-8 (a native send's body). */
  bytes?: Buffer;
}

/** Where deliveries go. */
export interface DeliverySink {
  record(delivery: DeliveryInput): void;
  now(): Date;
}

function templateContentType(body: string, headers: Record<string, string>): string {
  if (headers["x-wns-type"]?.toLowerCase() === "wns/raw") return "application/octet-stream";
  const kind = templateKind(body);
  if (kind === "xml") return "application/xml";
  return kind === "json" ? "application/json" : "text/plain";
}

function renderedTemplate(
  target: PushTarget,
  properties: TemplateProperties,
): { headers: Record<string, string>; body: string } {
  const template = target.template;
  if (template === undefined) throw new Error("renderedTemplate needs a template target");
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(template.headers)) {
    headers[name] = renderExpressions(value, properties);
  }
  return {
    headers: { "content-type": templateContentType(template.body, headers), ...headers },
    body: renderTemplate(template.body, properties),
  };
}

function count(record: NotificationRecord, platform: string, outcome: string): void {
  let outcomes = record.outcomeCounts.get(platform);
  if (outcomes === undefined) {
    outcomes = new Map();
    record.outcomeCounts.set(platform, outcomes);
  }
  outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
}

/**
 * Hands a push to each target: a delivery per live target (the template rendered for template
 * targets), a failure and a feedback entry per expired one. Completes the record.
 */
export function deliver(
  sink: DeliverySink,
  hub: HubStore,
  record: NotificationRecord,
  send: ValidSend,
  targets: readonly PushTarget[],
): OutcomeResult[] {
  const results: OutcomeResult[] = [];
  record.startTime = sink.now();
  for (const target of targets) {
    results.push({
      platform: target.platform,
      pnsHandle: target.pushChannel,
      registrationId: target.id,
      success: !target.expired,
    });
    if (target.expired) {
      count(record, target.platform, COUNT_EXPIRED);
      hub.addFeedback({
        time: sink.now(),
        notificationId: record.id,
        platform: target.platform,
        pnsHandle: target.pushChannel,
        installationId: target.installationId,
        registrationId: target.id,
        outcome: COUNT_EXPIRED,
      });
      continue;
    }
    count(record, target.platform, COUNT_SUCCESS);
    const content: { headers: Record<string, string>; body: string; bytes?: Buffer } =
      target.template !== undefined && send.properties !== undefined
        ? renderedTemplate(target, send.properties)
        : { headers: { ...send.pnsHeaders }, body: send.text, bytes: send.bytes };
    sink.record({
      notificationId: record.id,
      hub: hub.name,
      installationId: target.installationId,
      platform: target.platform,
      pushChannel: target.pushChannel,
      headers: content.headers,
      body: content.body,
      ...(content.bytes === undefined ? {} : { bytes: content.bytes }),
      format: send.format,
      tags: [...target.tags],
      template:
        target.template === undefined
          ? null
          : { body: target.template.body, headers: { ...target.template.headers } },
      ...(target.source === "registration" ? { registrationId: target.id } : {}),
      ...(target.template === undefined ? {} : { templateName: target.template.name }),
    });
  }
  record.state = targets.length === 0 ? "NoTargetFound" : "Completed";
  record.endTime = sink.now();
  return results;
}
