// The embedded databases considered for the emulator's `dataDir` (issue 11), measured the way the
// emulator writes: `pnpm --filter @nhub/bench run bench:persistence` (options: --reps N, default 3;
// --upserts N, default 1000). Each candidate runs in a fresh process per repetition:
// - open: import the library and open (create) the database file with its table, from a cold start
//   of the module (WASM compiled then), in a new directory;
// - upserts: N installation upserts (a ~300-byte JSON row each), each in its own transaction
//   committed before the next, as the emulator commits before it answers a 2xx;
// - then the database is closed, opened again and the N rows counted (a run that lost one fails);
//   the process's RSS after the upserts is reported;
// - once more in a process killed by SIGKILL right after its last upsert returned: a new process
//   opens that database (timed: "open existing") and counts the rows it finds.
// Installed size: the package folder under node_modules (none of them has dependencies).
// Prints a Markdown table (medians) for packages/emulator/README.md. Nothing is written.
import { spawn } from "node:child_process";
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { median } from "./report.mjs";

const { values } = parseArgs({
  options: {
    reps: { type: "string", default: "3" },
    upserts: { type: "string", default: "1000" },
    child: { type: "string" },
    mode: { type: "string" },
    dir: { type: "string" },
  },
});
const UPSERTS = Number(values.upserts);
const log = (text) => process.stderr.write(`[persistence] ${text}\n`);

/** An installation row as the emulator stores it. */
const row = (i) =>
  JSON.stringify({
    installationId: `installation-${i}`,
    platform: "apns",
    pushChannel: `00fc13adff785122b4ad28809a3420982341241421348097878e577c991d${String(i).padStart(4, "0")}`,
    tags: ["news", "sport", `user:${i}`],
    templates: { greeting: { body: '{"aps":{"alert":"$(msg)"}}', tags: ["tpl"] } },
  });

const TABLE =
  "CREATE TABLE IF NOT EXISTS records (kind TEXT NOT NULL, id TEXT NOT NULL, v TEXT NOT NULL, PRIMARY KEY (kind, id))";

/** node-sqlite3-wasm with the emulator's journal mode and the given `synchronous`. */
const sqliteWasm = (synchronous) => ({
  async open(dir) {
    const { Database } = (await import("node-sqlite3-wasm")).default;
    const db = new Database(join(dir, "emulator.db"));
    db.exec(`PRAGMA journal_mode=DELETE; PRAGMA synchronous=${synchronous}; ${TABLE};`);
    return db;
  },
  upsert(db, i) {
    db.exec("BEGIN IMMEDIATE");
    db.run("INSERT OR REPLACE INTO records (kind, id, v) VALUES ('installation', ?, ?)", [
      `installation-${i}`,
      row(i),
    ]);
    db.exec("COMMIT");
  },
  count: (db) => db.get("SELECT count(*) AS n FROM records").n,
  close: (db) => db.close(),
});

/** sql.js: the database in memory, the whole file written after every commit. */
const sqlJs = {
  async open(dir) {
    const SQL = await (await import("sql.js")).default();
    const file = join(dir, "emulator.db");
    const db = existsSync(file) ? new SQL.Database(readFileSync(file)) : new SQL.Database();
    db.run(TABLE);
    writeFileSync(file, db.export());
    return { db, file };
  },
  upsert({ db, file }, i) {
    db.run("BEGIN");
    db.run("INSERT OR REPLACE INTO records (kind, id, v) VALUES ('installation', ?, ?)", [
      `installation-${i}`,
      row(i),
    ]);
    db.run("COMMIT");
    writeFileSync(file, db.export());
  },
  count: ({ db }) => db.exec("SELECT count(*) FROM records")[0].values[0][0],
  close: ({ db }) => db.close(),
};

/** PGlite: Postgres compiled to WASM, a data directory of Postgres files. */
const pglite = {
  async open(dir) {
    const { PGlite } = await import("@electric-sql/pglite");
    const db = await PGlite.create(join(dir, "pgdata"));
    await db.exec(TABLE);
    return db;
  },
  upsert: (db, i) =>
    db.query(
      "INSERT INTO records (kind, id, v) VALUES ('installation', $1, $2) ON CONFLICT (kind, id) DO UPDATE SET v = EXCLUDED.v",
      [`installation-${i}`, row(i)],
    ),
  count: async (db) => Number((await db.query("SELECT count(*) AS n FROM records")).rows[0].n),
  close: (db) => db.close(),
};

/** node:sqlite (Node >= 22.5), with the emulator's settings. */
const nodeSqlite = {
  async open(dir) {
    const { DatabaseSync } = await import("node:sqlite");
    const db = new DatabaseSync(join(dir, "emulator.db"));
    db.exec(`PRAGMA journal_mode=DELETE; PRAGMA synchronous=OFF; ${TABLE};`);
    return db;
  },
  upsert(db, i) {
    db.exec("BEGIN IMMEDIATE");
    db.prepare("INSERT OR REPLACE INTO records (kind, id, v) VALUES ('installation', ?, ?)").run(
      `installation-${i}`,
      row(i),
    );
    db.exec("COMMIT");
  },
  count: (db) => db.prepare("SELECT count(*) AS n FROM records").get().n,
  close: (db) => db.close(),
};

const CANDIDATES = {
  "node-sqlite3-wasm-off": {
    label: "node-sqlite3-wasm, `synchronous=OFF` (chosen)",
    pkg: "node-sqlite3-wasm",
    note: "what the emulator uses; no fsync, so not safe against a power loss",
    driver: sqliteWasm("OFF"),
  },
  "node-sqlite3-wasm-full": {
    label: "node-sqlite3-wasm, `synchronous=FULL`",
    pkg: "node-sqlite3-wasm",
    note: "an fsync per commit",
    driver: sqliteWasm("FULL"),
  },
  "sql.js": {
    label: "sql.js",
    pkg: "sql.js",
    note: "the database lives in memory: every commit exports and rewrites the whole file",
    driver: sqlJs,
  },
  pglite: {
    label: "PGlite (Postgres compiled to WASM)",
    pkg: "@electric-sql/pglite",
    note: "asynchronous API; a data directory of Postgres files",
    driver: pglite,
  },
  "node:sqlite": {
    label: "`node:sqlite` (built into Node)",
    pkg: undefined,
    note: "Node >= 22.5 only (the emulator supports Node 20)",
    driver: nodeSqlite,
  },
};

/**
 * One child: `timed` opens a new database, upserts and reopens to count; `kill` upserts into
 * `dir`, says so and waits to be killed; `count` opens `dir` and counts.
 */
async function child(name, mode, dir) {
  const { driver } = CANDIDATES[name];
  if (mode === "count") {
    const started = performance.now();
    const db = await driver.open(dir);
    const reopenMs = performance.now() - started;
    const count = await driver.count(db);
    await driver.close(db);
    return { count, reopenMs };
  }
  const started = performance.now();
  let db = await driver.open(dir);
  const opened = performance.now();
  for (let i = 0; i < UPSERTS; i++) await driver.upsert(db, i);
  const written = performance.now();
  const rss = process.memoryUsage().rss;
  if (mode === "kill") {
    // Every upsert has returned, as the emulator's answer would have been sent: kill me now.
    process.stdout.write(`${JSON.stringify({ committed: UPSERTS })}\n`);
    setInterval(() => {}, 60_000);
    return new Promise(() => {});
  }
  await driver.close(db);
  db = await driver.open(dir);
  const count = await driver.count(db);
  await driver.close(db);
  return { openMs: opened - started, upsertsMs: written - opened, rss, count };
}

/** Bytes under `dir`, recursively. */
function folderBytes(dir) {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    total += entry.isDirectory() ? folderBytes(path) : statSync(path).size;
  }
  return total;
}

function installedBytes(pkg) {
  if (pkg === undefined) return 0;
  return folderBytes(
    realpathSync(fileURLToPath(new URL(`../node_modules/${pkg}`, import.meta.url))),
  );
}

/** Runs a child; resolves with its first JSON line (killing it by SIGKILL first in `kill` mode). */
function runChild(name, mode, dir) {
  return new Promise((resolve) => {
    const args = ["--child", name, "--mode", mode, "--dir", dir, "--upserts", String(UPSERTS)];
    const proc = spawn(process.execPath, [fileURLToPath(import.meta.url), ...args], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    let answer;
    proc.stdout.on("data", (chunk) => {
      out += chunk;
      if (answer === undefined && out.includes("\n")) {
        try {
          answer = JSON.parse(out.split("\n")[0]);
        } catch {
          answer = { error: out.trim() };
        }
        if (mode === "kill") proc.kill("SIGKILL");
      }
    });
    proc.on("exit", () => resolve(answer ?? { error: "no result" }));
  });
}

if (values.child !== undefined) {
  try {
    const result = await child(values.child, values.mode, values.dir);
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } catch (error) {
    const message = String(error?.message ?? error).split("\n")[0];
    process.stdout.write(`${JSON.stringify({ error: message })}\n`);
  }
} else {
  const reps = Number(values.reps);
  const rows = [];
  let failed = false;
  const newDir = () => mkdtempSync(join(tmpdir(), "nhub-persistence-"));
  for (const [name, candidate] of Object.entries(CANDIDATES)) {
    const results = [];
    for (let rep = 0; rep < reps; rep++) {
      const dir = newDir();
      results.push(await runChild(name, "timed", dir));
      rmSync(dir, { recursive: true, force: true });
      if (results.at(-1).error) break;
    }
    const error = results.find((result) => result.error)?.error;
    const size = candidate.pkg
      ? `${(installedBytes(candidate.pkg) / 1024 / 1024).toFixed(1)} MB`
      : "0 (built in)";
    if (error) {
      rows.push(
        `| ${candidate.label} | — | — | — | — | — | ${size} | not measured here: ${error} |`,
      );
      log(`${name}: ${error}`);
      continue;
    }
    // SIGKILL right after the last upsert returned, then count in a new process.
    const dir = newDir();
    await runChild(name, "kill", dir);
    const { count: kept, reopenMs } = await runChild(name, "count", dir);
    rmSync(dir, { recursive: true, force: true });
    if (results.some((result) => result.count !== UPSERTS)) failed = true;
    const seconds = (key) =>
      `${(median(results.map((result) => result[key])) / 1000).toFixed(2)} s`;
    const openMs = `${median(results.map((result) => result.openMs)).toFixed(0)} ms`;
    const rss = `${(median(results.map((result) => result.rss)) / 1024 / 1024).toFixed(0)} MiB`;
    rows.push(
      `| ${candidate.label} | ${seconds("upsertsMs")} | ${openMs} | ${reopenMs.toFixed(0)} ms | ${kept} of ${UPSERTS} | ${rss} | ${size} | ${candidate.note} |`,
    );
    log(
      `${name}: ${results.map((r) => `${r.upsertsMs.toFixed(0)} ms`).join(", ")}; after SIGKILL ${kept} of ${UPSERTS}`,
    );
  }
  process.stdout.write(
    `Measured by \`pnpm --filter @nhub/bench run bench:persistence\` (\`bench/src/persistence-candidates.mjs\`, median of ${reps} fresh processes; ${cpus()[0]?.model.trim()}, ${cpus().length} cores, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}):\n\n` +
      `| candidate | ${UPSERTS} installation upserts, one transaction each | open new (import + create) | open existing | rows found after SIGKILL | process RSS | installed size | note |\n|---|--:|--:|--:|--:|--:|--:|---|\n${rows.join("\n")}\n`,
  );
  if (failed) process.exitCode = 1;
}
