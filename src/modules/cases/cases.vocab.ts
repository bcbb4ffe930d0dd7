/**
 * The case model's code lists (Contract 1; HTRS, HTCDS, CTDC, NIBRS). Plain data, no imports: the
 * schemas, the migrations' CHECK constraints, statistics and the web all read the same lists.
 */

export const TRAFFICKING_TYPES = ["sex", "labor", "sex_and_labor", "unknown"] as const;
export const CONFIRMATIONS = ["open", "confirmed", "confirmed_not_trafficking"] as const;
export const AGENCY_TYPES = [
  "federal_le",
  "state_le",
  "local_le",
  "tribal_le",
  "prosecutor",
  "service_provider",
  "other",
] as const;
export const CLOSE_REASONS = [
  "resolved",
  "referred_out",
  "no_trafficking",
  "duplicate",
  "victim_declined",
  "other",
] as const;
export const AGENCY_ROLES = ["lead", "involved"] as const;
export const TEAM_ROLES = ["lead", "member"] as const;

/** USPS codes of the states, D.C. and the territories (where a U.S. incident can be placed). */
export const US_STATES = (
  "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC " +
  "ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY AS GU MP PR VI"
).split(" ");

/**
 * ISO 3166-1 alpha-2, the 249 officially assigned codes. No package in the tree ships the list
 * (libphonenumber-js has calling regions, which add AC, TA, XK and lack AQ, BV, HM…); names come from
 * `Intl.DisplayNames` at display time, so only the codes live here.
 */
export const ISO_COUNTRIES = (
  "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV " +
  "BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES " +
  "ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE " +
  "IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY " +
  "MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU " +
  "NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM " +
  "SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE " +
  "VG VI VN VU WF WS YE YT ZA ZM ZW"
).split(" ");

export const PERSON_ROLES = ["victim", "suspect", "witness", "reporting_party", "other"] as const;
export const SEXES = ["female", "male", "other", "unknown"] as const;
/** HTRS victim and suspect race/ethnicity categories. */
export const RACE_ETHNICITIES = [
  "white",
  "black",
  "hispanic",
  "asian",
  "american_indian_alaska_native",
  "native_hawaiian_pacific_islander",
  "multiple",
  "other",
  "unknown",
] as const;
export const VISA_CATEGORIES = [
  "A-3",
  "G-5",
  "H-2A",
  "H-2B",
  "J-1",
  "B-1/B-2",
  "F-1",
  "other",
  "none",
  "unknown",
] as const;
/** CTDC means of control. */
export const MEANS_OF_CONTROL = [
  "debt_bondage",
  "takes_earnings",
  "restricts_movement",
  "threats",
  "psychological_abuse",
  "physical_abuse",
  "sexual_abuse",
  "false_promises",
  "psychoactive_substances",
  "withholds_documents",
  "withholds_necessities",
  "other",
] as const;
/** CTDC types of exploitation. */
export const EXPLOITATION_TYPES = [
  "sexual",
  "forced_labour",
  "forced_marriage",
  "organ_removal",
  "other",
] as const;
/** Polaris Project typology of trafficking (25 types; "other" when none fits). */
export const INDUSTRIES = [
  "escort_services",
  "illicit_massage",
  "outdoor_solicitation",
  "residential",
  "bars_strip_clubs",
  "pornography",
  "remote_interactive",
  "personal_sexual_servitude",
  "domestic_work",
  "agriculture",
  "travelling_sales",
  "restaurants",
  "peddling_begging",
  "commercial_cleaning",
  "construction",
  "hotels",
  "landscaping",
  "illicit_activities",
  "arts_entertainment",
  "carnivals",
  "forestry",
  "factories",
  "healthcare",
  "recreational_facilities",
  "other",
] as const;
export const RECRUITMENTS = [
  "intimate_partner",
  "family",
  "employer",
  "job_offer",
  "smuggling",
  "online",
  "other",
] as const;

export const EVENT_KINDS = ["recruitment", "transit", "exploitation"] as const;
export const IDENTIFIER_KINDS = [
  "phone",
  "email",
  "address",
  "vehicle",
  "business",
  "online_account",
] as const;
export const JURISDICTIONS = ["federal", "state", "tribal"] as const;
export const OUTCOMES = ["convicted", "pleaded_guilty", "acquitted", "dismissed", "pending"] as const;
/**
 * NIBRS offense codes a trafficking case charges (Group A, plus 90Z for the rest): 64A commercial sex
 * acts, 64B involuntary servitude, and the offenses charged beside them.
 */
export const NIBRS_CODES = [
  "64A",
  "64B",
  "40A",
  "40B",
  "40C",
  "370",
  "100",
  "11A",
  "13A",
  "13B",
  "13C",
  "35A",
  "26A",
  "520",
  "90Z",
] as const;

/** `'a','b'` for a CHECK constraint (the values are the fixed codes above, never input). */
export const sqlList = (values: readonly string[]) =>
  values.map((v) => `'${v.replace(/'/g, "''")}'`).join(",");
