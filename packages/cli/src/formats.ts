import { adm } from "@nhub/adm";
import { apns } from "@nhub/apns";
import { baidu } from "@nhub/baidu";
import { browser } from "@nhub/browser";
import type { AnyNotificationAdapter } from "@nhub/core";
import { fcmV1, gcm } from "@nhub/fcm";
import { mpns } from "@nhub/mpns";
import { template } from "@nhub/template";
import { wns } from "@nhub/wns";
import { xiaomi } from "@nhub/xiaomi";

/** Every `ServiceBusNotification-Format` the command knows, with its platform package's adapter. */
export const FORMAT_ADAPTERS: Readonly<Record<string, () => AnyNotificationAdapter>> = {
  apple: () => apns(),
  fcmv1: () => fcmV1(),
  gcm: () => gcm(),
  windows: () => wns(),
  windowsphone: () => mpns(),
  adm: () => adm(),
  baidu: () => baidu(),
  template: () => template(),
  browser: () => browser(),
  xiaomi: () => xiaomi(),
};

/** The format names, in the order the help lists them. */
export const FORMATS: readonly string[] = Object.keys(FORMAT_ADAPTERS);

/** A fresh adapter for every format. */
export function allAdapters(): AnyNotificationAdapter[] {
  return Object.values(FORMAT_ADAPTERS).map((create) => create());
}
