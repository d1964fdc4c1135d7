// The limit: a raw undici Pool posting the same bytes with one token signed at start.

import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import { Pool } from "undici";
import { clientMain } from "../load.mjs";
import { HUB, KEY, KEY_NAME, TAG_EXPRESSION, TOAST } from "../scenario.mjs";

await clientMain(({ connectionString, caPath }) => {
  const origin = /Endpoint=sb:\/\/([^/;]+)/.exec(connectionString)[1];
  const base = `https://${origin}`;
  const sr = encodeURIComponent(`${base}/${HUB}`.toLowerCase());
  const se = Math.floor(Date.now() / 1000) + 3600;
  const sig = createHmac("sha256", KEY).update(`${sr}\n${se}`).digest("base64");
  const request = {
    method: "POST",
    path: `/${HUB}/messages?api-version=2020-06`,
    headers: {
      Authorization: `SharedAccessSignature sr=${sr}&sig=${encodeURIComponent(sig)}&se=${se}&skn=${KEY_NAME}`,
      "Content-Type": "application/xml",
      "ServiceBusNotification-Format": "windows",
      "ServiceBusNotification-Tags": TAG_EXPRESSION,
      "X-WNS-Type": "wns/toast",
      "x-ms-version": "2020-06",
    },
    body: TOAST,
  };
  const pool = new Pool(base, { connections: 64, connect: { ca: readFileSync(caPath, "utf8") } });
  return {
    async send() {
      const { statusCode, headers, body } = await pool.request(request);
      await body.text();
      if (statusCode !== 201 || !headers.location) throw new Error(`undici: status ${statusCode}`);
    },
    async close() {
      await pool.close();
    },
  };
});
