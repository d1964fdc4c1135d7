import {
  assertClient,
  type HubClient,
  type OperationOptions,
  readResponse,
  segment,
  withSignal,
} from "./hub-client.js";
import {
  assertInstallation,
  parseInstallation,
  serializeInstallation,
} from "./installation-json.js";
import { assertInstallationPatches } from "./installation-patch.js";
import type { Installation, InstallationPatch } from "./installation-types.js";

/**
 * Creates or replaces an installation (`PUT installations/{id}`). The service applies writes
 * asynchronously: a read right after may still show the old state. Never mutates the input.
 */
export async function createOrUpdateInstallation(
  client: HubClient,
  installation: Installation,
  options?: OperationOptions,
): Promise<void> {
  assertClient(client, "createOrUpdateInstallation");
  assertInstallation(installation, "createOrUpdateInstallation");
  const id = segment(installation.installationId, "installationId", "createOrUpdateInstallation");
  await client.request(
    withSignal(
      {
        method: "PUT",
        path: `installations/${id}`,
        headers: { "Content-Type": "application/json" },
        body: serializeInstallation(installation),
      },
      options,
    ),
  );
}

/**
 * Changes parts of an installation with JSON Patch (`PATCH installations/{id}`), for example
 * `[{ op: "add", path: "/tags", value: "sports" }, { op: "remove", path: "/userId" }]`.
 * Patches are validated before anything is sent.
 */
export async function patchInstallation(
  client: HubClient,
  installationId: string,
  patches: readonly InstallationPatch[],
  options?: OperationOptions,
): Promise<void> {
  assertClient(client, "patchInstallation");
  const id = segment(installationId, "installationId", "patchInstallation");
  assertInstallationPatches(patches, "patchInstallation");
  const body = JSON.stringify(
    patches.map((patch) =>
      patch.op === "remove"
        ? { op: patch.op, path: patch.path }
        : { op: patch.op, path: patch.path, value: patch.value },
    ),
  );
  await client.request(
    withSignal(
      {
        method: "PATCH",
        path: `installations/${id}`,
        headers: { "Content-Type": "application/json-patch+json" },
        body,
      },
      options,
    ),
  );
}

/** Reads an installation (`GET installations/{id}`); a missing one is a 404 `ServiceError`. */
export async function getInstallation(
  client: HubClient,
  installationId: string,
  options?: OperationOptions,
): Promise<Installation> {
  assertClient(client, "getInstallation");
  const id = segment(installationId, "installationId", "getInstallation");
  const response = await client.request(
    withSignal({ method: "GET", path: `installations/${id}` }, options),
  );
  return readResponse("getInstallation", () => parseInstallation(response.body));
}

/** Deletes an installation (`DELETE installations/{id}`, 204). */
export async function deleteInstallation(
  client: HubClient,
  installationId: string,
  options?: OperationOptions,
): Promise<void> {
  assertClient(client, "deleteInstallation");
  const id = segment(installationId, "installationId", "deleteInstallation");
  await client.request(withSignal({ method: "DELETE", path: `installations/${id}` }, options));
}
