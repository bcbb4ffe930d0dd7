import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { defaultCatalog } from "../src/modules/directory/directory.catalog.ts";
import { compileRouter } from "../src/modules/routing/routing.engine.ts";
import { loadRules, parseRules, RulesDataError } from "../src/modules/routing/routing.rules.ts";
import { type Facts, FactsSchema } from "../src/modules/routing/routing.schema.ts";
import { evaluateFacts } from "../src/modules/routing/routing.service.ts";

const file = loadRules();
const FN_ADULT = { age: 30, citizenship: "foreign_national" } as const;
const FN_CHILD = { age: 14, citizenship: "foreign_national" } as const;
const US_CHILD = { age: 15, citizenship: "us_citizen" } as const;
const US_ADULT = { age: 25, citizenship: "us_citizen" } as const;
const IN_US = { inUnitedStates: true } as const;

/** One situation per rule in which that rule must fire. A rule without a case fails the suite. */
const RULE_CASES: Record<string, Facts> = {
  "hhs-notify-child": { victim: FN_CHILD, exploitation: ["labor_trafficking"], location: IN_US },
  "hhs-certification-adult": { victim: FN_ADULT, exploitation: ["sex_trafficking"], location: IN_US },
  "hhs-services-foreign": { victim: FN_ADULT, exploitation: ["labor_trafficking"] },
  "ovc-pilot-us-minor": { victim: US_CHILD, exploitation: ["labor_trafficking"] },
  "ovc-foreign-services-funding": {
    victim: FN_ADULT,
    exploitation: ["labor_trafficking"],
    requester: "service_provider",
  },
  "uscis-t-visa": { victim: FN_ADULT, exploitation: ["labor_trafficking"], location: IN_US },
  "uscis-u-visa": { victim: FN_CHILD, exploitation: ["child_sexual_abuse_material"] },
  "hsi-continued-presence": { victim: FN_ADULT, exploitation: ["sex_trafficking"] },
  "hstu-trafficking": { victim: FN_ADULT, exploitation: ["sex_trafficking"] },
  "hstu-smuggling": { exploitation: ["human_smuggling"] },
  "hstc-national-security": {
    exploitation: ["labor_trafficking"],
    nationalSecurity: true,
    requester: "government",
  },
  "hstc-smuggling": { exploitation: ["human_smuggling"], requester: "prosecutor" },
  "fbi-civil-rights": { victim: US_ADULT, exploitation: ["sex_trafficking"], location: IN_US },
  "htpu-prosecute": { victim: US_CHILD, exploitation: ["labor_trafficking"] },
  "innocence-lost": { victim: FN_CHILD, exploitation: ["sex_trafficking"] },
  "ceos-child-sex-trafficking": { victim: US_CHILD, exploitation: ["sex_trafficking"] },
  "ceos-csam": { exploitation: ["child_sexual_abuse_material"] },
  "ceos-sex-tourism": { exploitation: ["child_sex_tourism"], location: { abroad: true } },
  "ceos-abduction": { victim: { age: 4 }, exploitation: ["parental_child_abduction"] },
  "ncmec-child": { exploitation: ["online_enticement"], online: true },
  "icac-online": { victim: US_CHILD, exploitation: ["sex_trafficking"], online: true },
  "operation-predator": { exploitation: ["online_enticement"] },
  "whd-labor-violations": { labor: { wageOrHourViolations: true }, location: IN_US },
  "whd-worker-rights": { needs: ["worker_rights_info"] },
  "dos-diplomatic-domestic-worker": {
    victim: { visaCategory: "A-3" },
    exploitation: ["labor_trafficking"],
    location: IN_US,
  },
  "dos-visa-resources": { victim: { nonimmigrantVisa: "travel" }, exploitation: ["labor_trafficking"] },
  "ilab-reports": { labor: { internationalChildOrForcedLabor: true } },
  "ilab-funding": { labor: { internationalChildOrForcedLabor: true }, needs: ["funding"] },
  "nhth-hotline": { requester: "victim" },
  "hsi-tipline": { requester: "public", exploitation: ["human_smuggling"] },
  "vawa-case-status": { requester: "service_provider", needs: ["case_status"] },
  "bjs-statistics": { needs: ["data"] },
  "northeastern-research": { needs: ["research"] },
  "nij-research": { needs: ["research"] },
  "nij-funding": { requester: "researcher", needs: ["funding"] },
  "tip-report": { needs: ["country_assessment"] },
  "bja-task-force-funding": { requester: "law_enforcement", needs: ["funding"] },
  "ovc-technical-assistance": { needs: ["training"] },
  "task-forces": { requester: "law_enforcement", exploitation: ["labor_trafficking"], location: IN_US },
  "icac-training": { requester: "law_enforcement", needs: ["training"] },
  "blue-campaign": { needs: ["awareness"] },
  "rescue-restore": { needs: ["awareness"] },
  "dos-awareness": { needs: ["awareness"] },
  "dos-diplomacy": { exploitation: ["labor_trafficking"], location: { abroad: true } },
  "dos-international-funding": { needs: ["funding"], location: { abroad: true } },
  "otip-funding": { requester: "service_provider", needs: ["funding"] },
  "strategic-plan": { requester: "government", needs: ["victim_services"] },
};

/** One situation per near miss (`ruleId/nearMissId`) in which a person might expect the rule but it does not apply. */
const NEAR_MISS_CASES: Record<string, Facts> = {
  "hhs-notify-child/citizen-child": { victim: US_CHILD, exploitation: ["sex_trafficking"] },
  "hhs-notify-child/foreign-adult": { victim: FN_ADULT, exploitation: ["sex_trafficking"] },
  "hhs-notify-child/child-abroad": { victim: FN_CHILD, location: { inUnitedStates: false } },
  "hhs-certification-adult/foreign-child": { victim: FN_CHILD, exploitation: ["labor_trafficking"] },
  "hhs-certification-adult/citizen-or-lpr": { victim: US_ADULT, exploitation: ["labor_trafficking"] },
  "ovc-pilot-us-minor/foreign-child": { victim: FN_CHILD },
  "uscis-t-visa/citizen-or-lpr": {
    victim: { citizenship: "lawful_permanent_resident" },
    exploitation: ["labor_trafficking"],
  },
  "uscis-t-visa/not-in-us": {
    victim: FN_ADULT,
    exploitation: ["labor_trafficking"],
    location: { inUnitedStates: false },
  },
  "uscis-t-visa/smuggling-only": { victim: FN_ADULT, exploitation: ["human_smuggling"] },
  "uscis-t-visa/not-present-on-account": {
    victim: { ...FN_ADULT, presentOnAccountOfTrafficking: false },
    exploitation: ["labor_trafficking"],
    location: IN_US,
  },
  "uscis-t-visa/declines-cooperation": {
    victim: { ...FN_ADULT, ageWhenExploited: 25, cooperatesWithLawEnforcement: "no", traumaException: false },
    exploitation: ["labor_trafficking"],
    location: IN_US,
  },
  "uscis-u-visa/no-us-nexus": {
    victim: FN_ADULT,
    exploitation: ["sex_trafficking"],
    uVisaQualifyingCrimes: ["trafficking"],
    usNexus: false,
  },
  "uscis-u-visa/not-helpful": {
    victim: { ...FN_ADULT, ageWhenExploited: 20, cooperatesWithLawEnforcement: "no" },
    exploitation: ["sex_trafficking"],
  },
  "uscis-u-visa/citizen-or-lpr": { victim: US_ADULT, exploitation: ["sex_trafficking"] },
  "hstc-national-security/public-requester": {
    exploitation: ["human_smuggling"],
    nationalSecurity: true,
    requester: "public",
  },
  "fbi-civil-rights/us-child-sex-trafficking": { victim: US_CHILD, exploitation: ["sex_trafficking"] },
  "htpu-prosecute/us-child-sex-trafficking": { victim: US_CHILD, exploitation: ["sex_trafficking"] },
  "htpu-prosecute/parental-abduction": { exploitation: ["parental_child_abduction"] },
  "innocence-lost/adult": { victim: US_ADULT, exploitation: ["sex_trafficking"] },
  "ceos-child-sex-trafficking/adult": { victim: US_ADULT, exploitation: ["sex_trafficking"] },
  "icac-online/not-online": { exploitation: ["child_sexual_abuse_material"], online: false },
  "whd-labor-violations/no-labor-violations": {
    exploitation: ["labor_trafficking"],
    labor: { agricultureOrMigrantWork: false, wageOrHourViolations: false },
  },
  "dos-visa-resources/no-visa": { victim: { nonimmigrantVisa: "none" }, needs: ["worker_rights_info"] },
  "vawa-case-status/victim-or-public": { requester: "public", needs: ["case_status"] },
};

describe("routing rules: each rule has a case", () => {
  test("every rule in rules.json has a case, and every case names a rule", () => {
    const ids = file.rules.map((r) => r.id);
    assert.deepEqual(
      ids.filter((id) => !RULE_CASES[id]),
      [],
      "rules without a case",
    );
    assert.deepEqual(
      Object.keys(RULE_CASES).filter((id) => !ids.includes(id)),
      [],
      "cases for unknown rules",
    );
  });
  test("every near miss has a case", () => {
    const keys = file.rules.flatMap((r) => (r.nearMisses ?? []).map((n) => `${r.id}/${n.id}`));
    assert.deepEqual(
      keys.filter((k) => !NEAR_MISS_CASES[k]),
      [],
    );
  });

  for (const rule of file.rules) {
    test(`rule ${rule.id}: ${rule.orgId} ${rule.action} (${rule.priority})`, () => {
      const facts = FactsSchema.parse(RULE_CASES[rule.id] ?? {});
      const rec = evaluateFacts(facts).recommendations.find((r) => r.rules.includes(rule.id));
      assert.ok(rec, `rule ${rule.id} did not fire for ${JSON.stringify(facts)}`);
      assert.equal(rec.orgId, rule.orgId);
      assert.equal(rec.action, rule.action);
    });
    for (const nm of rule.nearMisses ?? []) {
      test(`near miss ${rule.id}/${nm.id}: ${nm.reason.slice(0, 60)}…`, () => {
        const facts = FactsSchema.parse(NEAR_MISS_CASES[`${rule.id}/${nm.id}`] ?? {});
        const answer = evaluateFacts(facts);
        const miss = answer.notApplicable.find((m) => m.orgId === rule.orgId && m.reason === nm.reason);
        assert.ok(miss, `near miss ${rule.id}/${nm.id} missing for ${JSON.stringify(facts)}`);
        assert.ok(
          !answer.recommendations.some((r) => r.rules.includes(rule.id)),
          "the rule itself must not fire",
        );
      });
    }
  }
});

describe("routing rules: the rules are checked against the directory", () => {
  const catalog = defaultCatalog();
  const withRule = (patch: object) => ({ ...file, rules: [{ ...file.rules[0]!, ...patch }] });
  test("a rule citing a fact the directory does not state is rejected", () => {
    assert.throws(
      () => compileRouter(withRule({ relies: ["hhs-otip#notes/nope"] }), catalog),
      RulesDataError,
    );
  });
  test("a rule recommending a function the entry does not have is rejected", () => {
    assert.throws(
      () => compileRouter(withRule({ orgId: "doj-bjs" }), catalog),
      /'doj-bjs' has no function 'eligibility_letter'/,
    );
  });
  test("a rule on an unknown atom is rejected", () => {
    assert.throws(
      () => compileRouter(withRule({ when: "victim.tall" }), catalog),
      /unknown atom 'victim.tall'/,
    );
  });
  test("a rule that holds when nothing is known is rejected: a recommendation needs a raised fact", () => {
    for (const when of [
      { possibly: "victim.minor" },
      { possibly: { not: "online" } },
      { all: [{ possibly: "online" }] },
    ]) {
      assert.throws(
        () => compileRouter(withRule({ when }), catalog),
        /rule 'hhs-notify-child' holds when nothing is known/,
        JSON.stringify(when),
      );
    }
  });
  test("a malformed rules file names the rule and field", () => {
    const raw = JSON.parse(JSON.stringify(file));
    raw.rules[1].priority = "urgent";
    assert.throws(() => parseRules(raw), /rule 'hhs-certification-adult' field priority/);
  });
});
