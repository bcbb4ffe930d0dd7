import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { FactsSchema } from "../src/modules/routing/routing.schema.ts";
import { evaluateFacts } from "../src/modules/routing/routing.service.ts";
import { SITUATIONS } from "./routing-situations.ts";

const has = <T extends { orgId: string; action: string }>(
  xs: T[],
  org: string,
  action: string,
): T | undefined => xs.find((x) => x.orgId === org && x.action === action);

describe("routing: the situations a caseworker meets every day", () => {
  for (const s of SITUATIONS) {
    test(s.name, () => {
      const answer = evaluateFacts(FactsSchema.parse(s.facts));
      for (const [org, action, priority] of s.recommends) {
        const rec = has(answer.recommendations, org, action);
        assert.ok(
          rec,
          `expected ${org} ${action}; got ${answer.recommendations.map((r) => `${r.orgId}:${r.action}`)}`,
        );
        if (priority) assert.equal(rec.priority, priority, `${org} ${action} priority`);
        assert.ok(
          rec.reason.length > 20 && rec.sources.length > 0,
          `${org} ${action} has a reason and sources`,
        );
      }
      for (const [org, action] of s.omits ?? []) {
        assert.ok(!has(answer.recommendations, org, action), `did not expect ${org} ${action}`);
      }
      for (const [org, action] of s.notApplicable ?? []) {
        const miss = has(answer.notApplicable, org, action);
        assert.ok(
          miss,
          `expected near miss ${org} ${action}; got ${answer.notApplicable.map((r) => r.orgId)}`,
        );
      }
      const deadlineIds = answer.deadlines.map((d) => d.id);
      for (const d of s.deadlines ?? []) assert.ok(deadlineIds.includes(d), `expected deadline ${d}`);
      for (const d of s.noDeadlines ?? [])
        assert.ok(!deadlineIds.includes(d), `did not expect deadline ${d}`);
      const reasons = answer.recommendations.map((r) => r.reason).join(" ");
      for (const m of s.mentions ?? []) assert.ok(reasons.includes(m), `expected a reason to mention ${m}`);
      const asked = answer.questions.map((q) => q.fact);
      for (const fact of s.asks ?? []) assert.ok(asked.includes(fact), `expected a question about ${fact}`);
    });
  }

  test("the foreign national child: the HHS 24-hour notice is a required PT24H clock citing 22 USC 7105(b)(1)(G)", () => {
    const answer = evaluateFacts({ victim: { age: 15, citizenship: "foreign_national" } });
    const notice = answer.deadlines.find((d) => d.id === "notify-hhs-24h");
    assert.equal(notice?.clock, "PT24H");
    assert.equal(notice?.priority, "required");
    assert.ok(notice?.sources.some((s) => s.kind === "external" && s.text.includes("7105(b)(1)(G)")));
    assert.equal(
      answer.questions[0]?.fact,
      "exploitation",
      "what happened to the child is the most decisive unknown",
    );
  });

  test("the attorney's case-status answer points at the seed sentence with the helpline", () => {
    const answer = evaluateFacts({ requester: "attorney", needs: ["case_status"] });
    const rec = answer.recommendations.find((r) => r.orgId === "uscis-vawa-unit");
    assert.ok(
      rec?.sources.some((s) => s.kind === "seed" && s.text.startsWith("Lawyers and advocates may check")),
    );
  });

  test("a victim asking for case status is told the helpline is for lawyers and advocates", () => {
    const answer = evaluateFacts({ requester: "victim", needs: ["case_status"] });
    assert.ok(!has(answer.recommendations, "uscis-vawa-unit", "case_status"));
    assert.match(
      has(answer.notApplicable, "uscis-vawa-unit", "case_status")?.reason ?? "",
      /lawyers and advocates/,
    );
  });

  test("the worker on a work visa is asked next about what happened at work", () => {
    const answer = evaluateFacts({
      victim: { nonimmigrantVisa: "work" },
      requester: "victim",
      needs: ["worker_rights_info"],
    });
    const facts = answer.questions.map((q) => q.fact);
    assert.ok(facts.includes("exploitation") && facts.includes("labor.wageOrHourViolations"));
  });
});
