import {
  type NotificationAdapter,
  PayloadValidationError,
  type PreparedNotification,
  type SendOptions,
} from "@nhub/core";

/** The news categories of the tutorial; each is also the tag devices subscribe to. */
export const CATEGORIES = [
  "world",
  "politics",
  "business",
  "technology",
  "science",
  "sports",
] as const;

/** A news category. */
export type Category = (typeof CATEGORIES)[number];

/** The languages devices can choose, and the template property each one reads. */
export const LANGUAGES = { en: "News_English", fr: "News_French", zh: "News_Mandarin" } as const;

/** A language code. */
export type Language = keyof typeof LANGUAGES;

/** The domain object: one piece of breaking news, with its headline in one or more languages. */
export interface BreakingNews {
  category: Category;
  /** The headline per language; English is required and stands in for missing translations. */
  headline: { en: string } & Partial<Record<Language, string>>;
}

/** Options of the adapter: defaults for every send. */
export interface BreakingNewsSettings {
  /** Longest headline in characters. Default 200. */
  maxHeadlineLength?: number;
}

/** The adapter's per-send options: core's send options (this adapter adds none). */
export type BreakingNewsSendOptions = SendOptions;

/** The adapter type. */
export type BreakingNewsAdapter = NotificationAdapter<BreakingNews, BreakingNewsSendOptions>;

const NAME = "@nhub/example-custom-adapter";

function refuse(message: string): never {
  throw new PayloadValidationError(`[${NAME}] ${message}`);
}

/**
 * Turns a {@link BreakingNews} object into the template properties of the "localized breaking
 * news" tutorial: `{ News_English, News_French, News_Mandarin }`, sent with format `template`.
 * Each device's template (registered by the app) picks the property of its language.
 */
export function breakingNews(settings: BreakingNewsSettings = {}): BreakingNewsAdapter {
  const maxLength = settings.maxHeadlineLength ?? 200;
  if (!Number.isSafeInteger(maxLength) || maxLength < 1) {
    refuse(`maxHeadlineLength must be a positive whole number; got ${String(maxLength)}`);
  }
  return Object.freeze({
    specificationVersion: "v1",
    format: "template",
    name: NAME,
    prepare(news: BreakingNews): PreparedNotification {
      if (typeof news !== "object" || news === null)
        refuse("the payload must be a BreakingNews object");
      if (!CATEGORIES.includes(news.category)) {
        refuse(
          `category must be one of ${CATEGORIES.join(", ")}; got ${JSON.stringify(news.category)}`,
        );
      }
      const headline: Record<string, unknown> = news.headline;
      if (typeof headline !== "object" || headline === null)
        refuse('headline must be an object such as { en: "..." }');
      for (const language of Object.keys(headline)) {
        if (!Object.hasOwn(LANGUAGES, language)) {
          refuse(
            `headline.${language} is not a supported language (${Object.keys(LANGUAGES).join(", ")})`,
          );
        }
      }
      const properties: Record<string, string> = {};
      for (const [language, property] of Object.entries(LANGUAGES)) {
        const text = headline[language] ?? (language === "en" ? undefined : headline.en);
        if (typeof text !== "string" || text.trim() === "") {
          refuse(
            `headline.${language} must be a non-empty string${language === "en" ? " (English is required)" : ""}`,
          );
        }
        if (text.length > maxLength) {
          refuse(
            `headline.${language} is ${text.length} characters; at most ${maxLength} are allowed`,
          );
        }
        properties[property] = text;
      }
      return { body: JSON.stringify(properties), contentType: "application/json;charset=utf-8" };
    },
  });
}
