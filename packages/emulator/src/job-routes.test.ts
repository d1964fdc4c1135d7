import {
  type AnyRegistration,
  type NotificationHubJob,
  parseJobEntry,
  parseJobFeed,
  parseRegistrationEntry,
  serializeJob,
  serializeRegistration,
} from "@nhub/management";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { call, startTestEmulator } from "./http.test-helper.js";
import { splitImportFile } from "./job-runner.js";
import type { Emulator } from "./types.js";

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startTestEmulator({ jobStepMs: 1 });
});
beforeEach(() => emulator.reset());
afterAll(() => emulator.close());

const CONTAINER = "https://account.blob.core.windows.net/export?sig=x";

function submit(emu: Emulator, job: NotificationHubJob) {
  return call(emu, { path: `${emu.hubName}/jobs?api-version=2020-06`, body: serializeJob(job) });
}

async function getJob(emu: Emulator, id: string): Promise<NotificationHubJob> {
  const response = await call(emu, {
    method: "GET",
    path: `${emu.hubName}/jobs/${id}?api-version=2020-06`,
  });
  expect(response.status).toBe(200);
  return parseJobEntry(response.text);
}

async function finished(emu: Emulator, id: string): Promise<NotificationHubJob> {
  let job = await getJob(emu, id);
  while (job.status !== "Completed" && job.status !== "Failed") {
    await new Promise((resolve) => setTimeout(resolve, 2));
    job = await getJob(emu, id);
  }
  return job;
}

async function createRegistration(registration: AnyRegistration): Promise<AnyRegistration> {
  const response = await call(emulator, {
    path: "demo/registrations?api-version=2020-06",
    body: serializeRegistration(registration),
  });
  return parseRegistrationEntry(response.text);
}

describe("jobs", () => {
  it("submission answers 201 with Location and the job without Status; GET moves through the statuses", async () => {
    const slow = await startTestEmulator({ jobStepMs: 100 });
    try {
      const response = await submit(slow, {
        type: "ExportRegistrations",
        outputContainerUrl: CONTAINER,
      });
      expect(response.status).toBe(201);
      const submitted = parseJobEntry(response.text);
      expect(submitted.status).toBeUndefined();
      expect(submitted.progress).toBeUndefined();
      expect(submitted).toMatchObject({
        type: "ExportRegistrations",
        outputContainerUrl: CONTAINER,
      });
      expect(response.headers.location).toBe(
        `${slow.url}demo/jobs/${submitted.jobId}?api-version=2020-06`,
      );
      const seen: string[] = [];
      let job = await getJob(slow, submitted.jobId ?? "");
      seen.push(job.status ?? "");
      while (job.status !== "Completed") {
        await new Promise((resolve) => setTimeout(resolve, 5));
        job = await getJob(slow, submitted.jobId ?? "");
        if (seen[seen.length - 1] !== job.status) seen.push(job.status ?? "");
      }
      expect(seen).toEqual(["Started", "Running", "Completed"]);
      expect(job.progress).toBe(100);
    } finally {
      await slow.close();
    }
  });

  it("an export writes one Atom entry per line to the file its OutputFilePath serves", async () => {
    const a = await createRegistration({ kind: "gcm", gcmRegistrationId: "g1", tags: ["x"] });
    const b = await createRegistration({
      kind: "apple",
      deviceToken: "ab",
      template: { body: '{"aps":{"alert":"line1\nline2"}}', name: "t" },
    });
    const response = await submit(emulator, {
      type: "ExportRegistrations",
      outputContainerUrl: CONTAINER,
    });
    const job = await finished(emulator, parseJobEntry(response.text).jobId ?? "");
    expect(job.status).toBe("Completed");
    const url = job.outputProperties?.OutputFilePath ?? "";
    expect(url).toMatch(new RegExp(`^${emulator.url}demo/\\$files/.+/Output\\.txt\\?sig=`));
    const download = await call(emulator, {
      method: "GET",
      path: url.slice(emulator.url.length),
      auth: false,
    });
    expect(download.status).toBe(200);
    expect(download.text).toBe(emulator.readFile(url));
    const entries = splitImportFile(download.text).map((item) => parseRegistrationEntry(item.text));
    expect(entries).toEqual([a, b]);
  });

  it("imports create, upsert, update and delete registrations from an uploaded file", async () => {
    const existing = await createRegistration({ kind: "gcm", gcmRegistrationId: "old" });
    const id = existing.registrationId ?? "";
    const run = async (type: NotificationHubJob["type"], lines: AnyRegistration[]) => {
      const file = emulator.putFile(
        `${type}.txt`,
        lines.map((r) => serializeRegistration(r)).join("\n"),
      );
      const response = await submit(emulator, {
        type,
        outputContainerUrl: CONTAINER,
        importFileUrl: file,
      });
      expect(response.status).toBe(201);
      const job = await finished(emulator, parseJobEntry(response.text).jobId ?? "");
      expect(job.status).toBe("Completed");
      return {
        output: emulator.readFile(job.outputProperties?.OutputFilePath ?? "") ?? "",
        failed: emulator.readFile(job.outputProperties?.FailedFilePath ?? "") ?? "",
      };
    };
    const created = await run("ImportCreateRegistrations", [
      { kind: "gcm", gcmRegistrationId: "n1" },
      { kind: "gcm", gcmRegistrationId: "n2", tags: ["bad tag!"] },
    ]);
    expect(created.output).toMatch(/^1,\d+-\d+-\d\n$/);
    expect(created.failed).toMatch(/^2,Invalid registration: .*\n$/);
    const updated = await run("ImportUpdateRegistrations", [
      { kind: "gcm", gcmRegistrationId: "renamed", registrationId: id },
      { kind: "gcm", gcmRegistrationId: "x", registrationId: "missing-1" },
    ]);
    expect(updated.output).toBe(`1,${id}\n`);
    expect(updated.failed).toBe("2,registration 'missing-1' does not exist\n");
    await run("ImportUpsertRegistrations", [
      { kind: "gcm", gcmRegistrationId: "up", registrationId: "custom-1" },
    ]);
    const read = await call(emulator, {
      method: "GET",
      path: `demo/registrations/${id}?api-version=2020-06`,
    });
    expect(parseRegistrationEntry(read.text)).toMatchObject({
      gcmRegistrationId: "renamed",
      etag: "2",
    });
    const deleted = await run("ImportDeleteRegistrations", [
      { kind: "gcm", gcmRegistrationId: "up", registrationId: "custom-1" },
    ]);
    expect(deleted.output).toBe("1,custom-1\n");
    const gone = await call(emulator, {
      method: "GET",
      path: "demo/registrations/custom-1?api-version=2020-06",
    });
    expect(gone.status).toBe(404);
  });

  it("fails an import whose file is missing or not an emulator file URL", async () => {
    for (const importFileUrl of [
      `${emulator.url}demo/$files/none.txt?sig=x`,
      "https://account.blob.core.windows.net/c/file.txt?sig=x",
    ]) {
      const response = await submit(emulator, {
        type: "ImportCreateRegistrations",
        outputContainerUrl: CONTAINER,
        importFileUrl,
      });
      const job = await finished(emulator, parseJobEntry(response.text).jobId ?? "");
      expect(job.status).toBe("Failed");
      expect(job.failure).toMatch(/sig|ImportFileUri/);
    }
  });

  it("answers 400 for a bad job, 404 for an unknown one, and lists jobs as a feed", async () => {
    const bad = await submit(emulator, {
      type: "ImportCreateRegistrations",
      outputContainerUrl: CONTAINER,
    });
    expect(bad.status).toBe(400);
    const wrongType = await submit(emulator, {
      type: "Defragment" as NotificationHubJob["type"],
      outputContainerUrl: CONTAINER,
    });
    expect(wrongType.status).toBe(400);
    const missing = await call(emulator, {
      method: "GET",
      path: "demo/jobs/nope?api-version=2020-06",
    });
    expect(missing.status).toBe(404);
    const first = parseJobEntry(
      (await submit(emulator, { type: "ExportRegistrations", outputContainerUrl: CONTAINER })).text,
    );
    const second = parseJobEntry(
      (await submit(emulator, { type: "ExportRegistrations", outputContainerUrl: CONTAINER })).text,
    );
    const feed = await call(emulator, { method: "GET", path: "demo/jobs?api-version=2020-06" });
    expect(feed.status).toBe(200);
    expect(parseJobFeed(feed.text).map((job) => job.jobId)).toEqual([first.jobId, second.jobId]);
    const listen = await call(emulator, {
      method: "GET",
      path: "demo/jobs?api-version=2020-06",
      auth: "listen",
    });
    expect(listen.status).toBe(401);
  });
});

describe("the file store", () => {
  it("serves PUT and GET at /{hub}/$files/{name} with the URL's sig, 403 without it", async () => {
    const url = emulator.putFile("dir/a.txt", "hello");
    const relative = url.slice(emulator.url.length);
    const read = await call(emulator, { method: "GET", path: relative, auth: false });
    expect(read.status).toBe(200);
    expect(read.text).toBe("hello");
    const upload = await call(emulator, {
      method: "PUT",
      path: relative,
      body: "replaced",
      auth: false,
    });
    expect(upload.status).toBe(201);
    expect(emulator.readFile("dir/a.txt")).toBe("replaced");
    const noSig = await call(emulator, {
      method: "GET",
      path: "demo/$files/dir/a.txt",
      auth: false,
    });
    expect(noSig.status).toBe(403);
    expect(() => emulator.putFile("../x", "")).toThrow(/name/);
    expect(() => emulator.putFile("x", "", "nohub")).toThrow(/unknown hub 'nohub'/);
    emulator.reset();
    expect(emulator.readFile(url)).toBeUndefined();
  });

  it("splits an import file into entries, keeping newlines inside an entry", () => {
    const items = splitImportFile(
      '<entry>a\nstill a</entry>\n\n<?xml version="1.0"?><entry>b</entry>\n',
    );
    expect(items).toEqual([
      { line: 1, text: "<entry>a\nstill a</entry>" },
      { line: 4, text: '<?xml version="1.0"?><entry>b</entry>' },
    ]);
  });
});
