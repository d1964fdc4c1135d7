import {
  createClient,
  InvalidArgumentError,
  PayloadValidationError,
  type ServiceError,
  TagExpressionError,
} from "@nhub/core";
import { type CaptureServer, startCaptureServer } from "@nhub/core/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Installation, InstallationPatch } from "./installation-types.js";
import {
  createOrUpdateInstallation,
  deleteInstallation,
  getInstallation,
  patchInstallation,
} from "./installations.js";

let server: CaptureServer;
let client: ReturnType<typeof createClient>;
beforeAll(async () => {
  server = await startCaptureServer();
  client = createClient({
    connectionString: server.connectionString(),
    hubName: "hub",
    retry: false,
    timeoutMs: 5000,
  });
});
afterAll(async () => {
  await client.close();
  await server.close();
});
beforeEach(() => {
  server.requests.length = 0;
  server.respond(() => ({ status: 200 }));
});

describe("installations on the wire", () => {
  it("createOrUpdateInstallation: PUT JSON without read-only fields; input untouched", async () => {
    const installation: Installation = Object.freeze({
      installationId: "inst/1",
      platform: "APNS" as Installation["platform"],
      pushChannel: "00fc13adff785122b4ad28809a3420982341241421348097878e577c991de8f0",
      tags: ["likes_hockey", "likes_football"],
      userId: "alice",
      pushVariables: { lang: "fr" },
      templates: {
        "Template Name": {
          body: '{"aps":{"alert":"$(m)"}}',
          expiry: new Date("2030-01-01T00:00:00Z"),
          tags: ["t1"],
        },
      },
      expirationTime: new Date("9999-12-31T23:59:59.999Z"),
      pushChannelExpired: false,
    });
    const copy = structuredClone(installation);
    await createOrUpdateInstallation(client, installation);
    const request = server.requests[0];
    expect(request?.method).toBe("PUT");
    expect(request?.url).toBe("/hub/installations/inst%2F1?api-version=2020-06");
    expect(request?.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(request?.text ?? "")).toEqual({
      installationId: "inst/1",
      platform: "apns",
      pushChannel: "00fc13adff785122b4ad28809a3420982341241421348097878e577c991de8f0",
      tags: ["likes_hockey", "likes_football"],
      userId: "alice",
      pushVariables: { lang: "fr" },
      templates: {
        "Template Name": {
          body: '{"aps":{"alert":"$(m)"}}',
          expiry: "2030-01-01T00:00:00.000Z",
          tags: ["t1"],
        },
      },
    });
    expect(installation).toEqual(copy);
  });

  it("writes a browser pushChannel as { endpoint, p256dh, auth }", async () => {
    await createOrUpdateInstallation(client, {
      installationId: "b1",
      platform: "browser",
      pushChannel: { endpoint: "https://push/e", p256dh: "k", auth: "a" },
    });
    expect(JSON.parse(server.requests[0]?.text ?? "").pushChannel).toEqual({
      endpoint: "https://push/e",
      p256dh: "k",
      auth: "a",
    });
  });

  it("getInstallation: parses JSON whatever the Content-Type says", async () => {
    server.respond(() => ({
      status: 200,
      headers: { "Content-Type": "application/xml; charset=utf-8" },
      body: '{"installationId":"i1","pushChannel":"ch","pushChannelExpired":false,"platform":"FcmV1","expirationTime":"9999-12-31T23:59:59.9999999Z","lastUpdate":"2024-04-16T22:06:17.1234567Z","tags":["a"]}',
    }));
    await expect(getInstallation(client, "i1")).resolves.toEqual({
      installationId: "i1",
      platform: "fcmv1",
      pushChannel: "ch",
      pushChannelExpired: false,
      expirationTime: new Date("9999-12-31T23:59:59.999Z"),
      lastUpdate: new Date("2024-04-16T22:06:17.123Z"),
      tags: ["a"],
    });
    expect(server.requests[0]?.method).toBe("GET");
    expect(server.requests[0]?.url).toBe("/hub/installations/i1?api-version=2020-06");
  });

  it("getInstallation: 404 is a ServiceError", async () => {
    server.respond(() => ({
      status: 404,
      body: "<Error><Code>404</Code><Detail>Installation not found.TrackingId:t</Detail></Error>",
    }));
    const error = await getInstallation(client, "gone").catch((e: unknown) => e);
    expect((error as ServiceError).statusCode).toBe(404);
  });

  it("patchInstallation: PATCH a JSON Patch array", async () => {
    const patches: InstallationPatch[] = [
      { op: "add", path: "/tags", value: "sports" },
      { op: "remove", path: "/tags/old_tag" },
      { op: "replace", path: "/userId", value: "bob" },
      { op: "add", path: "/templates/t1", value: JSON.stringify({ body: "{}" }) },
      { op: "remove", path: "/userId" },
    ];
    await patchInstallation(client, "i 1", patches);
    const request = server.requests[0];
    expect(request?.method).toBe("PATCH");
    expect(request?.url).toBe("/hub/installations/i%201?api-version=2020-06");
    expect(request?.headers["content-type"]).toBe("application/json-patch+json");
    expect(JSON.parse(request?.text ?? "")).toEqual(patches);
  });

  it.each([
    [[], InvalidArgumentError, /non-empty array/],
    [
      [{ op: "move", path: "/tags" }],
      InvalidArgumentError,
      /op must be "add", "remove" or "replace"/,
    ],
    [[{ op: "add", path: "tags", value: "a" }], InvalidArgumentError, /must start with "\/"/],
    [
      [{ op: "add", path: "/installationId", value: "a" }],
      InvalidArgumentError,
      /must name one of/,
    ],
    [[{ op: "add", path: "/userId", value: 5 }], InvalidArgumentError, /value must be a string/],
    [[{ op: "remove", path: "/userId", value: "x" }], InvalidArgumentError, /takes no value/],
    [[{ op: "add", path: "/tags", value: "bad tag" }], TagExpressionError, /whitespace/],
    [[{ op: "remove", path: "/tags/bad tag" }], TagExpressionError, /whitespace/],
    [
      [{ op: "add", path: "/templates/t", value: "{not json" }],
      PayloadValidationError,
      /JSON string/,
    ],
  ])("patchInstallation refuses %j before sending", async (patches, type, message) => {
    const attempt = patchInstallation(client, "i1", patches as InstallationPatch[]);
    await expect(attempt).rejects.toThrow(type);
    await expect(patchInstallation(client, "i1", patches as InstallationPatch[])).rejects.toThrow(
      message,
    );
    expect(server.requests).toHaveLength(0);
  });

  it.each([
    [{ platform: "apns", pushChannel: "x" }, InvalidArgumentError, /installationId/],
    [
      { installationId: "i", platform: "nokia", pushChannel: "x" },
      InvalidArgumentError,
      /platform must be one of apns, wns/,
    ],
    [
      { installationId: "i", platform: "gcm", pushChannel: "" },
      InvalidArgumentError,
      /pushChannel/,
    ],
    [
      { installationId: "i", platform: "browser", pushChannel: "x" },
      InvalidArgumentError,
      /endpoint, p256dh, auth/,
    ],
    [
      { installationId: "i", platform: "gcm", pushChannel: "x", tags: ["ok", "not ok"] },
      TagExpressionError,
      /whitespace/,
    ],
    [
      { installationId: "i", platform: "gcm", pushChannel: "x", templates: { t: { body: "" } } },
      PayloadValidationError,
      /body/,
    ],
    [
      {
        installationId: "i",
        platform: "gcm",
        pushChannel: "x",
        templates: { t: { body: "{}", tags: ["$UserId:{a}"] } },
      },
      TagExpressionError,
      /system tag/,
    ],
  ])(
    "createOrUpdateInstallation refuses %j before sending",
    async (installation, type, message) => {
      await expect(
        createOrUpdateInstallation(client, installation as Installation),
      ).rejects.toThrow(type);
      await expect(
        createOrUpdateInstallation(client, installation as Installation),
      ).rejects.toThrow(message);
      expect(server.requests).toHaveLength(0);
    },
  );

  it("deleteInstallation: DELETE, 204", async () => {
    server.respond(() => ({ status: 204 }));
    await deleteInstallation(client, "i1");
    expect([server.requests[0]?.method, server.requests[0]?.url]).toEqual([
      "DELETE",
      "/hub/installations/i1?api-version=2020-06",
    ]);
    await expect(deleteInstallation(client, "")).rejects.toThrow(
      /installationId must be a non-empty string/,
    );
  });
});
