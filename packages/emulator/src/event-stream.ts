import type { ServerResponse } from "node:http";
import type { DeliveryFilter } from "./delivery-log.js";
import type { DeliveryRecord } from "./inspection-types.js";

/** Time between two `: ping` comments of an open stream. */
export const PING_MS = 15_000;

interface Subscriber {
  res: ServerResponse;
  filter: DeliveryFilter;
}

/** The open `text/event-stream` answers of `GET /_nhub/api/deliveries/stream`. */
export class DeliveryStreams {
  private readonly subscribers = new Set<Subscriber>();
  private timer: NodeJS.Timeout | undefined;

  /** Starts streaming to `res` the deliveries `filter` accepts. */
  open(res: ServerResponse, filter: DeliveryFilter): void {
    res.writeHead(200, {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-store",
      connection: "keep-alive",
      "x-accel-buffering": "no",
    });
    res.write(": connected\n\n");
    const subscriber = { res, filter };
    this.subscribers.add(subscriber);
    res.on("close", () => {
      this.subscribers.delete(subscriber);
      if (this.subscribers.size === 0) this.stopPing();
    });
    if (this.timer === undefined) {
      this.timer = setInterval(() => this.broadcast(": ping\n\n"), PING_MS);
      this.timer.unref();
    }
  }

  /** Sends one delivery to every subscriber whose filter accepts it. */
  delivery(record: DeliveryRecord): void {
    if (this.subscribers.size === 0) return;
    const event = `id: ${record.id}\nevent: delivery\ndata: ${JSON.stringify(record)}\n\n`;
    for (const subscriber of this.subscribers) {
      if (subscriber.filter(record)) subscriber.res.write(event);
    }
  }

  /** Tells every subscriber the deliveries were cleared. */
  cleared(): void {
    this.broadcast("event: cleared\ndata: {}\n\n");
  }

  /** Ends every stream. */
  close(): void {
    this.stopPing();
    for (const subscriber of this.subscribers) subscriber.res.end();
    this.subscribers.clear();
  }

  private broadcast(text: string): void {
    for (const subscriber of this.subscribers) subscriber.res.write(text);
  }

  private stopPing(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }
}
