import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** Root of the recorded traffic shared by the team. */
export const RECORDED = "/work/shared/fixtures/recorded";

/** One recorded response (and, for JS recordings, its request). */
export interface RecordedCall {
  file: string;
  index: number;
  method: string | undefined;
  uri: string;
  status: number;
  /** Response headers, names in lower case. */
  headers: Record<string, string>;
  body: string;
  /** Request body as text (JS recordings only). */
  requestBody: string | undefined;
}

function lower(headers: Record<string, string> | undefined): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]),
  );
}

/** Every call of every .NET `.http` session file. */
export function dotnetCalls(): RecordedCall[] {
  const dir = join(RECORDED, "azure-notificationhubs-dotnet/MockData");
  return readdirSync(dir)
    .sort()
    .flatMap((file) => {
      // one file has a trailing comma: parse leniently
      const text = readFileSync(join(dir, file), "utf8").replace(/,(\s*[\]}])/g, "$1");
      const data = JSON.parse(text) as {
        HttpCalls: {
          RequestUriPath: string;
          StatusCode: number;
          Headers?: Record<string, string>;
          ContentHeaders?: Record<string, string>;
          Content: string | null;
        }[];
      };
      return data.HttpCalls.map((call, index) => ({
        file,
        index,
        method: undefined,
        uri: call.RequestUriPath,
        status: call.StatusCode,
        headers: { ...lower(call.Headers), ...lower(call.ContentHeaders) },
        body: call.Content ?? "",
        requestBody: undefined,
      }));
    });
}

/** Every entry of every JS test-proxy recording (both repositories). */
export function jsCalls(): RecordedCall[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(".json")) files.push(path);
    }
  };
  walk(join(RECORDED, "azure-sdk-for-js"));
  walk(join(RECORDED, "azure-sdk-assets"));
  return files.sort().flatMap((path) => {
    const data = JSON.parse(readFileSync(path, "utf8")) as {
      Entries: {
        RequestUri: string;
        RequestMethod: string;
        RequestBody: unknown;
        StatusCode: number;
        ResponseHeaders: Record<string, string>;
        ResponseBody: unknown;
      }[];
    };
    return data.Entries.map((entry, index) => {
      let requestBody: string | undefined;
      if (typeof entry.RequestBody === "string")
        requestBody = Buffer.from(entry.RequestBody, "base64").toString("utf8");
      else if (entry.RequestBody != null) requestBody = JSON.stringify(entry.RequestBody);
      return {
        file: path.slice(RECORDED.length + 1),
        index,
        method: entry.RequestMethod,
        uri: entry.RequestUri,
        status: entry.StatusCode,
        headers: lower(entry.ResponseHeaders),
        body:
          typeof entry.ResponseBody === "string"
            ? entry.ResponseBody
            : entry.ResponseBody == null
              ? ""
              : JSON.stringify(entry.ResponseBody),
        requestBody,
      };
    });
  });
}

/** A Java hand-written fixture by file name. */
export function javaFixture(name: string): string {
  return readFileSync(join(RECORDED, "azure-notificationhubs-java-backend/test", name), "utf8");
}

/**
 * Expected fields of each description element of `xml`, read with regular expressions
 * (independently of the parser under test).
 */
export interface ExpectedDescription {
  element: string;
  fields: Record<string, string | null>;
  inner: string;
}

export function expectedDescriptions(xml: string): ExpectedDescription[] {
  const out: ExpectedDescription[] = [];
  const re = /<(?:[\w]+:)?(\w*RegistrationDescription)\b([^>]*)>([\s\S]*?)<\/(?:[\w]+:)?\1>/g;
  for (const match of xml.matchAll(re)) {
    const typeAttr = /i:type="(\w+)"/.exec(match[2] ?? "");
    const element = typeAttr ? (typeAttr[1] as string) : (match[1] as string);
    const fields: Record<string, string | null> = {};
    const inner = match[3] ?? "";
    for (const f of inner.matchAll(/<(\w+)(\s[^>]*)?(?:\/>|>([\s\S]*?)<\/\1>)/g)) {
      const name = f[1] as string;
      if (name in fields) continue;
      const raw = f[3];
      fields[name] =
        raw === undefined
          ? null
          : raw
              .replace(/^<!\[CDATA\[([\s\S]*)\]\]>$/, "$1")
              .replaceAll("&amp;", "&")
              .replaceAll("&quot;", '"')
              .replaceAll("&lt;", "<")
              .replaceAll("&gt;", ">");
    }
    out.push({ element, fields, inner });
  }
  return out;
}
