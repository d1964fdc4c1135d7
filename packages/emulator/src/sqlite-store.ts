import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { HubStore } from "./hub-store.js";
import { decodeJob, decodeScheduled, encodeJob, encodeScheduled } from "./persisted-records.js";
import type { StoredRegistration } from "./registration-store.js";
import type { EmulatorKeys, Installation } from "./types.js";

/** The part of `node-sqlite3-wasm`'s `Database` this store uses. */
interface SqlDatabase {
  exec(sql: string): void;
  run(sql: string, values?: unknown[]): unknown;
  all(sql: string, values?: unknown[]): Record<string, unknown>[];
  close(): void;
}

type Kind = "installation" | "registration" | "file" | "scheduled" | "job";

/** A registration as JSON, with the names of its top-level `Date` fields. */
interface EncodedRegistration {
  entry: StoredRegistration;
  dates: string[];
}

function encodeRegistration(entry: StoredRegistration): string {
  const dates = Object.entries(entry.registration)
    .filter(([, value]) => value instanceof Date)
    .map(([name]) => name);
  return JSON.stringify({ entry, dates } satisfies EncodedRegistration);
}

function decodeRegistration(text: string): StoredRegistration {
  const { entry, dates } = JSON.parse(text) as EncodedRegistration;
  const registration = entry.registration as unknown as Record<string, unknown>;
  for (const name of dates) registration[name] = new Date(String(registration[name]));
  return entry;
}

/** Each record of a hub, by `kind\0id`, as the JSON text stored. */
function snapshot(hub: HubStore): Map<string, string> {
  const rows = new Map<string, string>();
  for (const [id, installation] of hub.installations)
    rows.set(`installation\0${id}`, JSON.stringify(installation));
  for (const entry of hub.registrations.all())
    rows.set(`registration\0${entry.registration.registrationId}`, encodeRegistration(entry));
  for (const [name, text] of hub.files) rows.set(`file\0${name}`, text);
  for (const [id, push] of hub.scheduled) {
    const record = hub.notifications.get(id);
    if (record !== undefined) rows.set(`scheduled\0${id}`, encodeScheduled(record, push));
  }
  for (const [id, job] of hub.jobs) rows.set(`job\0${id}`, encodeJob(job));
  return rows;
}

/**
 * The emulator's state in `<dataDir>/emulator.db` (SQLite compiled to WASM, writing the real
 * file): installations, registrations, files, scheduled pushes (with their notification record)
 * and jobs (with the work left) of every hub, the generated SAS keys and URL secrets. Each
 * `sync` writes the changes in one transaction before it returns, so a change whose 2xx was sent
 * survives the process being killed.
 */
export class SqliteStore {
  /** What was last written, per hub, to write only the rows that changed. */
  private readonly written = new Map<string, Map<string, string>>();

  private constructor(private readonly db: SqlDatabase) {}

  /** Opens (creating when needed) `<dataDir>/emulator.db`; loads the WASM library on first use. */
  static async open(dataDir: string): Promise<SqliteStore> {
    mkdirSync(dataDir, { recursive: true });
    const mod = (await import("node-sqlite3-wasm")) as unknown as {
      Database?: new (file: string) => SqlDatabase;
      default?: { Database: new (file: string) => SqlDatabase };
    };
    const Database = mod.Database ?? mod.default?.Database;
    if (Database === undefined) throw new Error("node-sqlite3-wasm exports no Database");
    const db = new Database(join(dataDir, "emulator.db"));
    // A rollback journal keeps each commit atomic; synchronous=OFF still hands every page to the
    // OS before COMMIT returns (safe against a killed process, not against power loss).
    db.exec(
      "PRAGMA journal_mode=DELETE; PRAGMA synchronous=OFF;" +
        "CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v TEXT NOT NULL);" +
        "CREATE TABLE IF NOT EXISTS records (hub TEXT NOT NULL, kind TEXT NOT NULL," +
        " id TEXT NOT NULL, v TEXT NOT NULL, PRIMARY KEY (hub, kind, id));",
    );
    return new SqliteStore(db);
  }

  /** The keys kept by an earlier start, or `keys` (then kept for the next start). */
  keys(generate: () => Required<EmulatorKeys>): Required<EmulatorKeys> {
    const row = this.db.all("SELECT v FROM meta WHERE k = 'keys'")[0];
    if (row !== undefined) return JSON.parse(String(row.v)) as Required<EmulatorKeys>;
    const keys = generate();
    this.db.run("INSERT INTO meta (k, v) VALUES ('keys', ?)", [JSON.stringify(keys)]);
    return keys;
  }

  /** A secret kept by an earlier start under `name`, or `generate()` (then kept). */
  secret(name: string, generate: () => string): string {
    const row = this.db.all("SELECT v FROM meta WHERE k = ?", [`secret:${name}`])[0];
    if (row !== undefined) return String(row.v);
    const value = generate();
    this.db.run("INSERT INTO meta (k, v) VALUES (?, ?)", [`secret:${name}`, value]);
    return value;
  }

  /** Fills `hub` from the database; false when this hub was never stored (use the seed). */
  load(hub: HubStore): boolean {
    const known = this.db.all("SELECT v FROM meta WHERE k = ?", [`hub:${hub.name}`]).length > 0;
    if (!known) return false;
    hub.reset([]);
    const registrations: StoredRegistration[] = [];
    // Ids of jobs and notifications start with their time: id order is submission order.
    const rows = this.db.all("SELECT kind, id, v FROM records WHERE hub = ? ORDER BY kind, id", [
      hub.name,
    ]);
    for (const row of rows) {
      const [kind, id, text] = [row.kind as Kind, String(row.id), String(row.v)];
      if (kind === "installation") hub.installations.set(id, JSON.parse(text) as Installation);
      else if (kind === "registration") registrations.push(decodeRegistration(text));
      else if (kind === "scheduled") {
        const { record, push } = decodeScheduled(text);
        hub.notifications.set(id, record);
        hub.scheduled.set(id, push);
      } else if (kind === "job") hub.jobs.set(id, decodeJob(text));
      else hub.files.set(id, text);
    }
    hub.registrations.restore(registrations);
    this.written.set(hub.name, snapshot(hub));
    return true;
  }

  /** Writes what changed in the hubs since the last sync, in one transaction. */
  sync(hubs: Iterable<HubStore>): void {
    this.db.exec("BEGIN IMMEDIATE");
    try {
      for (const hub of hubs) this.syncHub(hub);
      this.db.exec("COMMIT");
    } catch (error) {
      this.db.exec("ROLLBACK");
      this.written.clear();
      throw error;
    }
  }

  private syncHub(hub: HubStore): void {
    const before = this.written.get(hub.name);
    if (before === undefined) {
      this.db.run("INSERT OR REPLACE INTO meta (k, v) VALUES (?, '1')", [`hub:${hub.name}`]);
      this.db.run("DELETE FROM records WHERE hub = ?", [hub.name]);
    }
    const now = snapshot(hub);
    for (const [key, text] of now) {
      if (before?.get(key) === text) continue;
      const [kind, id] = key.split("\0") as [Kind, string];
      this.db.run("INSERT OR REPLACE INTO records (hub, kind, id, v) VALUES (?, ?, ?, ?)", [
        hub.name,
        kind,
        id,
        text,
      ]);
    }
    for (const key of before?.keys() ?? []) {
      if (now.has(key)) continue;
      const [kind, id] = key.split("\0") as [Kind, string];
      this.db.run("DELETE FROM records WHERE hub = ? AND kind = ? AND id = ?", [
        hub.name,
        kind,
        id,
      ]);
    }
    this.written.set(hub.name, now);
  }

  /** Closes the database file. */
  close(): void {
    this.db.close();
  }
}
