import { fieldCryptoOf } from "../crypto/crypto.service.ts";
import type { DemoContext } from "../demo/demo.context.ts";
import { addPersonInTransaction } from "../persons/persons.service.ts";
import { caseForAction, openCaseInTransaction } from "./cases.service.ts";

type PersonInput = Parameters<typeof addPersonInTransaction>[3];
const person = (p: Partial<PersonInput> & Pick<PersonInput, "role">): PersonInput => ({
  citizenship: "unknown",
  protected1367: false,
  ...p,
});

/** Synthetic cases (visibly "DEMO —", 555-01xx phones, example.org e-mails), through the services. */
const CASES: {
  by: "investigator" | "providerAdvocate";
  title: string;
  narrative: string;
  traffickingType: "sex" | "labor";
  incidentState: string;
  persons: PersonInput[];
}[] = [
  {
    by: "investigator",
    title: "DEMO — Foreign national minor, commercial sex",
    narrative: "DEMO — synthetic narrative: a 16-year-old recruited online, exploited in motels.",
    traffickingType: "sex",
    incidentState: "TX",
    persons: [
      person({
        role: "victim",
        givenName: "Demo",
        familyName: "Minor",
        phone: "+1 202 555 0101",
        sex: "female",
        ageAtExploitation: 16,
        citizenship: "foreign_national",
        citizenshipCountry: "HN",
        meansOfControl: ["threats", "restricts_movement"],
        exploitationTypes: ["sexual"],
        industry: "residential",
        recruitment: "online",
      }),
      person({ role: "suspect", givenName: "Demo", familyName: "Suspect One", sex: "male" }),
    ],
  },
  {
    by: "providerAdvocate",
    title: "DEMO — H-2A farmworkers, withheld passports",
    narrative: "DEMO — synthetic narrative: workers on a farm, passports held by the crew leader.",
    traffickingType: "labor",
    incidentState: "GA",
    persons: [
      person({
        role: "victim",
        givenName: "Demo",
        familyName: "Worker",
        email: "demo.worker@example.org",
        sex: "male",
        ageAtExploitation: 27,
        citizenship: "foreign_national",
        citizenshipCountry: "MX",
        visaCategory: "H-2A",
        meansOfControl: ["withholds_documents", "debt_bondage"],
        exploitationTypes: ["forced_labour"],
        industry: "agriculture",
        recruitment: "job_offer",
      }),
      person({ role: "suspect", givenName: "Demo", familyName: "Crew Leader", sex: "male" }),
    ],
  },
  {
    by: "investigator",
    title: "DEMO — Illicit massage business",
    narrative: "DEMO — synthetic narrative: tip about a massage parlor open at all hours.",
    traffickingType: "sex",
    incidentState: "CA",
    persons: [
      person({ role: "reporting_party", phone: "+1 202 555 0102" }),
      person({ role: "suspect", givenName: "Demo", familyName: "Operator", industry: "illicit_massage" }),
    ],
  },
];

/**
 * The demo's cases and persons (Contract 6). The minor's visa is "none", recorded by the service
 * provider case only (law enforcement never writes immigration details; see persons.service).
 */
export async function demoCases(ctx: DemoContext): Promise<void> {
  const crypto = fieldCryptoOf(ctx.store);
  for (const c of CASES) {
    const auth = ctx.users[c.by];
    await ctx.store.db.transaction().execute(async (trx) => {
      const opened = await openCaseInTransaction(trx, auth, c, crypto);
      ctx.caseIds.push(opened.id);
      const kase = await caseForAction(trx, auth, opened.id, "read");
      if (!kase) throw new Error("The demo case just opened is not readable by its author.");
      for (const p of c.persons) {
        const added = await addPersonInTransaction(trx, auth, kase, p, crypto);
        ctx.personIds.push(added.id);
      }
    });
  }
}
