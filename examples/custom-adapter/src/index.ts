export {
  type BreakingNews,
  type BreakingNewsAdapter,
  type BreakingNewsSendOptions,
  type BreakingNewsSettings,
  breakingNews,
  CATEGORIES,
  type Category,
  LANGUAGES,
  type Language,
} from "./breaking-news-adapter.js";
export { sendBreakingNews } from "./send-breaking-news.js";
