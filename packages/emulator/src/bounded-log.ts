/** An entry of a {@link BoundedLog}: the log numbers it. */
export interface LogEntry {
  /** `{prefix}{sequence}`, stable for the emulator's life. */
  id: string;
  /** 1, 2, 3 … ; newer is larger. */
  sequence: number;
}

/**
 * A ring buffer keeping the newest `capacity` entries. Sequences keep counting across `clear()`, so
 * ids stay unique for the log's life; `pruned` counts entries dropped by the bound since the last
 * clear.
 */
export class BoundedLog<T extends LogEntry> {
  private readonly slots: (T | undefined)[];
  private first = 1;
  private next = 1;
  private prunedCount = 0;

  /** Called with each entry the bound drops (not on `clear()`). */
  onDrop?(entry: T): void;

  constructor(
    readonly capacity: number,
    readonly prefix: string,
  ) {
    this.slots = new Array<T | undefined>(Math.min(capacity, 1024));
  }

  /** Entries dropped by the bound since start or the last clear. */
  get pruned(): number {
    return this.prunedCount;
  }

  /** How many entries are retained. */
  get size(): number {
    return this.next - this.first;
  }

  /** Numbers `make`'s entry (it receives id and sequence) and keeps it, dropping the oldest if full. */
  push(make: (id: string, sequence: number) => T): T {
    const sequence = this.next++;
    const entry = make(`${this.prefix}${sequence}`, sequence);
    if (this.size > this.capacity) {
      const dropped = this.slots[this.index(this.first)];
      this.slots[this.index(this.first)] = undefined;
      this.first++;
      this.prunedCount++;
      if (dropped !== undefined) this.onDrop?.(dropped);
    }
    if (this.slots.length < this.capacity && this.size > this.slots.length) this.grow();
    this.slots[this.index(sequence)] = entry;
    return entry;
  }

  /** The entry with this id, if retained. */
  get(id: string): T | undefined {
    if (!id.startsWith(this.prefix)) return undefined;
    const digits = id.slice(this.prefix.length);
    if (!/^[1-9]\d{0,15}$/.test(digits)) return undefined;
    const sequence = Number(digits);
    if (sequence < this.first || sequence >= this.next) return undefined;
    return this.slots[this.index(sequence)];
  }

  /** Retained entries, newest first, starting at sequences below `before` (default: all). */
  *newestFirst(before = Number.POSITIVE_INFINITY): Generator<T> {
    for (let sequence = Math.min(before - 1, this.next - 1); sequence >= this.first; sequence--) {
      const entry = this.slots[this.index(sequence)];
      if (entry !== undefined) yield entry;
    }
  }

  /** Retained entries, oldest first. */
  oldestFirst(): T[] {
    const out: T[] = [];
    for (let sequence = this.first; sequence < this.next; sequence++) {
      const entry = this.slots[this.index(sequence)];
      if (entry !== undefined) out.push(entry);
    }
    return out;
  }

  /** Drops every entry and resets `pruned`; sequences keep counting. */
  clear(): void {
    this.slots.fill(undefined);
    this.first = this.next;
    this.prunedCount = 0;
  }

  private index(sequence: number): number {
    return sequence % this.slots.length;
  }

  private grow(): void {
    const entries = this.oldestFirst();
    this.slots.length = Math.min(this.capacity, this.slots.length * 2);
    this.slots.fill(undefined);
    for (const entry of entries) this.slots[this.index(entry.sequence)] = entry;
  }
}
