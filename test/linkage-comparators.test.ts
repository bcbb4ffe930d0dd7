import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { doubleMetaphone } from "double-metaphone";
import fc from "fast-check";
import { parsePhoneNumberFromString } from "libphonenumber-js";
import { dobLevel } from "../src/linkage/compare-fields.ts";
import { damerauLevenshtein, levenshtein, withinOneEdit } from "../src/linkage/edit-distance.ts";
import { jaroWinkler } from "../src/linkage/jaro-winkler.ts";
import {
  normalizeEmail,
  normalizeNationalId,
  normalizePhone,
  normalizeStreet,
  splitAddressLine,
} from "../src/linkage/normalize-contact.ts";
import { parseDate } from "../src/linkage/normalize-date.ts";
import {
  canonicalGivenName,
  normalizeFamilyName,
  normalizeGivenName,
  splitFullName,
} from "../src/linkage/normalize-name.ts";
import { foldText } from "../src/linkage/normalize-text.ts";

/** A direct transcription of the pinned definition (docs/linkage.md), used as the oracle. */
function referenceJaroWinkler(a: string, b: string): number {
  if (a.length === 0 && b.length === 0) return 1;
  if (a.length === 0 || b.length === 0) return 0;
  const w = Math.max(0, Math.floor(Math.max(a.length, b.length) / 2) - 1);
  const ma = new Array<boolean>(a.length).fill(false);
  const mb = new Array<boolean>(b.length).fill(false);
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    for (let j = Math.max(0, i - w); j < Math.min(b.length, i + w + 1); j++) {
      if (!mb[j] && a[i] === b[j]) {
        ma[i] = mb[j] = true;
        m++;
        break;
      }
    }
  }
  if (m === 0) return 0;
  const sa = [...a].filter((_, i) => ma[i]);
  const sb = [...b].filter((_, j) => mb[j]);
  const t = sa.filter((c, k) => c !== sb[k]).length / 2;
  const j = (m / a.length + m / b.length + (m - t) / m) / 3;
  if (j <= 0.7) return j;
  let l = 0;
  while (l < Math.min(4, a.length, b.length) && a[l] === b[l]) l++;
  return j + l * 0.1 * (1 - j);
}

const round4 = (x: number) => Math.round(x * 10000) / 10000;

describe("Jaro-Winkler (pinned definition)", () => {
  test("published reference values", () => {
    assert.equal(round4(jaroWinkler("MARTHA", "MARHTA")), 0.9611);
    assert.equal(round4(jaroWinkler("DWAYNE", "DUANE")), 0.84);
    assert.equal(round4(jaroWinkler("DIXON", "DICKSONX")), 0.8133);
    assert.equal(round4(jaroWinkler("JELLYFISH", "SMELLYFISH")), 0.8963);
    // Boost applies only above J = 0.7: CRATE/TRACE has J = 0.7333 and no common prefix.
    assert.equal(round4(jaroWinkler("CRATE", "TRACE")), 0.7333);
  });
  test("edge cases: empty strings, single characters, non-Latin text", () => {
    assert.equal(jaroWinkler("", ""), 1);
    assert.equal(jaroWinkler("A", ""), 0);
    assert.equal(jaroWinkler("A", "A"), 1);
    assert.equal(jaroWinkler("A", "B"), 0);
    assert.equal(jaroWinkler("AB", "BA"), 0); // window 0: no matches
    assert.equal(jaroWinkler("МАРТА", "МАРАТ"), referenceJaroWinkler("МАРТА", "МАРАТ"));
    assert.equal(jaroWinkler("محمد", "محمود"), referenceJaroWinkler("محمد", "محمود"));
  });
  test("equals the oracle exactly on arbitrary strings; symmetric; within [0, 1]", () => {
    const str = fc.string({ unit: fc.constantFrom(..."ABCDEFGHIJabcМА "), maxLength: 14 });
    fc.assert(
      fc.property(str, str, (a, b) => {
        const x = jaroWinkler(a, b);
        assert.equal(x, referenceJaroWinkler(a, b));
        assert.ok(x >= 0 && x <= 1);
        assert.equal(round4(x), round4(jaroWinkler(b, a)));
      }),
      { numRuns: 2000 },
    );
  });
});

describe("edit distances", () => {
  test("reference values", () => {
    assert.equal(levenshtein("kitten", "sitting"), 3);
    assert.equal(levenshtein("flaw", "lawn"), 2);
    assert.equal(levenshtein("", "abc"), 3);
    assert.equal(levenshtein("CA", "AC"), 2);
    assert.equal(damerauLevenshtein("CA", "AC"), 1);
    assert.equal(damerauLevenshtein("CA", "ABC"), 3); // optimal string alignment, not unrestricted Damerau
    assert.equal(damerauLevenshtein("123456789", "123465789"), 1);
  });
  test("withinOneEdit agrees with Damerau-Levenshtein <= 1", () => {
    const str = fc.string({ unit: fc.constantFrom(..."0123"), maxLength: 9 });
    fc.assert(
      fc.property(str, str, (a, b) => {
        const ca = Uint16Array.from(a, (c) => c.charCodeAt(0));
        const cb = Uint16Array.from(b, (c) => c.charCodeAt(0));
        assert.equal(withinOneEdit(ca, 0, ca.length, cb, 0, cb.length), damerauLevenshtein(a, b) <= 1);
      }),
      { numRuns: 3000 },
    );
  });
});

describe("phonetic and date comparators", () => {
  test("Double Metaphone reference codes", () => {
    assert.deepEqual(doubleMetaphone("SMITH"), ["SM0", "XMT"]);
    assert.deepEqual(doubleMetaphone("SCHMIDT"), ["XMT", "SMT"]);
    assert.deepEqual(doubleMetaphone("KNIGHT"), ["NT", "NT"]);
  });
  test("date-of-birth levels: swap and one-digit errors are near agreements", () => {
    assert.equal(dobLevel(19800403, 19800304), 3); // day/month swapped
    assert.equal(dobLevel(19800403, 19800408), 3); // one digit
    assert.equal(dobLevel(19800403, 18900403), 3); // adjacent digits transposed
    assert.equal(dobLevel(19800403, 19801225), 2); // same year
    assert.equal(dobLevel(19800403, 19810403), 3); // one digit (year 1980 → 1981)
    assert.equal(dobLevel(19800403, 19790403), 2); // year off by one, same day
    assert.equal(dobLevel(19800403, 19651122), 1);
  });
});

describe("normalization", () => {
  test("names: case, accents, titles, particles, order, nicknames, transliterations", () => {
    assert.equal(foldText("  José-María  O'Brien "), "JOSE MARIA O BRIEN");
    assert.equal(normalizeGivenName("Dr. José María"), "JOSE");
    assert.equal(normalizeFamilyName("De la Cruz"), "DELACRUZ");
    assert.equal(normalizeFamilyName("Nguyễn"), "NGUYEN");
    assert.deepEqual(splitFullName("SMITH, John Paul"), { given: "JOHN", family: "SMITH" });
    assert.deepEqual(splitFullName("John Paul Smith Jr."), { given: "JOHN", family: "SMITH" });
    assert.equal(normalizeGivenName("Mohamed"), "MUHAMMAD");
    assert.equal(canonicalGivenName("BILL"), "WILLIAM");
    assert.equal(normalizeFamilyName("Straße"), "STRASSE");
  });
  test("dates in several formats", () => {
    for (const s of [
      "1980-04-03",
      "19800403",
      "04/03/1980",
      "4/3/1980",
      "03.04.1980",
      "3 Apr 1980",
      "April 3, 1980",
      "03-APR-80",
    ]) {
      assert.equal(parseDate(s), 19800403, s);
    }
    assert.equal(parseDate("25/12/1990"), 19901225); // first number > 12: day first
    assert.equal(parseDate("1980-75-27"), 19807527); // impossible month kept as a typo
    assert.equal(parseDate("not a date"), 0);
    assert.equal(parseDate(""), 0);
  });
  test("phones: E.164; the NANP fast path agrees with libphonenumber-js", () => {
    assert.equal(normalizePhone("(202) 555-0123"), "12025550123");
    assert.equal(normalizePhone("+1 202 555 0123"), "12025550123");
    assert.equal(normalizePhone("+44 20 7946 0958"), "442079460958");
    assert.equal(normalizePhone("0044 20 7946 0958"), "442079460958");
    assert.equal(normalizePhone("55 1234 5678", "MX"), "525512345678");
    assert.equal(normalizePhone("123"), "");
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 9 }),
        fc.integer({ min: 0, max: 99 }),
        fc.integer({ min: 2, max: 9 }),
        fc.integer({ min: 0, max: 999_999 }),
        (a, b, c, d) => {
          const national = `${a}${String(b).padStart(2, "0")}${c}${String(d).padStart(6, "0")}`;
          const lib = parsePhoneNumberFromString(national, "US");
          assert.equal(normalizePhone(national), lib?.number.slice(1));
        },
      ),
      { numRuns: 300 },
    );
  });
  test("e-mails, ids and addresses", () => {
    assert.equal(normalizeEmail(" John.Smith+work@Example.COM "), "john.smith@example.com");
    assert.equal(normalizeEmail("no-at-sign"), "");
    assert.equal(normalizeNationalId("123-45-6789"), "");
    assert.equal(normalizeNationalId("078-05-1120"), "078051120");
    assert.equal(normalizeStreet("North Main Street Apt 4"), "N MAIN ST");
    assert.deepEqual(splitAddressLine("12B Oak Avenue #3"), { number: "12B", street: "OAK AVE" });
  });
});
