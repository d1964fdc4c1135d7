import { join } from "node:path";
import { Database } from "node-sqlite3-wasm";
import { describe, expect, it } from "vitest";
import { appleDevice, call, sendApple, startTestEmulator } from "./http.test-helper.js";
import { tempDirs } from "./temp-dirs.test-helper.js";
import type { Emulator } from "./types.js";

const N = 200;
const dataDirs = tempDirs("nhub-writes-");

function putInstallation(emulator: Emulator, id: string, tags: string[]) {
  return call(emulator, {
    method: "PUT",
    path: `demo/installations/${id}?api-version=2020-06`,
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(appleDevice(id, tags)),
  });
}

/** The tags of installation `id` as stored in the database file (read by another connection). */
function storedTags(dataDir: string, id: string): string[] | undefined {
  const db = new Database(join(dataDir, "emulator.db"));
  try {
    const row = db.get("SELECT v FROM records WHERE kind = 'installation' AND id = ?", [id]);
    return row === null ? undefined : (JSON.parse(String(row.v)) as { tags: string[] }).tags;
  } finally {
    db.close();
  }
}

describe("what startEmulator({ dataDir }) writes", () => {
  it("writes nothing for a send, and only the changed row for an installation upsert", async () => {
    const dataDir = dataDirs();
    const devices = Array.from({ length: N }, (_, i) => appleDevice(`d${i}`, ["all"]));
    const emulator = await startTestEmulator({ dataDir, installations: devices });
    try {
      // Another connection holds the database's write lock: any write of the emulator fails.
      const other = new Database(join(dataDir, "emulator.db"));
      other.exec("BEGIN EXCLUSIVE");
      try {
        const byTag = await sendApple(emulator, {
          headers: { "ServiceBusNotification-Tags": "all" },
        });
        expect(byTag.status).toBe(201);
        const direct = await sendApple(emulator, {
          query: "&direct",
          headers: { "ServiceBusNotification-DeviceHandle": "token-d0" },
        });
        expect(direct.status).toBe(201);
        expect(emulator.deliveries()).toHaveLength(N + 1);
        // The lock is real: a change that must be written fails while it is held.
        const blocked = await putInstallation(emulator, "late", []);
        expect(blocked.status).toBe(500);
        expect(blocked.text).toMatch(/locked|busy/i);
      } finally {
        other.exec("ROLLBACK");
        other.close();
      }
      expect((await putInstallation(emulator, "late", ["x"])).status).toBe(200);
      expect(storedTags(dataDir, "late")).toEqual(["x"]);

      // Change d0's row behind the emulator's back: an upsert of d1 must not write d0 again.
      const editor = new Database(join(dataDir, "emulator.db"));
      editor.run("UPDATE records SET v = ? WHERE kind = 'installation' AND id = 'd0'", [
        JSON.stringify(appleDevice("d0", ["edited"])),
      ]);
      editor.close();
      expect((await putInstallation(emulator, "d1", ["changed"])).status).toBe(200);
      expect(storedTags(dataDir, "d1")).toEqual(["changed"]);
      expect(storedTags(dataDir, "d0")).toEqual(["edited"]);
      expect(storedTags(dataDir, "d2")).toEqual(["all"]);
    } finally {
      await emulator.close();
    }
  });
});
