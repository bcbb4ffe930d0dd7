import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { blockPairs } from "../src/linkage/blocking.ts";
import { computeGamma, dobLevel } from "../src/linkage/compare-fields.ts";
import { atLevel, C } from "../src/linkage/comparisons.ts";
import { withinOneEdit } from "../src/linkage/edit-distance.ts";
import { jaroWinkler } from "../src/linkage/jaro-winkler.ts";
import { jwCertainlyBelow, jwUpperBound, MASK_STRIDE, setCharMask } from "../src/linkage/jw-bound.ts";
import type { StoreView } from "../src/linkage/record-store.ts";
import { StringPool } from "../src/linkage/string-pool.ts";
import { synthStore } from "./linkage-helpers.ts";

/** Two plain strings in a two-entry pool with their masks. */
function pooled(a: string, b: string) {
  const pool = new StringPool();
  const masks = new Int32Array(2 * MASK_STRIDE);
  setCharMask(a, masks, pool.intern(a));
  const y = pool.intern(b);
  setCharMask(b, masks, y);
  return { p: pool.view(), masks, y };
}

/** The counting bound of two plain strings. */
function bound(a: string, b: string): number {
  const { p, masks, y } = pooled(a, b);
  return jwUpperBound(p, masks, 0, y);
}

/**
 * The comparison vector written the slow, obvious way (columns, strings, Jaro-Winkler every time, no memo, no
 * bound), as the oracle for the row-major, memoized, bound-pruned hot path.
 */
function referenceGamma(
  v: StoreView,
  names: StringPool,
  emails: StringPool,
  streets: { numbers: StringPool; streets: StringPool; cities: StringPool; postcodes: StringPool },
  i: number,
  j: number,
): number {
  const jwOf = (p: StringPool, x: number, y: number) => jaroWinkler(p.get(x), p.get(y));
  const sound = (x: number, y: number) =>
    v.nameDm1[x]! >= 0 &&
    v.nameDm1[y]! >= 0 &&
    (v.nameDm1[x] === v.nameDm1[y] || v.nameDm1[x] === v.nameDm2[y] || v.nameDm2[x] === v.nameDm1[y]);
  let g = 0;
  const [gi, gj, fi, fj] = [v.given[i]!, v.given[j]!, v.family[i]!, v.family[j]!];
  const swapped = gi >= 0 && fi >= 0 && gi !== fi && gi === fj && fi === gj;
  if (gi >= 0 && gj >= 0) {
    let level = 5;
    if (!(gi === gj || swapped)) {
      const sim = jwOf(names, gi, gj);
      const a = names.get(gi);
      const b = names.get(gj);
      const initial = (a.length === 1 || b.length === 1) && a[0] === b[0];
      if (v.nameCanon[gi] === v.nameCanon[gj]) level = 4;
      else level = sim >= 0.92 || sound(gi, gj) ? 3 : sim >= 0.8 || initial ? 2 : 1;
    }
    g |= atLevel(C.given, level);
  }
  if (fi >= 0 && fj >= 0) {
    let level = 4;
    if (!(fi === fj || swapped)) {
      const sim = jwOf(names, fi, fj);
      level = sim >= 0.92 || sound(fi, fj) || v.nameCanon[fi] === v.nameCanon[fj] ? 3 : sim >= 0.8 ? 2 : 1;
    }
    g |= atLevel(C.family, level);
  }
  if (v.dob[i]! > 0 && v.dob[j]! > 0)
    g |= atLevel(C.dob, v.dob[i] === v.dob[j] ? 4 : dobLevel(v.dob[i]!, v.dob[j]!));
  if (v.sex[i]! > 0 && v.sex[j]! > 0) g |= atLevel(C.sex, v.sex[i] === v.sex[j] ? 2 : 1);
  const [ei, ej] = [v.email[i]!, v.email[j]!];
  if (ei >= 0 && ej >= 0) {
    const level =
      ei === ej ? 3 : v.emailLocal[ei] === v.emailLocal[ej] || jwOf(emails, ei, ej) >= 0.92 ? 2 : 1;
    g |= atLevel(C.email, level);
  }
  const [pi, pj] = [v.phone[i]!, v.phone[j]!];
  if (pi >= 0 && pj >= 0) {
    const o = v.phones.offsets;
    const one = withinOneEdit(v.phones.chars, o[pi]!, o[pi + 1]!, v.phones.chars, o[pj]!, o[pj + 1]!);
    g |= atLevel(C.phone, pi === pj ? 3 : one ? 2 : 1);
  }
  const code = (pool: StringPool, x: number, y: number) => {
    if (x === y) return 3;
    const [a, b] = [pool.get(x), pool.get(y)];
    return withinOneEdit(
      [...a].map((c) => c.charCodeAt(0)),
      0,
      a.length,
      [...b].map((c) => c.charCodeAt(0)),
      0,
      b.length,
    )
      ? 2
      : 1;
  };
  const pairOf = (col: Int32Array) => [col[i]!, col[j]!] as const;
  const [ni, nj] = pairOf(v.streetNumber);
  if (ni >= 0 && nj >= 0) g |= atLevel(C.streetNumber, code(streets.numbers, ni, nj));
  const [si, sj] = pairOf(v.street);
  if (si >= 0 && sj >= 0) {
    const sim = si === sj ? 1 : jwOf(streets.streets, si, sj);
    g |= atLevel(C.street, si === sj ? 4 : sim >= 0.92 ? 3 : sim >= 0.8 ? 2 : 1);
  }
  const [ci, cj] = pairOf(v.city);
  if (ci >= 0 && cj >= 0) g |= atLevel(C.city, ci === cj ? 3 : jwOf(streets.cities, ci, cj) >= 0.88 ? 2 : 1);
  const [qi, qj] = pairOf(v.postcode);
  if (qi >= 0 && qj >= 0) g |= atLevel(C.postcode, code(streets.postcodes, qi, qj));
  const [ti, tj] = pairOf(v.state);
  if (ti >= 0 && tj >= 0) g |= atLevel(C.state, ti === tj ? 2 : 1);
  return g >>> 0;
}

describe("fast comparison path", () => {
  test("the Jaro-Winkler bound is never below the exact similarity (property)", () => {
    const text = fc.string({
      unit: fc.constantFrom(..."ABCDEFGHIJKLMNOPQRSTUVWXYZ@._-0123456789é"),
      maxLength: 24,
    });
    fc.assert(
      fc.property(text, text, (a, b) => {
        const jw = jaroWinkler(a, b);
        assert.ok(bound(a, b) >= jw - 1e-12, `${a} / ${b}`);
        const { p, masks, y } = pooled(a, b);
        for (const t of [0.5, 0.8, 0.92])
          if (jwCertainlyBelow(p, masks, 0, y, t)) assert.ok(jw < t, `${a} / ${b} < ${t}`);
      }),
      { numRuns: 3000 },
    );
  });

  test("the bound separates far-apart e-mails and keeps close ones", () => {
    assert.ok(bound("john.smith12@gmail.com", "mary.jones@yahoo.com") < 0.92);
    const far = pooled("john.smith12@gmail.com", "mary.jones@yahoo.com");
    assert.ok(jwCertainlyBelow(far.p, far.masks, 0, far.y, 0.92));
    assert.ok(bound("john.smith12@gmail.com", "john.smith21@gmail.com") >= 0.92);
    assert.equal(bound("", ""), 1);
  });

  test("gammas of every blocked pair equal the slow, obvious computation", () => {
    const { store } = synthStore(4000, 7, false);
    const v = store.view();
    const { pairs } = blockPairs(v);
    const active = (1 << C.nationalId) - 1 - (1 << C.address2);
    assert.ok(pairs.count > 2000);
    const places = {
      numbers: store.streetNumbers,
      streets: store.streets,
      cities: store.cities,
      postcodes: store.postcodes,
    };
    for (let p = 0; p < pairs.count; p++) {
      const i = pairs.left[p]!;
      const j = pairs.right[p]!;
      assert.equal(
        computeGamma(v, i, j, active),
        referenceGamma(v, store.names, store.emails, places, i, j),
        `pair ${i},${j}`,
      );
    }
  });
});
