export { FULL_RULE, LISTEN_RULE, startEmulator } from "./emulator.js";
export type { DeliveryRecord, DeviceRecord, RequestRecord } from "./inspection-types.js";
export type { EmulatorQuota } from "./quota.js";
export type { EmulatorTlsOptions } from "./tls-certificates.js";
export type { TlsRenewal } from "./tls-kept.js";
export type {
  BrowserPushChannel,
  Delivery,
  Emulator,
  EmulatorKeys,
  EmulatorOptions,
  FaultOptions,
  Installation,
  InstallationTemplate,
  RequestInfo,
} from "./types.js";
