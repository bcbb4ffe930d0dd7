/** FNV-1a hash of a string's UTF-16 code units (the loader workers compute it, so the main thread need not). */
export function hashId(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h | 0;
}

/**
 * The line of each accepted record id, for "record id repeats line N". Keyed by a precomputed hash in an
 * open-addressing table of record indexes, so a million ids cost typed-array probes and a string comparison only
 * on equal hashes, instead of a Map<string, number> that hashes every id again on the main thread.
 */
export class IdLines {
  private table: Int32Array;
  private hashes: Int32Array;
  private lines: Int32Array;
  private count = 0;

  /**
   * @param ids the accepted ids by record order; entry k of this set is ids[k]
   * @param capacity initial number of entries (a power of two; the table grows as needed)
   */
  constructor(
    private readonly ids: readonly string[],
    capacity = 1 << 15,
  ) {
    this.table = new Int32Array(capacity * 2).fill(-1);
    this.hashes = new Int32Array(capacity);
    this.lines = new Int32Array(capacity);
  }

  /**
   * The first line of `id` when it was seen before; otherwise records it as entry `ids.length` (the caller then
   * appends it to `ids`) and returns -1.
   */
  firstLine(id: string, hash: number, line: number): number {
    const mask = this.table.length - 1;
    for (let s = hash & mask; ; s = (s + 1) & mask) {
      const e = this.table[s]!;
      if (e < 0) {
        this.add(s, hash, line);
        return -1;
      }
      if (this.hashes[e] === hash && this.ids[e] === id) return this.lines[e]!;
    }
  }

  private add(slot: number, hash: number, line: number): void {
    const e = this.count++;
    if (e >= this.hashes.length) {
      const h = new Int32Array(this.hashes.length * 2);
      const l = new Int32Array(this.lines.length * 2);
      h.set(this.hashes);
      l.set(this.lines);
      this.hashes = h;
      this.lines = l;
    }
    this.hashes[e] = hash;
    this.lines[e] = line;
    this.table[slot] = e;
    // Keep the table at most half full, so probe runs stay short.
    if (this.count * 2 > this.table.length) {
      const table = new Int32Array(this.table.length * 2).fill(-1);
      const mask = table.length - 1;
      for (let k = 0; k < this.count; k++) {
        let s = this.hashes[k]! & mask;
        while (table[s]! >= 0) s = (s + 1) & mask;
        table[s] = k;
      }
      this.table = table;
    }
  }
}
