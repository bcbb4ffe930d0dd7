/**
 * A growable list of record-index pairs in two Int32Arrays over shared memory, so the comparison workers read the
 * candidate pairs without a copy. Memory is 8 bytes per pair: it grows with the number of candidate pairs, never
 * with the square of the number of records.
 */
export class PairBuffer {
  left: Int32Array;
  right: Int32Array;
  /** Per pair, a bitmask of the blocking rules that found it (at most 32 rules). */
  rule: Uint32Array;
  count = 0;

  constructor(capacity = 1 << 16) {
    this.left = new Int32Array(new SharedArrayBuffer(capacity * 4));
    this.right = new Int32Array(new SharedArrayBuffer(capacity * 4));
    this.rule = new Uint32Array(new SharedArrayBuffer(capacity * 4));
  }

  /** Appends the pair (i, j), found by the rules in bitmask `rule`. */
  push(i: number, j: number, rule = 0): void {
    if (this.count === this.left.length) this.grow();
    this.left[this.count] = i;
    this.right[this.count] = j;
    this.rule[this.count] = rule;
    this.count++;
  }

  private grow(): void {
    const size = Math.max(1024, Math.ceil(this.left.length * 1.5));
    const l = new Int32Array(new SharedArrayBuffer(size * 4));
    const r = new Int32Array(new SharedArrayBuffer(size * 4));
    const u = new Uint32Array(new SharedArrayBuffer(size * 4));
    l.set(this.left);
    r.set(this.right);
    u.set(this.rule);
    this.left = l;
    this.right = r;
    this.rule = u;
  }
}
