import { InvalidArgumentError } from "./errors.js";

/** A source of device handles for a batch send: an array, any iterable, or an async iterable. */
export type DeviceHandleSource = Iterable<string> | AsyncIterable<string>;

/** One chunk read from a {@link DeviceHandleSource}: its handles and the index of the first. */
export interface HandleChunk {
  start: number;
  handles: string[];
}

function checkHandle(handle: unknown, index: number): string {
  if (typeof handle !== "string" || handle.trim() === "") {
    throw new InvalidArgumentError(
      `sendBatch: device handle #${index} must be a non-empty string, got ${typeof handle === "string" ? "an empty string" : typeof handle}.`,
    );
  }
  return handle;
}

/**
 * @internal Reads a handle source lazily, `size` handles at a time, skipping the first `skip`.
 * Only one chunk is built at a time; calls to {@link HandleChunkReader.next} are serialised, so
 * several workers may share the reader.
 */
export class HandleChunkReader {
  readonly #size: number;
  readonly #sync: Iterator<string> | undefined;
  readonly #async: AsyncIterator<string> | undefined;
  #index = 0;
  #skip: number;
  #done = false;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(source: DeviceHandleSource, size: number, skip: number) {
    this.#size = size;
    this.#skip = skip;
    if (source !== null && typeof source === "object" && Symbol.asyncIterator in source) {
      this.#async = (source as AsyncIterable<string>)[Symbol.asyncIterator]();
    } else if (source !== null && typeof source === "object" && Symbol.iterator in source) {
      this.#sync = (source as Iterable<string>)[Symbol.iterator]();
    } else {
      throw new InvalidArgumentError(
        "sendBatch: device handles must be an array, an iterable or an async iterable of strings.",
      );
    }
  }

  /** How many handles were read from the source so far (skipped ones included). */
  get position(): number {
    return this.#index;
  }

  /** True once the source is exhausted. */
  get done(): boolean {
    return this.#done;
  }

  /** The next chunk, or undefined at the end of the source. */
  next(): Promise<HandleChunk | undefined> {
    const result = this.#queue.then(() => this.#read());
    this.#queue = result.catch(() => undefined);
    return result;
  }

  async #pull(): Promise<IteratorResult<string>> {
    return this.#sync ? this.#sync.next() : (this.#async as AsyncIterator<string>).next();
  }

  async #read(): Promise<HandleChunk | undefined> {
    while (this.#skip > 0 && !this.#done) {
      const item = this.#sync ? this.#sync.next() : await this.#pull();
      if (item.done) this.#done = true;
      else {
        this.#index++;
        this.#skip--;
      }
    }
    if (this.#done) return undefined;
    const start = this.#index;
    const handles: string[] = [];
    while (handles.length < this.#size) {
      const item = this.#sync ? this.#sync.next() : await this.#pull();
      if (item.done) {
        this.#done = true;
        break;
      }
      handles.push(checkHandle(item.value, this.#index));
      this.#index++;
    }
    return handles.length === 0 ? undefined : { start, handles };
  }

  /** Lets the source release what it holds (closes a file being read). */
  async close(): Promise<void> {
    if (this.#done) return;
    this.#done = true;
    await (this.#sync?.return?.() ?? this.#async?.return?.());
  }
}
