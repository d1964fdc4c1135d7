import { randomBytes } from "node:crypto";
import { InvalidArgumentError } from "@nhub/core";
import type { EmulatorContext } from "./context.js";
import type { HubStore } from "./hub-store.js";
import { resumeJobs } from "./job-runner.js";
import { resumeScheduledPushes } from "./scheduled-push.js";
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

/** A fresh secret for a URL's `sig` parameter. */
export function randomSig(): string {
  return randomBytes(16).toString("hex");
}

/**
 * Once the emulator listens: arms the scheduled pushes and jobs a hub loaded from `dataDir`
 * (nothing for a fresh hub), with URLs on the current address.
 */
export function resumeHub(context: EmulatorContext, hub: HubStore): void {
  resumeScheduledPushes(context, hub);
  resumeJobs(context, hub);
}

/**
 * Runs `persist` from a timer (a scheduled push sent, a job step), where a throw would crash the
 * process: a failed write is dropped, and the store rewrites every row at its next write.
 */
export function persistQuietly(persist: () => void): void {
  try {
    persist();
  } catch {
    // SqliteStore.sync rolled back and marked every hub changed: the next sync writes them whole.
  }
}
