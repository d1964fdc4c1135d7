/**
 * `@nhub/management`: installations, registrations and bulk jobs of an Azure Notification Hub,
 * as standalone functions that take a `@nhub/core` client as their first argument.
 * @packageDocumentation
 */
export { channelFilter, odataString } from "./channel-filter.js";
export type { HubClient, OperationOptions } from "./hub-client.js";
export {
  INSTALLATION_PLATFORMS,
  parseInstallation,
  serializeInstallation,
} from "./installation-json.js";
export type {
  BrowserPushChannel,
  Installation,
  InstallationPatch,
  InstallationPlatform,
  InstallationSecondaryTile,
  InstallationTemplate,
} from "./installation-types.js";
export {
  createOrUpdateInstallation,
  deleteInstallation,
  getInstallation,
  patchInstallation,
} from "./installations.js";
export type {
  NotificationHubJob,
  NotificationHubJobInput,
  NotificationHubJobStatus,
  NotificationHubJobType,
} from "./job-types.js";
export { parseJobEntry, parseJobFeed, serializeJob } from "./job-xml.js";
export { getJob, listJobs, submitJob, type WaitForJobOptions, waitForJob } from "./jobs.js";
export type {
  ByPageOptions,
  ListRegistrationsOptions,
  PagedRegistrations,
  RegistrationPage,
} from "./paging.js";
export {
  type ParseRegistrationOptions,
  parseRegistrationEntry,
  parseRegistrationFeed,
} from "./registration-parse.js";
export type {
  AdmRegistration,
  AnyRegistration,
  AppleRegistration,
  BaiduRegistration,
  BrowserRegistration,
  FcmV1Registration,
  GcmRegistration,
  MpnsRegistration,
  Registration,
  RegistrationChannel,
  RegistrationCommon,
  RegistrationKind,
  RegistrationTemplate,
  UnknownRegistration,
  WindowsRegistration,
  XiaomiRegistration,
} from "./registration-types.js";
export { assertRegistration } from "./registration-validate.js";
export {
  type SerializeRegistrationOptions,
  serializeRegistration,
  serializeRegistrationFeed,
} from "./registration-xml.js";
export {
  createOrUpdateRegistration,
  createRegistration,
  createRegistrationId,
  type DeleteRegistrationOptions,
  deleteRegistration,
  getRegistration,
  listRegistrations,
  listRegistrationsByChannel,
  listRegistrationsByTag,
  updateRegistration,
} from "./registrations.js";
export { parseServiceTime } from "./service-time.js";
