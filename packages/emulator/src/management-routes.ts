import type { EmulatorContext, RouteRequest } from "./context.js";
import { FILES_SEGMENT, handleGetFile, handlePutFile } from "./file-routes.js";
import {
  handleDeleteInstallation,
  handleGetInstallation,
  handlePatchInstallation,
  handlePutInstallation,
} from "./installation-routes.js";
import { handleGetJob, handleListJobs, handleSubmitJob } from "./job-routes.js";
import {
  handleCreateRegistration,
  handleCreateRegistrationId,
  handleDeleteRegistration,
  handleGetRegistration,
  handleListRegistrations,
  handleListRegistrationsByTag,
  handlePutRegistration,
} from "./registration-routes.js";
import type { Right } from "./sas-auth.js";
import type { Reply } from "./service-reply.js";

/** The shape of a route (the router's `Route`, declared here to keep imports one-way). */
interface ManagementRoute {
  method: string;
  matches(rest: readonly string[]): boolean;
  right: Right | undefined;
  handle(request: RouteRequest, context: EmulatorContext): Reply;
}

const is = (rest: readonly string[], ...names: (string | undefined)[]) =>
  rest.length === names.length &&
  names.every((name, index) => name === undefined || rest[index] === name);

const one = (name: string) => (r: readonly string[]) => is(r, name);
const item = (name: string) => (r: readonly string[]) => is(r, name, undefined);
const files = (r: readonly string[]) => r.length >= 2 && r[0] === FILES_SEGMENT;

/**
 * Routes of installations, registrations, jobs and the file store. Rights as documented by the
 * service: Listen creates, reads, updates and deletes single installations and registrations;
 * listings and jobs need Manage.
 */
export const MANAGEMENT_ROUTES: readonly ManagementRoute[] = [
  { method: "PUT", right: "Listen", matches: item("installations"), handle: handlePutInstallation },
  {
    method: "PATCH",
    right: "Listen",
    matches: item("installations"),
    handle: handlePatchInstallation,
  },
  { method: "GET", right: "Listen", matches: item("installations"), handle: handleGetInstallation },
  {
    method: "DELETE",
    right: "Listen",
    matches: item("installations"),
    handle: handleDeleteInstallation,
  },
  {
    method: "POST",
    right: "Listen",
    matches: (r) => r.length === 1 && r[0]?.toLowerCase() === "registrationids",
    handle: handleCreateRegistrationId,
  },
  {
    method: "POST",
    right: "Listen",
    matches: one("registrations"),
    handle: handleCreateRegistration,
  },
  {
    method: "GET",
    right: "Manage",
    matches: one("registrations"),
    handle: handleListRegistrations,
  },
  { method: "PUT", right: "Listen", matches: item("registrations"), handle: handlePutRegistration },
  { method: "GET", right: "Listen", matches: item("registrations"), handle: handleGetRegistration },
  {
    method: "DELETE",
    right: "Listen",
    matches: item("registrations"),
    handle: handleDeleteRegistration,
  },
  {
    method: "GET",
    right: "Manage",
    matches: (r) => is(r, "tags", undefined, "registrations"),
    handle: handleListRegistrationsByTag,
  },
  { method: "POST", right: "Manage", matches: one("jobs"), handle: handleSubmitJob },
  { method: "GET", right: "Manage", matches: one("jobs"), handle: handleListJobs },
  { method: "GET", right: "Manage", matches: item("jobs"), handle: handleGetJob },
  { method: "PUT", right: undefined, matches: files, handle: handlePutFile },
  { method: "GET", right: undefined, matches: files, handle: handleGetFile },
];
