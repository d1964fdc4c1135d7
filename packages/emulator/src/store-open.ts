import { InvalidArgumentError } from "@nhub/core";
import type { SqliteStore } from "./sqlite-store.js";

/**
 * Opens the SQLite store in `dataDir`, or nothing without one. The store module and its WASM
 * library are imported only here, so an emulator without `dataDir` never loads them.
 */
export async function openStore(dataDir: string | undefined): Promise<SqliteStore | undefined> {
  if (dataDir === undefined) return undefined;
  if (typeof dataDir !== "string" || dataDir.trim() === "") {
    throw new InvalidArgumentError("startEmulator: dataDir must be a non-empty directory path");
  }
  const { SqliteStore } = await import("./sqlite-store.js");
  return SqliteStore.open(dataDir);
}
