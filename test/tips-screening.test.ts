import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import {
  INDICATOR_CODES,
  INDICATORS,
  LEVELS,
  SCREEN_CODES,
  SCREEN_QUESTIONS,
  type ScreenAnswer,
  screenTip,
} from "../src/modules/tips/tips.screening.ts";

const rank = (l: string) => LEVELS.indexOf(l as (typeof LEVELS)[number]);
const answers = fc.dictionary(
  fc.constantFrom(...SCREEN_CODES),
  fc.constantFrom<ScreenAnswer>("yes", "no", "unknown"),
);
const indicators = fc.uniqueArray(fc.constantFrom(...INDICATOR_CODES));

test("every indicator and question has a code, a weight and both languages", () => {
  for (const item of [...INDICATORS, ...SCREEN_QUESTIONS]) {
    assert.match(item.code, /^[a-z0-9_]+$/);
    assert.ok(item.weight > 0 && item.en.length > 5 && item.es.length > 5, item.code);
  }
  assert.equal(
    new Set([...INDICATOR_CODES, ...SCREEN_CODES]).size,
    INDICATOR_CODES.length + SCREEN_CODES.length,
  );
});

test("nothing observed screens none; a minor in commercial sex is high on its own", () => {
  assert.deepEqual(screenTip({}), { level: "none", score: 0, drivers: [], foreignMinor: false });
  const r = screenTip({ indicators: ["juvenile_commercial_sex"] });
  assert.equal(r.level, "high");
  assert.deepEqual(r.drivers, ["juvenile_commercial_sex"]);
  assert.equal(screenTip({ answers: { forced_to_work_or_sex: "yes" } }).level, "high");
});

test("one lesser sign is low, one strong sign medium, several high; drivers heaviest first", () => {
  assert.equal(screenTip({ indicators: ["isolated"] }).level, "low");
  assert.equal(screenTip({ answers: { cannot_leave: "yes" } }).level, "medium");
  const r = screenTip({ indicators: ["bruises"], answers: { cannot_leave: "yes", threatened: "yes" } });
  assert.equal(r.level, "high");
  assert.deepEqual(r.drivers, ["cannot_leave", "threatened", "bruises"]);
});

test("'no' and 'unknown' never raise the level", () => {
  fc.assert(
    fc.property(
      fc.dictionary(fc.constantFrom(...SCREEN_CODES), fc.constantFrom<ScreenAnswer>("no", "unknown")),
      (a) => {
        assert.equal(screenTip({ answers: a }).level, "none");
      },
    ),
  );
});

test("property: one more 'yes' or one more indicator never lowers the level", () => {
  fc.assert(
    fc.property(
      indicators,
      answers,
      fc.constantFrom(...SCREEN_CODES),
      fc.constantFrom(...INDICATOR_CODES),
      (ind, a, q, i) => {
        const base = screenTip({ indicators: ind, answers: a });
        assert.ok(
          rank(screenTip({ indicators: ind, answers: { ...a, [q]: "yes" } }).level) >= rank(base.level),
        );
        assert.ok(
          rank(screenTip({ indicators: [...new Set([...ind, i])], answers: a }).level) >= rank(base.level),
        );
      },
    ),
  );
});

test("property: drivers are exactly the observed indicators and 'yes' answers; none means no drivers", () => {
  fc.assert(
    fc.property(indicators, answers, (ind, a) => {
      const r = screenTip({ indicators: ind, answers: a });
      const expected = new Set([
        ...ind,
        ...Object.entries(a)
          .filter(([, v]) => v === "yes")
          .map(([k]) => k),
      ]);
      assert.deepEqual(new Set(r.drivers), expected);
      assert.equal(r.level === "none", r.drivers.length === 0);
    }),
  );
});

test("a possible foreign national minor: from the facts or from the screen", () => {
  assert.equal(screenTip({}, { victim: { age: 15, citizenship: "foreign_national" } }).foreignMinor, true);
  assert.equal(screenTip({}, { victim: { age: 15, nonimmigrantVisa: "work" } }).foreignMinor, true);
  assert.equal(screenTip({}, { victim: { age: 15, citizenship: "us_citizen" } }).foreignMinor, false);
  assert.equal(
    screenTip({}, { victim: { age: 15, citizenship: "lawful_permanent_resident" } }).foreignMinor,
    false,
  );
  assert.equal(screenTip({}, { victim: { age: 19, citizenship: "foreign_national" } }).foreignMinor, false);
  assert.equal(screenTip({ answers: { under_18: "yes", foreign_born: "yes" } }).foreignMinor, true);
  assert.equal(screenTip({ answers: { under_18: "yes", foreign_born: "unknown" } }).foreignMinor, false);
});
