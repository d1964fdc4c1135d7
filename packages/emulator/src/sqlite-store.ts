import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { RecordKind } from "./hub-changes.js";
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

/** The JSON text stored for one record of `hub`, or undefined when it is gone. */
function encodeRecord(hub: HubStore, kind: RecordKind, id: string): string | undefined {
  if (kind === "installation") {
    const installation = hub.installations.get(id);
    return installation === undefined ? undefined : JSON.stringify(installation);
  }
  if (kind === "registration") {
    const found = hub.registrations.lookup(id, new Date(0));
    return found.state === "missing" ? undefined : encodeRegistration(found.entry);
  }
  if (kind === "file") return hub.files.get(id);
  if (kind === "scheduled") {
    const push = hub.scheduled.get(id);
    const record = hub.notifications.get(id);
    return push === undefined || record === undefined ? undefined : encodeScheduled(record, push);
  }
  const job = hub.jobs.get(id);
  return job === undefined ? undefined : encodeJob(job);
}

/** Every record of `hub`, as kind and id. */
function* everyRecord(hub: HubStore): Iterable<{ kind: RecordKind; id: string }> {
  for (const id of hub.installations.keys()) yield { kind: "installation", id };
  for (const entry of hub.registrations.all())
    yield { kind: "registration", id: entry.registration.registrationId };
  for (const id of hub.files.keys()) yield { kind: "file", id };
  for (const id of hub.scheduled.keys()) yield { kind: "scheduled", id };
  for (const id of hub.jobs.keys()) yield { kind: "job", id };
}

/**
 * The emulator's state in `<dataDir>/emulator.db` (SQLite compiled to WASM, writing the real
 * file): installations, registrations, files, scheduled pushes (with their notification record)
 * and jobs (with the work left) of every hub, the generated SAS keys and URL secrets. Each
 * `sync` writes the records the hubs marked as changed (`HubStore.changes`) in one transaction
 * before it returns, so a change whose 2xx was sent survives the process being killed; with
 * nothing marked (a send) it does not touch the database.
 */
export class SqliteStore {
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
      const [kind, id, text] = [row.kind as RecordKind, String(row.id), String(row.v)];
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
    hub.changes.clear();
    return true;
  }

  /**
   * Writes what the hubs marked as changed since the last sync, in one transaction; nothing at all
   * (not even a transaction) when no hub has a change. After a failed write each hub is written
   * whole at the next sync.
   */
  sync(hubs: Iterable<HubStore>): void {
    const changed = [...hubs].filter((hub) => hub.changes.pending);
    if (changed.length === 0) return;
    try {
      this.db.exec("BEGIN IMMEDIATE");
      for (const hub of changed) this.writeHub(hub);
      this.db.exec("COMMIT");
    } catch (error) {
      try {
        this.db.exec("ROLLBACK");
      } catch {
        // BEGIN itself failed: there is no transaction to roll back.
      }
      for (const hub of changed) hub.changes.markAll();
      throw error;
    }
    for (const hub of changed) hub.changes.clear();
  }

  private writeHub(hub: HubStore): void {
    const whole = hub.changes.all;
    if (whole) {
      this.db.run("INSERT OR REPLACE INTO meta (k, v) VALUES (?, '1')", [`hub:${hub.name}`]);
      this.db.run("DELETE FROM records WHERE hub = ?", [hub.name]);
    }
    for (const { kind, id } of whole ? everyRecord(hub) : hub.changes.changed()) {
      const text = encodeRecord(hub, kind, id);
      if (text === undefined) {
        this.db.run("DELETE FROM records WHERE hub = ? AND kind = ? AND id = ?", [
          hub.name,
          kind,
          id,
        ]);
      } else {
        this.db.run("INSERT OR REPLACE INTO records (hub, kind, id, v) VALUES (?, ?, ?, ?)", [
          hub.name,
          kind,
          id,
          text,
        ]);
      }
    }
  }

  /** Closes the database file. */
  close(): void {
    this.db.close();
  }
}
