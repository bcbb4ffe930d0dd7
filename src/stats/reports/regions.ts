/**
 * ISO 3166-1 alpha-2 → UN M49 region, the generalization of a country the CTDC k-anonymity step uses
 * (country → region → suppressed). Codes not listed map to "unknown".
 */
const BY_REGION: Record<string, string> = {
  Africa:
    "DZ EG LY MA SD TN EH BI KM DJ ER ET KE MG MW MU YT MZ RE RW SC SO SS TZ UG ZM ZW AO CM CF TD CG CD GQ GA ST BW SZ LS NA ZA BJ BF CV CI GM GH GN GW LR ML MR NE NG SH SN SL TG IO TF",
  Americas:
    "AI AG AW BS BB BQ VG KY CU CW DM DO GD GP HT JM MQ MS PR BL KN LC MF VC SX TT TC VI BZ CR SV GT HN MX NI PA AR BO BV BR CL CO EC FK GF GY PY PE GS SR UY VE BM CA GL PM US UM",
  Asia: "KZ KG TJ TM UZ CN HK MO KP JP MN KR TW BN KH ID LA MY MM PH SG TH TL VN AF BD BT IN IR MV NP PK LK AM AZ BH CY GE IQ IL JO KW LB OM QA SA PS SY TR AE YE",
  Europe:
    "BY BG CZ HU PL MD RO RU SK UA AX DK EE FO FI GG IS IE IM IT JE LV LT NO SJ SE GB AL AD BA HR GI GR VA ME MK MT PT SM RS SI ES XK AT BE FR DE LI LU MC NL CH",
  Oceania: "AU NZ NF HM CC CX FJ NC PG SB VU GU KI MH FM NR MP PW AS CK PF NU PN WS TK TO TV WF AQ",
};

const REGION_OF = new Map<string, string>();
for (const [region, codes] of Object.entries(BY_REGION))
  for (const c of codes.split(" ")) REGION_OF.set(c, region);

export const isIsoCountry = (code: string): boolean => REGION_OF.has(code);

export function regionOf(code: string | null): string {
  if (!code) return "unknown";
  return REGION_OF.get(code.toUpperCase()) ?? "unknown";
}
