import { InvalidArgumentError } from "@nhub/core";
import type { HubClient } from "./hub-client.js";
import { readResponse, withSignal } from "./hub-client.js";
import { parseRegistrationFeed } from "./registration-parse.js";
import type { AnyRegistration } from "./registration-types.js";

/** Options of the listing operations. */
export interface ListRegistrationsOptions {
  /** Page size (`$top`), sent on every page. Default: the service's (100). */
  top?: number;
  /** Cancels the listing. */
  signal?: AbortSignal;
}

/** One page of a listing. */
export interface RegistrationPage {
  registrations: AnyRegistration[];
  /** The `x-ms-continuationtoken` of this page; undefined on the last page. */
  continuationToken: string | undefined;
}

/** Options of `byPage()`. */
export interface ByPageOptions {
  /** Resume after the page that returned this token. */
  continuationToken?: string;
}

/**
 * The result of a listing: iterate it with `for await` to get every registration across all
 * pages, or call `byPage()` to get one page (and its continuation token) at a time.
 */
export interface PagedRegistrations extends AsyncIterable<AnyRegistration> {
  /** Yields one page at a time, each with the continuation token of the next. */
  byPage(options?: ByPageOptions): AsyncIterableIterator<RegistrationPage>;
}

/** Checks `top` before anything is sent. */
export function assertTop(top: unknown, operation: string): void {
  if (top === undefined) return;
  if (typeof top !== "number" || !Number.isInteger(top) || top < 1) {
    throw new InvalidArgumentError(
      `${operation}: top must be a whole number of registrations per page, at least 1; got ${String(top)}.`,
    );
  }
}

/**
 * The query text that passes a continuation token back verbatim, as the service expects (it
 * sends tokens already percent-encoded, `MzEobik7Mg%3D%3D`). Only characters that cannot stand
 * in a query value (`&`, `#`, spaces, non-ASCII) are encoded.
 */
export function continuationQuery(token: string): string {
  return `continuationtoken=${token.replace(/[^A-Za-z0-9\-._~%!$'()*+,;=:@/?]/g, (c) => encodeURIComponent(c))}`;
}

/** Builds a paged listing of `path` (validation already done by the caller). */
export function pagedRegistrations(
  client: HubClient,
  path: string,
  query: Record<string, string>,
  options: ListRegistrationsOptions,
  operation: string,
): PagedRegistrations {
  async function* byPage(pageOptions: ByPageOptions = {}): AsyncIterableIterator<RegistrationPage> {
    let token = pageOptions.continuationToken;
    do {
      const pageQuery: Record<string, string | number> = { ...query };
      if (options.top !== undefined) pageQuery.$top = options.top;
      const rawQuery = token === undefined ? undefined : continuationQuery(token);
      const response = await client.request(
        withSignal(
          { method: "GET", path, query: pageQuery, ...(rawQuery ? { rawQuery } : {}) },
          options,
        ),
      );
      const registrations = readResponse(operation, () => parseRegistrationFeed(response.body));
      token = response.headers["x-ms-continuationtoken"] || undefined;
      yield { registrations, continuationToken: token };
    } while (token !== undefined);
  }
  return {
    byPage,
    async *[Symbol.asyncIterator]() {
      for await (const page of byPage()) yield* page.registrations;
    },
  };
}
