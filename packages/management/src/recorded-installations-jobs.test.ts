import { describe, expect, it } from "vitest";
import { parseInstallation } from "./installation-json.js";
import { parseJobEntry } from "./job-xml.js";
import { dotnetCalls } from "./test-fixtures.test-helper.js";

describe("recorded installations (JSON labelled application/xml)", () => {
  const calls = dotnetCalls().filter(
    (call) => call.uri.includes("/installations/") && call.body.startsWith("{"),
  );
  it("finds them", () => {
    expect(calls.length).toBeGreaterThanOrEqual(8);
    expect(
      calls.every((call) => call.headers["content-type"] === "application/xml; charset=utf-8"),
    ).toBe(true);
  });
  it.each(calls.map((call) => [call.file, call] as const))("%s", (_name, call) => {
    const raw = JSON.parse(call.body) as Record<string, unknown>;
    const parsed = parseInstallation(call.body);
    expect(parsed.installationId).toBe(raw.installationId);
    expect(call.uri).toContain(`/installations/${parsed.installationId}?`);
    expect(parsed.platform).toBe(String(raw.platform).toLowerCase());
    expect(parsed.pushChannel).toBe(raw.pushChannel);
    expect(parsed.pushChannelExpired).toBe(false);
    expect(parsed.expirationTime).toEqual(new Date("9999-12-31T23:59:59.999Z"));
    expect(parsed.tags).toEqual(raw.tags);
    expect(parsed.userId).toBe(raw.userId);
    expect(parsed.pushVariables).toEqual(raw.pushVariables);
    expect(parsed.templates).toEqual(raw.templates);
  });
  it("keeps a template expiry with its offset and the service-added template-name tag", () => {
    const call = calls.find((c) =>
      c.file.startsWith("CreateOrUpdateInstallationAsync_CreateInstallationWithExpiryInTemplate"),
    );
    expect(parseInstallation(call?.body ?? "").templates).toEqual({
      "Template Name": {
        body: '{"aps":{"alert":"alert!"}}',
        expiry: "2018-11-07T16:18:32.6641371-08:00",
        tags: ["Template Name"],
      },
    });
  });
  it("reads userId and its removal", () => {
    const withUser = calls.find((c) =>
      c.file.startsWith("CreateOrUpdateInstallationAsync_CreateInstallationWithUserId"),
    );
    expect(parseInstallation(withUser?.body ?? "").userId).toEqual(expect.any(String));
    const removed = calls.find((c) =>
      c.file.startsWith("PatchInstallationAsync_CreateInstallationWithUserIdAndRemoveUserId"),
    );
    expect(parseInstallation(removed?.body ?? "").userId).toBeUndefined();
  });
});

describe("recorded job submission and read", () => {
  const calls = dotnetCalls().filter((call) =>
    call.file.startsWith("ManagementApi_ShouldReceiveCorrectJobs"),
  );
  it.each([1, 2])("call #%i", (index) => {
    const call = calls[index];
    const job = parseJobEntry(call?.body ?? "");
    expect(job).toEqual({
      jobId: "2518085877924241193a972e50a-f767-43f5-9389-22c9956daafa",
      type: "ImportCreateRegistrations",
      outputContainerUrl:
        "https://nhsdke2etest.blob.core.windows.net/testimportbulk?sv=2019-02-02&sr=c&sig=REDACTED&se=2020-07-02T22%3A03%3A24Z&sp=rwl",
      importFileUrl:
        "https://nhsdke2etest.blob.core.windows.net/testimportbulk/ImportRegistrations.txt?sv=2019-02-02&sr=b&sig=REDACTED&se=2020-07-02T22%3A03%3A24Z&sp=rcw",
      createdAt: new Date("2020-07-02T18:03:28.200Z"),
      updatedAt: new Date("2020-07-02T18:03:28.200Z"),
    });
    expect(job.status).toBeUndefined();
    expect(job.progress).toBeUndefined();
  });
});
