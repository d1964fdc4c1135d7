/** The kinds of record the store keeps for a hub. */
export type RecordKind = "installation" | "registration" | "file" | "scheduled" | "job";

/**
 * What changed in a hub since the store last wrote it: the records by kind and id, or everything
 * (a new or reset hub, or a write that failed). A send changes none of them, so the store has
 * nothing to write after it.
 */
export class HubChanges {
  /** Every record of the hub must be written again. */
  all = true;
  private readonly records = new Map<string, { kind: RecordKind; id: string }>();

  /** Notes that the record `kind`/`id` was added, replaced, changed in place or removed. */
  mark(kind: RecordKind, id: string): void {
    if (!this.all) this.records.set(`${kind}\0${id}`, { kind, id });
  }

  /** Notes that the whole hub must be written again. */
  markAll(): void {
    this.all = true;
    this.records.clear();
  }

  /** True when something is left to write. */
  get pending(): boolean {
    return this.all || this.records.size > 0;
  }

  /** The changed records (when not `all`). */
  changed(): Iterable<{ kind: RecordKind; id: string }> {
    return this.records.values();
  }

  /** Everything was written. */
  clear(): void {
    this.all = false;
    this.records.clear();
  }
}

/** A `Map` by id that tells `changed` of every `set`, `delete` and `clear` (id undefined). */
export class TrackedMap<V> extends Map<string, V> {
  private readonly changed: (id: string | undefined) => void;

  constructor(changed: (id: string | undefined) => void) {
    super();
    this.changed = changed;
  }

  override set(id: string, value: V): this {
    super.set(id, value);
    this.changed(id);
    return this;
  }

  override delete(id: string): boolean {
    const had = super.delete(id);
    if (had) this.changed(id);
    return had;
  }

  override clear(): void {
    super.clear();
    this.changed(undefined);
  }
}
