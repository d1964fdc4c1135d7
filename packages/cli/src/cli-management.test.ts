import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createClient, type NotificationHubClient } from "@nhub/core";
import { type Emulator, startEmulator } from "@nhub/emulator";
import { createRegistration, type Registration } from "@nhub/management";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { run } from "./index.js";
import type { OutputStream } from "./io.js";
import { runBin } from "./run-bin.test-helper.js";
import { tempDirs } from "./temp-dirs.test-helper.js";

const tempDir = tempDirs("nhub-cli-management-");

const MESSAGE = '{"message":{"notification":{"title":"Hi","body":"there"}}}';
const WNS_URI = "https://wns2-par02p.notify.windows.com/w/?token=a%2Bb:c";
let emulator: Emulator;
let client: NotificationHubClient;
let hub: string[];
let dir: string;
let requests: { method: string; path: string; status: number }[];
/** Registration ids seeded before each test, by name. */
let ids: Record<string, string>;

beforeAll(async () => {
  dir = tempDir();
  emulator = await startEmulator({ onRequest: (info) => requests.push(info) });
  client = createClient({ connectionString: emulator.connectionString, hubName: emulator.hubName });
  hub = ["--hub", emulator.hubName, "--connection-string", emulator.connectionString];
});
afterAll(async () => {
  await client.close();
  await emulator.close();
});
beforeEach(async () => {
  emulator.reset();
  const seeds = {
    apple: { kind: "apple", deviceToken: "00fc13adff78", tags: ["sports"] },
    windows: { kind: "windows", channelUri: WNS_URI, tags: ["news", "sports"] },
    baidu: { kind: "baidu", baiduUserId: "user-1", baiduChannelId: "chan-1" },
    browser: { kind: "browser", endpoint: "https://push.example/abc", p256dh: "BP", auth: "AU" },
    fcm: {
      kind: "fcmv1",
      fcmV1RegistrationId: "fcm-token",
      template: { body: '{"message":{"data":{"m":"$(m)"}}}', name: "greeting" },
    },
  } satisfies Record<string, Registration>;
  ids = {};
  for (const [name, registration] of Object.entries(seeds)) {
    const stored = await createRegistration(client, registration);
    ids[name] = stored.registrationId ?? "";
  }
  requests = [];
});

function write(name: string, text: string): string {
  writeFileSync(join(dir, name), text);
  return `@${name}`;
}

describe("nhub installations", () => {
  it("puts, gets, patches and deletes an installation; a tag send then reaches it", async () => {
    const file = write(
      "phone.json",
      JSON.stringify({ installationId: "phone-1", platform: "FCMV1", pushChannel: "tok-1" }),
    );
    const put = await runBin(["installations", "put", "--installation", file, ...hub], {
      cwd: dir,
    });
    expect(put).toMatchObject({ code: 0, stdout: "Installation phone-1 created or updated.\n" });

    const patch = await runBin([
      "installations",
      "patch",
      "phone-1",
      "--patch",
      '[{"op":"add","path":"/tags","value":"breaking"},{"op":"replace","path":"/userId","value":"alice"}]',
      "--json",
      ...hub,
    ]);
    expect(patch.code).toBe(0);
    expect(JSON.parse(patch.stdout)).toEqual({
      installationId: "phone-1",
      patched: true,
      operations: 2,
    });

    const get = await runBin(["installations", "get", "phone-1", ...hub]);
    expect(get.code).toBe(0);
    expect(JSON.parse(get.stdout)).toMatchObject({
      installationId: "phone-1",
      platform: "fcmv1",
      pushChannel: "tok-1",
      tags: ["breaking"],
      userId: "alice",
    });

    // The output of get (with its read-only fields) goes back in as it is.
    const again = await runBin(
      ["installations", "put", "--installation", write("got.json", get.stdout), ...hub],
      { cwd: dir },
    );
    expect(again.code).toBe(0);

    const send = await runBin([
      "send",
      "--format",
      "fcmv1",
      "--payload",
      MESSAGE,
      "--tags",
      "breaking",
      ...hub,
    ]);
    expect(send.code).toBe(0);
    expect(emulator.deliveries().map((d) => [d.installationId, d.pushChannel])).toEqual([
      ["phone-1", "tok-1"],
    ]);

    const deleted = await runBin(["installations", "delete", "phone-1", ...hub]);
    expect(deleted).toMatchObject({ code: 0, stdout: "Installation phone-1 deleted.\n" });
    const gone = await runBin(["installations", "get", "phone-1", ...hub]);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toMatch(/^nhub: .*404/);
  });

  it("exits 2 before sending for malformed JSON, an invalid installation or a patch that is not an array", async () => {
    const malformed = await runBin([
      "installations",
      "put",
      "--installation",
      '{"installationId":',
      ...hub,
    ]);
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toMatch(/^nhub: --installation must be JSON: .*\n$/);
    const invalid = await runBin([
      "installations",
      "put",
      "--installation",
      '{"installationId":"x","platform":"nokia","pushChannel":"t"}',
      ...hub,
    ]);
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toMatch(/^nhub: createOrUpdateInstallation: platform must be one of/);
    const notArray = await runBin([
      "installations",
      "patch",
      "x",
      "--patch",
      '{"op":"add","path":"/tags","value":"a"}',
      ...hub,
    ]);
    expect(notArray.code).toBe(2);
    expect(notArray.stderr).toMatch(/^nhub: --patch must be a JSON Patch array/);
    const badOp = await runBin([
      "installations",
      "patch",
      "x",
      "--patch",
      '[{"op":"move","path":"/tags"}]',
      ...hub,
    ]);
    expect(badOp.code).toBe(2);
    expect(requests).toEqual([]);
  });

  it("exits 2 without a connection string", async () => {
    const run = await runBin(["installations", "get", "phone-1", "--hub", emulator.hubName]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      "nhub: missing connection string: pass --connection-string or set NH_CONNECTION_STRING\n",
    );
  });
});

describe("nhub registrations list", () => {
  it("prints every registration as a table", async () => {
    const run = await runBin(["registrations", "list", ...hub]);
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^Registration id\s+Kind\s+Channel\s+Tags\s+Template$/);
    expect(lines).toHaveLength(2 + 5 + 1);
    expect(run.stdout).toMatch(new RegExp(`${ids.apple}\\s+apple\\s+00FC13ADFF78\\s+sports\\s+-`));
    expect(run.stdout).toMatch(new RegExp(`${ids.baidu}\\s+baidu\\s+user-1,chan-1\\s+-\\s+-`));
    expect(run.stdout).toMatch(new RegExp(`${ids.fcm}\\s+fcmv1\\s+fcm-token\\s+-\\s+greeting`));
    expect(lines.at(-1)).toBe("5 registration(s).");
  });

  it("with --json prints only a JSON array on standard output", async () => {
    const run = await runBin(["registrations", "list", "--tag", "sports", "--json", ...hub]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    const list = JSON.parse(run.stdout) as { registrationId: string; kind: string }[];
    expect(list.map((r) => r.registrationId).sort()).toEqual([ids.apple, ids.windows].sort());
    expect(requests.map((r) => r.path)).toEqual([`/${emulator.hubName}/tags/sports/registrations`]);
  });

  it.each([
    ["apple:00FC13ADFF78", "apple"],
    [`windows:${WNS_URI}`, "windows"],
    ["baidu:user-1,chan-1", "baidu"],
    ["browser:https://push.example/abc", "browser"],
    ['{"kind":"fcmv1","fcmV1RegistrationId":"fcm-token"}', "fcm"],
  ])("filters by --channel %s", async (channel, name) => {
    const run = await runBin(["registrations", "list", "--channel", channel, "--json", ...hub]);
    expect(run.code).toBe(0);
    const list = JSON.parse(run.stdout) as { registrationId: string }[];
    expect(list.map((r) => r.registrationId)).toEqual([ids[name]]);
  });

  it("follows every page with --top 2", async () => {
    const run = await runBin(["registrations", "list", "--top", "2", "--json", ...hub]);
    expect(run.code).toBe(0);
    const list = JSON.parse(run.stdout) as { registrationId: string }[];
    expect(list.map((r) => r.registrationId).sort()).toEqual(Object.values(ids).sort());
    expect(requests.filter((r) => r.path.endsWith("/registrations"))).toHaveLength(3);
  });

  it.each([
    [["--channel", "apple"], /^nhub: --channel must be kind:handle/],
    [["--channel", "nokia:123"], /^nhub: --channel must be kind:handle .*got "nokia:123"/],
    [["--channel", "baidu:only-one"], /^nhub: --channel for baidu is baidu:USERID,CHANNELID/],
    [["--channel", '{"kind":"apple"}'], /^nhub: --channel: channel.deviceToken must be/],
    [["--channel", "{nope"], /^nhub: --channel must be .*the JSON does not parse/],
    [["--tag", "a", "--channel", "apple:00"], /^nhub: --tag and --channel cannot be combined/],
    [["--top", "0"], /^nhub: --top must be a whole number from 1 to 1000/],
    [["--tag", "bad tag"], /^nhub: Invalid tag "bad tag"/],
  ])("exits 2 before sending for %j", async (args, message) => {
    const run = await runBin(["registrations", "list", ...args, ...hub]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stdout).toBe("");
    expect(requests).toEqual([]);
  });
});

describe("nhub registrations export", () => {
  it("writes one JSON registration per line and prints the count, with no progress off a terminal", async () => {
    const run = await runBin(
      ["registrations", "export", "--out", "all.jsonl", "--top", "2", ...hub],
      {
        cwd: dir,
      },
    );
    expect(run).toMatchObject({
      code: 0,
      stdout: "Exported 5 registration(s) to all.jsonl.\n",
      stderr: "",
    });
    const lines = readFileSync(join(dir, "all.jsonl"), "utf8").trimEnd().split("\n");
    expect(lines).toHaveLength(5);
    const read = lines.map((line) => JSON.parse(line) as { registrationId: string; kind: string });
    expect(read.map((r) => r.registrationId).sort()).toEqual(Object.values(ids).sort());
    expect(readdirSync(dir).filter((name) => name.endsWith(".partial"))).toEqual([]);
  });

  it("shows a progress count on standard error on a terminal only", async () => {
    const stdout = capture(false);
    const stderr = capture(true);
    const args = ["registrations", "export", "--out", "tty.jsonl", "--top", "2", "--json"];
    const status = await run(args, { stdout, stderr, cwd: dir, env: envFor() });
    expect(status).toBe(0);
    expect(stderr.text).toBe(
      "\rExported 2 registration(s)...\rExported 4 registration(s)...\rExported 5 registration(s)...\n",
    );
    expect(JSON.parse(stdout.text)).toEqual({ out: join(dir, "tty.jsonl"), count: 5 });
  });

  it("exits 1 and leaves an existing --out file untouched when the hub fails after the first page", async () => {
    writeFileSync(join(dir, "kept.jsonl"), "old\n");
    const stderr = capture(true);
    const write = stderr.write.bind(stderr);
    // The first progress line means page 1 is written: every later request fails.
    stderr.write = (chunk: string) => {
      emulator.injectFault({ status: 403, times: 10 });
      return write(chunk);
    };
    const args = ["registrations", "export", "--out", "kept.jsonl", "--top", "2"];
    const status = await run(args, { stdout: capture(false), stderr, cwd: dir, env: envFor() });
    expect(status).toBe(1);
    expect(stderr.text).toMatch(/^\rExported 2 registration\(s\)\.\.\.\nnhub: .*403/);
    expect(readFileSync(join(dir, "kept.jsonl"), "utf8")).toBe("old\n");
    expect(readdirSync(dir).filter((name) => name.endsWith(".partial"))).toEqual([]);
  });

  it("exits 2 without --out or for a directory that does not exist", async () => {
    const missing = await runBin(["registrations", "export", ...hub]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--out <file>/);
    const noDir = await runBin(["registrations", "export", "--out", "no/such/dir.jsonl", ...hub], {
      cwd: dir,
    });
    expect(noDir.code).toBe(2);
    expect(noDir.stderr).toMatch(/^nhub: --out: cannot write .*ENOENT/);
    expect(requests).toEqual([]);
  });
});

describe("nhub registrations delete", () => {
  it("deletes a registration, then exits 1 with 404 for it", async () => {
    const run = await runBin(["registrations", "delete", ids.apple ?? "", ...hub]);
    expect(run).toMatchObject({ code: 0, stdout: `Registration ${ids.apple} deleted.\n` });
    const again = await runBin(["registrations", "delete", ids.apple ?? "", ...hub]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^nhub: .*404/);
  });

  it("sends --etag as If-Match: a stale etag is a 412, the current one deletes", async () => {
    const stale = await runBin(["registrations", "delete", ids.baidu ?? "", "--etag", "7", ...hub]);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toMatch(/^nhub: .*412/);
    const current = await runBin([
      "registrations",
      "delete",
      ids.baidu ?? "",
      "--etag",
      "1",
      "--json",
      ...hub,
    ]);
    expect(current.code).toBe(0);
    expect(JSON.parse(current.stdout)).toEqual({ registrationId: ids.baidu, deleted: true });
  });
});

function capture(isTTY: boolean): OutputStream & { text: string } {
  return {
    isTTY,
    text: "",
    write(chunk: string) {
      this.text += chunk;
      return true;
    },
  };
}

function envFor(): Record<string, string> {
  return { NH_HUB_NAME: emulator.hubName, NH_CONNECTION_STRING: emulator.connectionString };
}
