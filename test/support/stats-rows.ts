import fc from "fast-check";
import {
  CITIZENSHIPS,
  CONFIRMATIONS,
  EXPLOITATION_TYPES,
  INDUSTRIES,
  LEAD_AGENCY_TYPES,
  MEANS_OF_CONTROL,
  NIBRS_CODES,
  OUTCOMES,
  RACES,
  RECRUITMENTS,
  SEXES,
  type StatsRows,
  TRAFFICKING_TYPES,
  VISAS,
} from "../../src/stats/reports/rows.ts";

/** Random case-model rows (Contract 1 codes), skewed like real data: few countries, ages clustered. */
const COUNTRIES = ["US", "MX", "GT", "HN", "PH", "CN", "IN", "NG", "RO", "UA", null];
const pick = <T>(xs: readonly T[]) => fc.constantFrom(...xs);

export const statsRowsArb = (maxCases = 40): fc.Arbitrary<StatsRows> =>
  fc
    .array(
      fc.record({
        traffickingType: pick(TRAFFICKING_TYPES),
        confirmation: pick(CONFIRMATIONS),
        leadAgencyType: fc.option(pick(LEAD_AGENCY_TYPES.filter((x) => x !== "none"))),
        agencyCount: fc.integer({ min: 0, max: 7 }),
        day: fc.integer({ min: 0, max: 2000 }),
        state: fc.option(pick(["CA", "TX", "FL", "NY", "WA"])),
        victims: fc.array(
          fc.record({
            sex: pick(SEXES),
            age: fc.option(fc.integer({ min: 3, max: 70 })),
            race: pick(RACES),
            citizenship: pick(CITIZENSHIPS),
            country: pick(COUNTRIES),
            visa: pick(VISAS),
            means: fc.subarray([...MEANS_OF_CONTROL]),
            types: fc.subarray([...EXPLOITATION_TYPES]),
            industry: fc.option(pick(INDUSTRIES)),
            recruitment: fc.option(pick(RECRUITMENTS)),
            exploitationCountry: pick(COUNTRIES),
          }),
          { maxLength: 4 },
        ),
        suspects: fc.array(
          fc.record({
            sex: pick(SEXES),
            age: fc.option(fc.integer({ min: 16, max: 70 })),
            race: pick(RACES),
            arrested: fc.boolean(),
            charges: fc.array(
              fc.record({
                statute: pick([
                  "18 U.S.C. 1591",
                  "18 U.S.C. 1589",
                  "18 USC 2422",
                  "TX Penal Code 20A.02",
                  "=HYPERLINK(1)",
                ]),
                nibrs: pick(NIBRS_CODES),
                outcome: fc.option(pick(OUTCOMES)),
                prison: fc.option(fc.integer({ min: 0, max: 400 })),
              }),
              { maxLength: 3 },
            ),
          }),
          { maxLength: 3 },
        ),
      }),
      { maxLength: maxCases },
    )
    .map((cases) => {
      const rows: StatsRows = { incidents: [], victims: [], suspects: [] };
      cases.forEach((c, ci) => {
        const caseId = `case-${ci}`;
        const started = new Date(Date.UTC(2019, 0, 1) + c.day * 86_400_000);
        const incident = {
          caseId,
          orgId: "org",
          traffickingType: c.traffickingType,
          confirmation: c.confirmation,
          leadAgencyType: c.leadAgencyType,
          agencyCount: c.agencyCount,
          startedOn: started.toISOString().slice(0, 10),
          incidentState: c.state,
          registeredYear: started.getUTCFullYear(),
        };
        rows.incidents.push(incident);
        c.victims.forEach((v, vi) => {
          rows.victims.push({
            personId: `${caseId}-v${vi}`,
            caseId,
            sex: v.sex,
            age: v.age,
            raceEthnicity: v.race,
            citizenship: v.citizenship,
            citizenshipCountry: v.country,
            visaCategory: v.visa,
            meansOfControl: v.means,
            exploitationTypes: v.types,
            industry: v.industry,
            recruitment: v.recruitment,
            exploitationCountry: v.exploitationCountry,
            incident,
          });
        });
        c.suspects.forEach((s, si) => {
          rows.suspects.push({
            personId: `${caseId}-s${si}`,
            caseId,
            sex: s.sex,
            age: s.age,
            raceEthnicity: s.race,
            citizenship: "unknown",
            arrested: s.arrested,
            incident,
            charges: s.charges.map((ch, k) => ({
              chargeId: `${caseId}-s${si}-c${k}`,
              statute: ch.statute,
              nibrsCode: ch.nibrs,
              jurisdiction: "federal",
              filedOn: null,
              outcome: ch.outcome,
              decidedOn: null,
              prisonMonths: ch.prison,
              probationMonths: null,
              restitutionCents: null,
            })),
          });
        });
      });
      return rows;
    });
