import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { crc32, deflateSync } from "node:zlib";

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

/** A PNG of `width` × `height` pixels of one RGB colour (8-bit truecolour, no interlace). */
export function solidPng(width: number, height: number, rgb: [number, number, number]): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.alloc(1 + width * 3);
  for (let x = 0; x < width; x++) row.set(rgb, 1 + x * 3);
  const pixels = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(pixels)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** The images the test server holds, by path, and their widths (what `naturalWidth` must be). */
export const TEST_IMAGES: Readonly<Record<string, { width: number; height: number }>> = {
  "/hero.png": { width: 48, height: 24 },
  "/logo.png": { width: 16, height: 16 },
  "/picture.png": { width: 40, height: 20 },
  "/icon.png": { width: 12, height: 12 },
};

/** A request the image server answered. */
export interface ImageRequest {
  path: string;
  headers: IncomingHttpHeaders;
}

/** An image server on 127.0.0.1: `TEST_IMAGES` as PNG, 404 for any other path. */
export async function startImageServer() {
  const requests: ImageRequest[] = [];
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://127.0.0.1").pathname;
    requests.push({ path, headers: req.headers });
    const size = TEST_IMAGES[path];
    if (size === undefined) {
      res.writeHead(404, { "content-type": "text/plain", "cache-control": "no-store" });
      res.end("no such image");
      return;
    }
    const png = solidPng(size.width, size.height, [47, 111, 237]);
    res.writeHead(200, {
      "content-type": "image/png",
      "content-length": png.length,
      "cache-control": "no-store",
    });
    res.end(png);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    /** `http://127.0.0.1:<port>/`. */
    base: `http://127.0.0.1:${port}/`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
