// Where the bytes of "send one WNS toast" go: `node src/bundle-analysis.mjs` (a few seconds).
// Bundles the send-only scenario from the TypeScript sources (so each module is visible), then
// prints (1) minified bytes per module, (2) the gzip saved by replacing one feature's module with
// a trivial stub, and (3) the gzip left with every message string blanked. Used for the bundle
// notes in RESULTS.md; not run in CI (it measures, it checks nothing).
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { TAG_EXPRESSION } from "./scenario.mjs";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const CORE = `${ROOT}packages/core/src/`;
const ts = createRequire(`${ROOT}package.json`)("typescript");

const SOURCE = `
import { createSendClient } from "@nhub/core";
import { wns } from "@nhub/wns";
export async function sendToast(connectionString, hubName, toast) {
  const client = createSendClient({ connectionString, hubName, adapters: [wns()] });
  try {
    return await client.send("windows", toast, { tagExpression: ${JSON.stringify(TAG_EXPRESSION)} });
  } finally {
    await client.close();
  }
}`;

/** Each feature and the stubs that remove it (module contents by file under core/src). */
const FEATURES = {
  "the tag grammar (tags passed through unchecked)": {
    "tag-expression.ts":
      "export const parseTagExpression=(t)=>({text:t});export const tagsToExpression=(t)=>typeof t==='string'?t:[...t].join('||');",
  },
  "the WNS well-formedness scan (root element check only)": {
    "xml-outline.ts":
      "export function xmlOutline(x){const m=/<([\\w:]+)/.exec(x);return{root:{name:m?.[1]??'',attributes:new Map()},elements:[]}}",
  },
  "error details and status hints in ServiceError": {
    "service-response.ts":
      "import{ServiceError}from'./errors.js';export const notificationIdFromLocation=(l)=>l?.split('?')[0].split('/').pop();export const toServiceError=(r,o)=>new ServiceError(o+' '+r.status,{statusCode:r.status,body:r.body});",
  },
  "the debug dump and test-send outcomes": {
    "debug-dump.ts": "export const formatDebugDump=()=>'';export const redactSecrets=(t)=>t;",
    "outcome.ts": "export const parseNotificationOutcome=()=>({success:0,failure:0,results:[]});",
  },
  retries: {
    "retry.ts":
      "export const resolveRetryPolicy=()=>({});export const retryDelayMs=()=>undefined;export const sleep=()=>Promise.resolve();export const mayHaveBeenAccepted=()=>false;",
  },
  "the diagnostics_channel tracer (Node only)": {
    "diagnostics.ts": "export const createNodeTracer=()=>undefined;",
  },
  "the client-wide throttle hold": {
    "throttle-gate.ts":
      "export class ThrottleGate{holds=0;remainingMs(){return 0}hold(){}async wait(){}};export const isThrottlingError=()=>false;export const throttleHook=(o)=>o;",
  },
  "graceful close (in-flight tracking, deadline, abort)": {
    "client-lifecycle.ts":
      "export class RequestTracker{closed=false;aborted=false;begin(){}end(){}async close(){this.closed=true;return{finished:0,aborted:0}}}",
  },
};

async function bundleScenario(platform, stubs = {}) {
  const stub = {
    name: "stub",
    setup(b) {
      b.onLoad({ filter: /packages[\\/]core[\\/]src[\\/].*\.ts$/ }, (args) => {
        const contents = stubs[args.path.slice(CORE.length)];
        return contents === undefined ? undefined : { contents, loader: "ts" };
      });
    },
  };
  const result = await build({
    stdin: {
      contents: SOURCE,
      resolveDir: fileURLToPath(new URL(".", import.meta.url)),
      loader: "js",
    },
    alias: {
      "@nhub/core": `${CORE}index.${platform === "browser" ? "web" : "node"}.ts`,
      "@nhub/wns": `${ROOT}packages/wns/src/index.ts`,
    },
    plugins: [stub],
    bundle: true,
    minify: true,
    write: false,
    metafile: true,
    format: "esm",
    platform,
    target: "es2022",
    external: ["undici"],
    legalComments: "none",
    logLevel: "silent",
  });
  const code = result.outputFiles[0].text;
  const inputs = Object.values(result.metafile.outputs)[0].inputs;
  return { code, gzip: gzipSync(code, { level: 9 }).length, inputs };
}

/** The code with every string or template literal that holds a space and 16+ characters emptied. */
function blankMessages(code) {
  const file = ts.createSourceFile("b.js", code, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  const cuts = [];
  const visit = (node) => {
    const text = ts.isTemplateExpression(node)
      ? node.head.text + node.templateSpans.map((span) => span.literal.text).join("")
      : ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)
        ? node.text
        : undefined;
    if (text?.includes(" ") && node.getText().length >= 16) {
      cuts.push([node.getStart(), node.getEnd()]);
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  let out = code;
  for (const [start, end] of cuts.sort((a, b) => b[0] - a[0])) {
    out = `${out.slice(0, start)}""${out.slice(end)}`;
  }
  return out;
}

for (const platform of ["browser", "node"]) {
  const base = await bundleScenario(platform);
  process.stdout.write(
    `\n## ${platform}: ${base.code.length} B minified, ${base.gzip} B gzip (from source)\n\n`,
  );
  const modules = Object.entries(base.inputs)
    .filter(([, v]) => v.bytesInOutput > 0)
    .sort((a, b) => b[1].bytesInOutput - a[1].bytesInOutput);
  for (const [path, { bytesInOutput }] of modules) {
    process.stdout.write(
      `${String(bytesInOutput).padStart(7)} B  ${path.replace(/.*packages\//, "")}\n`,
    );
  }
  process.stdout.write("\ngzip saved without ...\n");
  let all = {};
  for (const [feature, stubs] of Object.entries(FEATURES)) {
    all = { ...all, ...stubs };
    const { gzip } = await bundleScenario(platform, stubs);
    process.stdout.write(`${String(base.gzip - gzip).padStart(7)} B  ${feature}\n`);
  }
  const stripped = await bundleScenario(platform, all);
  process.stdout.write(`without all of them: ${stripped.gzip} B gzip\n`);
  const blank = gzipSync(blankMessages(base.code), { level: 9 }).length;
  process.stdout.write(`every message string blanked, features kept: ${blank} B gzip\n`);
}
