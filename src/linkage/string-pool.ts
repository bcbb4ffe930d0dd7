/**
 * Interns strings to dense integer ids and keeps their UTF-16 code units in one shared Uint16Array, so comparators
 * work on integers and typed arrays (no string objects on the hot path) and worker threads can read the pool
 * without copying.
 */
export class StringPool {
  private readonly ids = new Map<string, number>();
  private chars: Uint16Array = new Uint16Array(new SharedArrayBuffer(1 << 16));
  private offsets: Int32Array = new Int32Array(new SharedArrayBuffer(4 * 1024));
  private charCount = 0;
  /** Number of distinct strings interned. */
  count = 0;

  /** The id of `s`, adding it when new. */
  intern(s: string): number {
    const known = this.ids.get(s);
    if (known !== undefined) return known;
    const id = this.count++;
    if (this.offsets.length < this.count + 1) this.offsets = growInt32(this.offsets, this.count * 2 + 1);
    if (this.chars.length < this.charCount + s.length)
      this.chars = growUint16(this.chars, (this.charCount + s.length) * 2);
    for (let i = 0; i < s.length; i++) this.chars[this.charCount + i] = s.charCodeAt(i);
    this.charCount += s.length;
    this.offsets[id + 1] = this.charCount;
    this.ids.set(s, id);
    return id;
  }

  /** The id of `s`, or -1 when it was never interned. */
  lookup(s: string): number {
    return this.ids.get(s) ?? -1;
  }

  /** The string with id `id`. */
  get(id: number): string {
    return String.fromCharCode(...this.chars.subarray(this.offsets[id]!, this.offsets[id + 1]!));
  }

  /** A read-only view (shared memory) for comparators and workers; take a new one after further interning. */
  view(): PoolView {
    return { chars: this.chars, offsets: this.offsets, count: this.count };
  }
}

/** The typed-array part of a {@link StringPool}: string `id` occupies `chars[offsets[id], offsets[id+1])`. */
export interface PoolView {
  chars: Uint16Array;
  offsets: Int32Array;
  count: number;
}

/** Copies `a` into a larger SharedArrayBuffer-backed Int32Array. */
export function growInt32(a: Int32Array, n: number): Int32Array {
  const b = new Int32Array(new SharedArrayBuffer(n * 4));
  b.set(a);
  return b;
}

/** Copies `a` into a larger SharedArrayBuffer-backed Uint16Array. */
export function growUint16(a: Uint16Array, n: number): Uint16Array {
  const b = new Uint16Array(new SharedArrayBuffer(n * 2));
  b.set(a);
  return b;
}

/** Copies `a` into a larger SharedArrayBuffer-backed Uint8Array. */
export function growUint8(a: Uint8Array, n: number): Uint8Array {
  const b = new Uint8Array(new SharedArrayBuffer(n));
  b.set(a);
  return b;
}
