import { assertAdapter, PayloadValidationError } from "@nhub/core";
import { describeAdapterConformance } from "@nhub/core/testing";
import { describe, expect, it } from "vitest";
import { type BreakingNews, breakingNews } from "./breaking-news-adapter.js";

function refusal(news: unknown, adapter = breakingNews()): string {
  try {
    adapter.prepare(news as BreakingNews, {});
  } catch (error) {
    expect(PayloadValidationError.isInstance(error)).toBe(true);
    return (error as Error).message;
  }
  throw new Error("not refused");
}

describeAdapterConformance(breakingNews(), {
  valid: [
    {
      name: "all languages",
      payload: { category: "world", headline: { en: "Storm", fr: "Tempête", zh: "风暴" } },
    },
    {
      name: "English only",
      payload: { category: "sports", headline: { en: "Goal!" } },
      options: { tags: "sports" },
    },
  ],
  invalid: [
    { name: "unknown category", payload: { category: "gossip", headline: { en: "x" } } },
    { name: "no English", payload: { category: "world", headline: { fr: "x" } } },
    { name: "not an object", payload: "news" },
  ],
});

describe("breakingNews()", () => {
  it("is a frozen v1 adapter for the template format", () => {
    const adapter = breakingNews();
    expect(assertAdapter(adapter)).toBe(adapter);
    expect(adapter).toMatchObject({ specificationVersion: "v1", format: "template" });
    expect(Object.isFrozen(adapter)).toBe(true);
  });

  it("turns the headline into one template property per language", () => {
    const news: BreakingNews = {
      category: "world",
      headline: { en: "Storm", fr: "Tempête", zh: "风暴" },
    };
    expect(breakingNews().prepare(news, {})).toEqual({
      body: '{"News_English":"Storm","News_French":"Tempête","News_Mandarin":"风暴"}',
      contentType: "application/json;charset=utf-8",
    });
  });

  it("falls back to English for missing translations", () => {
    const news: BreakingNews = { category: "science", headline: { en: "Eclipse", zh: "日食" } };
    expect(breakingNews().prepare(news, {}).body).toBe(
      '{"News_English":"Eclipse","News_French":"Eclipse","News_Mandarin":"日食"}',
    );
  });

  it.each([
    ["null", null, "the payload must be a BreakingNews object"],
    [
      "an unknown category",
      { category: "gossip", headline: { en: "x" } },
      'category must be one of world, politics, business, technology, science, sports; got "gossip"',
    ],
    [
      "a missing headline",
      { category: "world" },
      'headline must be an object such as { en: "..." }',
    ],
    [
      "a missing English headline",
      { category: "world", headline: { fr: "x" } },
      "headline.en must be a non-empty string (English is required)",
    ],
    [
      "a blank translation",
      { category: "world", headline: { en: "x", fr: "  " } },
      "headline.fr must be a non-empty string",
    ],
    [
      "an unsupported language",
      { category: "world", headline: { en: "x", de: "y" } },
      "headline.de is not a supported language (en, fr, zh)",
    ],
    [
      "a number as headline",
      { category: "world", headline: { en: 5 } },
      "headline.en must be a non-empty string (English is required)",
    ],
  ])("refuses %s", (_name, news, message) => {
    expect(refusal(news)).toBe(`[@nhub/example-custom-adapter] ${message}`);
  });

  it("accepts headlines up to maxHeadlineLength characters and refuses longer ones", () => {
    const adapter = breakingNews({ maxHeadlineLength: 10 });
    expect(() =>
      adapter.prepare({ category: "world", headline: { en: "x".repeat(10) } }, {}),
    ).not.toThrow();
    expect(
      refusal({ category: "world", headline: { en: "x".repeat(10), fr: "y".repeat(11) } }, adapter),
    ).toBe("[@nhub/example-custom-adapter] headline.fr is 11 characters; at most 10 are allowed");
  });

  it("refuses a bad maxHeadlineLength", () => {
    expect(() => breakingNews({ maxHeadlineLength: 0 })).toThrow(PayloadValidationError);
  });
});
