import { describe, expect, it } from "vitest";
import { validateSend, xmlRootName } from "./send-validation.js";

describe("xmlRootName", () => {
  it("skips a BOM, declaration, comments and DOCTYPE, and drops a prefix", () => {
    expect(
      xmlRootName('\uFEFF<?xml version="1.0"?>\n<!-- hi --><!DOCTYPE x>\n <toast launch="a">'),
    ).toBe("toast");
    expect(xmlRootName('<wp:Notification xmlns:wp="WPNotification">')).toBe("Notification");
    expect(xmlRootName("not xml")).toBeUndefined();
  });
});

describe("validateSend", () => {
  it("collects content-type and the format's own headers, lower-cased", () => {
    const result = validateSend(
      {
        "servicebusnotification-format": "apple",
        "content-type": "application/json",
        "apns-priority": "10",
        "servicebusnotification-apns-expiry": "2030-01-01T00:00:00Z",
        "x-other": "dropped",
      },
      Buffer.from("{}"),
    );
    expect(result).toMatchObject({
      format: "apple",
      pnsHeaders: {
        "content-type": "application/json",
        "apns-priority": "10",
        "servicebusnotification-apns-expiry": "2030-01-01T00:00:00Z",
      },
    });
  });

  it("turns template properties into a case-insensitive map of strings", () => {
    const result = validateSend(
      { "servicebusnotification-format": "Template", "content-type": "application/json" },
      Buffer.from('{"Name":"Ana","n":3,"b":true}'),
    );
    expect("properties" in result && [...(result.properties ?? [])]).toEqual([
      ["name", "Ana"],
      ["n", "3"],
      ["b", "true"],
    ]);
  });

  it("refuses an invalid X-WNS-Type", () => {
    const result = validateSend(
      {
        "servicebusnotification-format": "windows",
        "content-type": "application/xml",
        "x-wns-type": "wns/popup",
      },
      Buffer.from("<toast/>"),
    );
    expect(result).toMatchObject({
      status: 400,
      detail: expect.stringContaining("'wns/popup' is invalid"),
    });
  });
});
