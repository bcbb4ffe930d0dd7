import type { Facts } from "../src/modules/routing/routing.schema.ts";

/** An everyday situation, stated in words, with what the routing answer must and must not say. */
export interface Situation {
  name: string;
  facts: Facts;
  /** [orgId, action, priority?] that must be recommended. */
  recommends: Array<[string, string, string?]>;
  /** [orgId, action] that must not be recommended. */
  omits?: Array<[string, string]>;
  /** [orgId, action] that must appear as a near miss, with its reason. */
  notApplicable?: Array<[string, string]>;
  deadlines?: string[];
  noDeadlines?: string[];
  /** Text that must appear in some recommendation's reason (a phone number, say). */
  mentions?: string[];
  /** Facts paths that must be asked about: unknowns that could change the answer. */
  asks?: string[];
}

/** The "Done when" situations: shared by the tests and the benchmark. */
export const SITUATIONS: Situation[] = [
  {
    name: "a foreign national adult exploited in farm labor in the U.S.",
    facts: {
      victim: { age: 34, citizenship: "foreign_national" },
      exploitation: ["labor_trafficking"],
      labor: { agricultureOrMigrantWork: true },
      location: { inUnitedStates: true, state: "CA" },
      requester: "service_provider",
    },
    recommends: [
      ["dol-whd", "investigate"],
      ["dhs-hstu", "investigate"],
      ["fbi-civil-rights", "investigate"],
      ["doj-htpu", "prosecute"],
      ["hhs-otip", "certification", "recommended"],
      ["hhs-otip", "victim_services"],
      ["uscis", "immigration_relief"],
      ["dhs-hsi", "immigration_relief"],
    ],
    omits: [
      ["hhs-otip", "eligibility_letter"],
      ["doj-ceos", "prosecute"],
      ["fbi-innocence-lost", "investigate"],
    ],
    notApplicable: [["hhs-otip", "eligibility_letter"]],
    deadlines: ["continued-presence-term", "u-supp-b-6-months"],
    noDeadlines: ["notify-hhs-24h"],
  },
  {
    name: "a U.S. citizen minor in commercial sex",
    facts: {
      victim: { age: 16, citizenship: "us_citizen" },
      exploitation: ["sex_trafficking"],
      location: { inUnitedStates: true },
    },
    recommends: [
      ["fbi-innocence-lost", "investigate"],
      ["doj-ceos", "prosecute"],
      ["doj-ovc", "victim_services"],
      ["ncmec", "coordination"],
    ],
    omits: [
      ["uscis", "immigration_relief"],
      ["hhs-otip", "eligibility_letter"],
      ["hhs-otip", "certification"],
      ["doj-htpu", "prosecute"],
      ["fbi-civil-rights", "investigate"],
    ],
    notApplicable: [
      ["hhs-otip", "eligibility_letter"],
      ["uscis", "immigration_relief"],
      ["doj-htpu", "prosecute"],
      ["fbi-civil-rights", "investigate"],
    ],
    noDeadlines: ["notify-hhs-24h"],
  },
  {
    name: "a foreign national minor identified in the U.S. (exploitation not yet known)",
    facts: { victim: { age: 15, citizenship: "foreign_national" }, location: { inUnitedStates: true } },
    recommends: [
      ["hhs-otip", "eligibility_letter", "required"],
      ["hhs-otip", "victim_services"],
    ],
    omits: [["hhs-otip", "certification"]],
    notApplicable: [
      ["hhs-otip", "certification"],
      ["doj-ovc", "victim_services"],
    ],
    deadlines: ["notify-hhs-24h", "interim-assistance-90d", "rfa-before-18"],
  },
  {
    name: "child sexual abuse material found online",
    facts: { exploitation: ["child_sexual_abuse_material"], online: true, requester: "law_enforcement" },
    recommends: [
      ["ojjdp-icac", "investigate"],
      ["dhs-operation-predator", "investigate"],
      ["doj-ceos", "prosecute"],
      ["ncmec", "coordination"],
    ],
    omits: [
      ["doj-htpu", "prosecute"],
      ["uscis", "immigration_relief"],
    ],
  },
  {
    name: "a U.S. citizen travelling abroad for sex with children",
    facts: {
      victim: { age: 12, citizenship: "foreign_national" },
      exploitation: ["child_sex_tourism"],
      location: { inUnitedStates: false, abroad: true },
    },
    recommends: [
      ["dhs-operation-predator", "investigate"],
      ["doj-ceos", "prosecute"],
      ["dos", "coordination"],
    ],
    omits: [
      ["hhs-otip", "eligibility_letter"],
      ["ojjdp-icac", "investigate"],
    ],
    notApplicable: [["hhs-otip", "eligibility_letter"]],
    noDeadlines: ["notify-hhs-24h"],
  },
  {
    name: "a parent abducting their own child",
    facts: { victim: { age: 7 }, exploitation: ["parental_child_abduction"] },
    recommends: [
      ["doj-ceos", "prosecute"],
      ["ncmec", "coordination"],
    ],
    omits: [
      ["doj-htpu", "prosecute"],
      ["uscis", "immigration_relief"],
    ],
    notApplicable: [["doj-htpu", "prosecute"]],
  },
  {
    name: "an attorney checking an already filed T or U visa case",
    facts: { requester: "attorney", needs: ["case_status"], victim: { citizenship: "foreign_national" } },
    recommends: [["uscis-vawa-unit", "case_status"]],
    // Nothing here says trafficking: victim services are a question, not a recommendation.
    omits: [["hhs-otip", "victim_services"]],
    asks: ["exploitation"],
    mentions: ["802-527-4888"],
  },
  {
    name: "a worker on a nonimmigrant work visa asking about their rights",
    facts: {
      victim: { nonimmigrantVisa: "work" },
      requester: "victim",
      needs: ["worker_rights_info"],
      location: { inUnitedStates: true },
    },
    recommends: [
      ["dos-visa-holder-resources", "information"],
      ["dol-whd", "information"],
      ["nhth", "hotline"],
    ],
    omits: [
      ["uscis-vawa-unit", "case_status"],
      ["hhs-otip", "victim_services"],
    ],
    asks: ["exploitation"],
  },
  {
    name: "human smuggling with a national-security angle, reported by law enforcement",
    facts: {
      exploitation: ["human_smuggling"],
      nationalSecurity: true,
      requester: "law_enforcement",
      victim: { citizenship: "foreign_national" },
      location: { inUnitedStates: true },
    },
    recommends: [
      ["hstc", "information", "recommended"],
      ["dhs-hstu", "investigate"],
    ],
    omits: [
      ["uscis", "immigration_relief"],
      ["hhs-otip", "certification"],
    ],
    notApplicable: [["uscis", "immigration_relief"]],
  },
  {
    name: "a researcher asking for data",
    facts: { requester: "researcher", needs: ["data", "research"] },
    recommends: [
      ["doj-bjs", "statistics"],
      ["doj-nij", "research"],
      ["northeastern-university", "research"],
    ],
    omits: [
      ["fbi-civil-rights", "investigate"],
      ["doj-htpu", "prosecute"],
      ["nhth", "hotline"],
    ],
  },
  {
    name: "a member of the public with a tip",
    facts: { requester: "public", needs: ["report_tip"] },
    recommends: [
      ["nhth", "hotline"],
      ["dhs-hsi", "hotline"],
    ],
    omits: [
      ["uscis-vawa-unit", "case_status"],
      ["hstc", "information"],
    ],
    mentions: ["1-888-373-7888", "1-866-347-2423"],
  },
];
