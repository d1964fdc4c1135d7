import { AbortError, createClient, InvalidArgumentError } from "@nhub/core";
import { type CaptureServer, startCaptureServer } from "@nhub/core/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { NotificationHubJob, NotificationHubJobStatus } from "./job-types.js";
import { parseJobEntry, serializeJob } from "./job-xml.js";
import { getJob, listJobs, submitJob, waitForJob } from "./jobs.js";

const OUT = "https://acct.blob.core.windows.net/out?sv=2019-02-02&sr=c&sig=abc&sp=rwl";
const IN = "https://acct.blob.core.windows.net/in/file.txt?sv=2019-02-02&sr=b&sig=abc&sp=rcw";
const job = (status?: NotificationHubJobStatus, progress?: number): NotificationHubJob => ({
  jobId: "job-1",
  type: "ExportRegistrations",
  outputContainerUrl: OUT,
  ...(status ? { status } : {}),
  ...(progress !== undefined ? { progress } : {}),
  createdAt: new Date("2024-01-01T00:00:00.123Z"),
});

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
});

describe("jobs", () => {
  it("serializeJob / parseJobEntry round trip with every field", () => {
    const full: NotificationHubJob = {
      ...job("Failed", 42.5),
      type: "ImportUpsertRegistrations",
      importFileUrl: IN,
      failure: "bad <line> & more",
      outputProperties: { OutputFilePath: "a/b", FailedFilePath: "c" },
      updatedAt: new Date("2024-01-01T00:01:00.000Z"),
    };
    const xml = serializeJob(full);
    expect(xml).toContain(
      `<OutputContainerUri><![CDATA[${OUT}]]></OutputContainerUri><ImportFileUri><![CDATA[${IN}]]></ImportFileUri>`,
    );
    expect(xml).toContain(
      "<d3p1:KeyValueOfstringstring><d3p1:Key>OutputFilePath</d3p1:Key><d3p1:Value>a/b</d3p1:Value>",
    );
    expect(parseJobEntry(xml)).toEqual(full);
  });

  it("submitJob: POST jobs with Type and the URIs only", async () => {
    server.respond(() => ({ status: 201, body: serializeJob(job()) }));
    const submitted = await submitJob(client, {
      type: "ImportCreateRegistrations",
      outputContainerUrl: OUT,
      importFileUrl: IN,
    });
    const request = server.requests[0];
    expect([request?.method, request?.url]).toEqual(["POST", "/hub/jobs?api-version=2020-06"]);
    expect(request?.headers["content-type"]).toBe("application/atom+xml;type=entry;charset=utf-8");
    expect(request?.text).toBe(
      `<?xml version="1.0" encoding="utf-8"?><entry xmlns="http://www.w3.org/2005/Atom"><content type="application/xml"><NotificationHubJob xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://schemas.microsoft.com/netservices/2010/10/servicebus/connect"><Type>ImportCreateRegistrations</Type><OutputContainerUri><![CDATA[${OUT}]]></OutputContainerUri><ImportFileUri><![CDATA[${IN}]]></ImportFileUri></NotificationHubJob></content></entry>`,
    );
    expect(submitted).toEqual(job());
  });

  it.each([
    [{ type: "Export", outputContainerUrl: OUT }, /job.type must be one of/],
    [
      { type: "ExportRegistrations", outputContainerUrl: "not a url" },
      /outputContainerUrl must be an absolute https URL/,
    ],
    [
      { type: "ImportCreateRegistrations", outputContainerUrl: OUT },
      /importFileUrl \(needed by import jobs\)/,
    ],
    [
      { type: "ExportRegistrations", outputContainerUrl: OUT, importFileUrl: IN },
      /only read by import jobs/,
    ],
  ])("submitJob refuses %j before sending", async (input, message) => {
    await expect(submitJob(client, input as never)).rejects.toThrow(InvalidArgumentError);
    await expect(submitJob(client, input as never)).rejects.toThrow(message);
    expect(server.requests).toHaveLength(0);
  });

  it("getJob and listJobs", async () => {
    server.respond((request) =>
      request.url.startsWith("/hub/jobs/")
        ? { status: 200, body: serializeJob(job("Running", 10)) }
        : {
            status: 200,
            body: `<feed xmlns="http://www.w3.org/2005/Atom">${[
              job("Completed", 100),
              job("Running", 5),
            ]
              .map((j) => serializeJob(j).replace('<?xml version="1.0" encoding="utf-8"?>', ""))
              .join("")}</feed>`,
          },
    );
    await expect(getJob(client, "job 1")).resolves.toEqual(job("Running", 10));
    await expect(listJobs(client)).resolves.toEqual([job("Completed", 100), job("Running", 5)]);
    expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      "GET /hub/jobs/job%201?api-version=2020-06",
      "GET /hub/jobs?api-version=2020-06",
    ]);
  });

  it("waitForJob polls until Completed, reporting progress", async () => {
    const states: [NotificationHubJobStatus, number][] = [
      ["Started", 0],
      ["Running", 50],
      ["Completed", 100],
    ];
    server.respond((_r, index) => ({
      status: 200,
      body: serializeJob(job(...(states[index] ?? ["Completed", 100]))),
    }));
    const seen: (number | undefined)[] = [];
    const done = await waitForJob(client, "job-1", {
      intervalMs: 1,
      onProgress: (j) => seen.push(j.progress),
    });
    expect(done.status).toBe("Completed");
    expect(seen).toEqual([0, 50, 100]);
    expect(server.requests).toHaveLength(3);
  });

  it("waitForJob resolves with a Failed job too", async () => {
    server.respond(() => ({
      status: 200,
      body: serializeJob({ ...job("Failed"), failure: "quota" }),
    }));
    await expect(waitForJob(client, "job-1", { intervalMs: 1 })).resolves.toMatchObject({
      status: "Failed",
      failure: "quota",
    });
  });

  it("waitForJob stops with AbortError when the signal fires", async () => {
    server.respond(() => ({ status: 200, body: serializeJob(job("Running", 1)) }));
    const controller = new AbortController();
    const waiting = waitForJob(client, "job-1", {
      intervalMs: 10_000,
      signal: controller.signal,
      onProgress: () => controller.abort(),
    });
    await expect(waiting).rejects.toThrow(AbortError);
    expect(server.requests).toHaveLength(1);
    await expect(waitForJob(client, "job-1", { intervalMs: -1 })).rejects.toThrow(/intervalMs/);
  });
});
