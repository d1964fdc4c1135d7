import { describe, expect, it } from "vitest";
import { waitFor } from "./http.test-helper.js";
import { parseScheduleTime, Scheduler } from "./scheduler.js";

describe("parseScheduleTime", () => {
  it("reads yyyy-MM-ddTHH:mm:ss as UTC, with an optional fraction and Z", () => {
    expect(parseScheduleTime("2030-01-02T03:04:05")?.toISOString()).toBe(
      "2030-01-02T03:04:05.000Z",
    );
    expect(parseScheduleTime("2030-01-02T03:04:05Z")?.toISOString()).toBe(
      "2030-01-02T03:04:05.000Z",
    );
    expect(parseScheduleTime("2030-01-02T03:04:05.1234567Z")?.toISOString()).toBe(
      "2030-01-02T03:04:05.123Z",
    );
  });

  it("refuses other shapes and impossible dates", () => {
    for (const text of [
      "2030-01-02 03:04:05",
      "2030-01-02T03:04",
      "2030-02-30T00:00:00",
      "tomorrow",
      "2030-01-02T03:04:05+02:00",
    ]) {
      expect(parseScheduleTime(text)).toBeUndefined();
    }
  });
});

describe("Scheduler", () => {
  it("runs a job at its time, and at once when the time has passed", async () => {
    const scheduler = new Scheduler();
    const ran: string[] = [];
    scheduler.schedule("later", new Date(Date.now() + 30), () => ran.push("later"));
    scheduler.schedule("past", new Date(Date.now() - 1000), () => ran.push("past"));
    expect(scheduler.size).toBe(2);
    await waitFor(() => ran.length === 2);
    expect(ran).toEqual(["past", "later"]);
    expect(scheduler.has("later")).toBe(false);
  });

  it("cancels a pending job once, and clear stops every job", async () => {
    const scheduler = new Scheduler();
    const ran: string[] = [];
    scheduler.schedule("a", new Date(Date.now() + 20), () => ran.push("a"));
    scheduler.schedule("b", new Date(Date.now() + 20), () => ran.push("b"));
    scheduler.schedule("c", new Date(Date.now() + 10), () => ran.push("c"));
    expect(scheduler.cancel("a")).toBe(true);
    expect(scheduler.cancel("a")).toBe(false);
    await waitFor(() => ran.length === 1);
    scheduler.clear();
    expect(scheduler.size).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(ran).toEqual(["c"]);
  });
});
