import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import {
  actionsFrom,
  addBusinessDays,
  consentPurposesFor,
  isOverdue,
  nextStatus,
  REFERRAL_ACTIONS,
  REFERRAL_STATUSES,
} from "../src/modules/referrals/referrals.rules.ts";

test("the state machine: only the documented transitions exist; terminal states allow nothing", () => {
  const table = Object.fromEntries(
    REFERRAL_STATUSES.map((s) => [
      s,
      Object.fromEntries(REFERRAL_ACTIONS.map((a) => [a, nextStatus(s, a) ?? null])),
    ]),
  );
  assert.deepEqual(table, {
    sent: { accept: "accepted", decline: "declined", complete: null, revoke: "revoked" },
    accepted: { accept: null, decline: null, complete: "completed", revoke: "revoked" },
    declined: { accept: null, decline: null, complete: null, revoke: null },
    completed: { accept: null, decline: null, complete: null, revoke: null },
    revoked: { accept: null, decline: null, complete: null, revoke: null },
  });
  assert.deepEqual(actionsFrom("sent"), ["accept", "decline", "revoke"]);
});

test("business days: never lands on a weekend, always later, and N business days span at most N+2·⌈N/5⌉ days", () => {
  fc.assert(
    fc.property(
      fc.date({ min: new Date("2000-01-01"), max: new Date("2100-01-01"), noInvalidDate: true }),
      fc.integer({ min: 1, max: 30 }),
      (from, n) => {
        const to = addBusinessDays(from, n);
        const wd = to.getUTCDay();
        assert.ok(wd !== 0 && wd !== 6);
        const days = Math.round((to.getTime() - from.getTime()) / 86_400_000);
        assert.ok(days >= n && days <= n + 2 * Math.ceil(n / 5) + 2);
      },
    ),
  );
  // Friday + 3 business days = Wednesday.
  assert.equal(
    addBusinessDays(new Date("2026-12-04T10:00:00Z"), 3).toISOString(),
    "2026-12-09T10:00:00.000Z",
  );
});

test("consent purposes: law enforcement needs law_enforcement_sharing; services need services_referral; plus the recipient type's", () => {
  assert.deepEqual(consentPurposesFor("shelter", "services_referral"), ["services_referral"]);
  assert.deepEqual(consentPurposesFor("law_enforcement", "law_enforcement_sharing"), [
    "law_enforcement_sharing",
  ]);
  assert.deepEqual(consentPurposesFor("legal", "law_enforcement_sharing"), [
    "services_referral",
    "law_enforcement_sharing",
  ]);
});

test("overdue only while unanswered and past respond-by", () => {
  const now = new Date("2026-12-02T12:00:00Z");
  const past = new Date("2026-12-01T12:00:00Z");
  assert.equal(isOverdue({ status: "sent", respond_by: past }, now), true);
  assert.equal(isOverdue({ status: "accepted", respond_by: past }, now), false);
  assert.equal(isOverdue({ status: "sent", respond_by: new Date("2026-12-03T00:00:00Z") }, now), false);
});
