import fc from "fast-check";
import { REQUESTERS } from "../src/modules/directory/directory.schema.ts";
import {
  CITIZENSHIP,
  EXPLOITATION,
  type Facts,
  NEEDS,
  TRI,
  U_VISA_CRIMES,
  VISA,
  VISA_CATEGORIES,
} from "../src/modules/routing/routing.schema.ts";

export const opt = { requiredKeys: [] as never[] };
export const bool = fc.boolean();
/** Any facts the API accepts: every field may be missing, lists may be empty. */
export const factsArb: fc.Arbitrary<Facts> = fc.record(
  {
    victim: fc.record(
      {
        age: fc.integer({ min: 0, max: 90 }),
        citizenship: fc.constantFrom(...CITIZENSHIP),
        nonimmigrantVisa: fc.constantFrom(...VISA),
        ageWhenExploited: fc.integer({ min: 0, max: 90 }),
        visaCategory: fc.constantFrom(...VISA_CATEGORIES),
        cooperatesWithLawEnforcement: fc.constantFrom(...TRI),
        traumaException: bool,
        presentOnAccountOfTrafficking: bool,
      },
      opt,
    ),
    exploitation: fc.uniqueArray(fc.constantFrom(...EXPLOITATION)),
    labor: fc.record(
      { agricultureOrMigrantWork: bool, wageOrHourViolations: bool, internationalChildOrForcedLabor: bool },
      opt,
    ),
    location: fc.record({ inUnitedStates: bool, abroad: bool }, opt),
    online: bool,
    uVisaQualifyingCrimes: fc.uniqueArray(fc.constantFrom(...U_VISA_CRIMES), { maxLength: 4 }),
    usNexus: bool,
    nationalSecurity: bool,
    requester: fc.constantFrom(...REQUESTERS),
    needs: fc.uniqueArray(fc.constantFrom(...NEEDS)),
  },
  opt,
);
