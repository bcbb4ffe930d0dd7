/**
 * Sorts record indexes by a 32-bit key with an LSD radix sort (three passes of 11, 11 and 10 bits). It is stable,
 * so indexes that start ascending stay ascending inside each key. At a million records it is several times faster
 * than sorting packed float64 (key, index) values with the native comparison sort, and blocking sorts once per
 * rule.
 * @param keys key per entry (not modified)
 * @param items the values to order (e.g. record indexes); length = keys.length
 * @returns `items` and their keys reordered by key, ascending
 */
export function radixSortByKey(
  keys: Uint32Array,
  items: Uint32Array,
): { keys: Uint32Array; items: Uint32Array } {
  const n = keys.length;
  let k1 = keys.slice();
  let v1 = items.slice();
  let k2 = new Uint32Array(n);
  let v2 = new Uint32Array(n);
  const counts = new Uint32Array(2048);
  for (const [shift, bits] of [
    [0, 11],
    [11, 11],
    [22, 10],
  ] as const) {
    const mask = (1 << bits) - 1;
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[(k1[i]! >>> shift) & mask]!++;
    let sum = 0;
    for (let b = 0; b <= mask; b++) {
      const c = counts[b]!;
      counts[b] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const key = k1[i]!;
      const at = counts[(key >>> shift) & mask]!++;
      k2[at] = key;
      v2[at] = v1[i]!;
    }
    [k1, k2] = [k2, k1];
    [v1, v2] = [v2, v1];
  }
  return { keys: k1, items: v1 };
}
