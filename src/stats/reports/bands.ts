/** Bands that turn exact values into publishable categories. */

/** CTDC `ageBroad` bands (domain.md §2), and the "-99" of not reported. */
export const CTDC_AGE_BANDS = [
  "0--8",
  "9--17",
  "18--20",
  "21--23",
  "24--26",
  "27--29",
  "30--38",
  "39--47",
  "48+",
] as const;
const CTDC_LOWER = [0, 9, 18, 21, 24, 27, 30, 39, 48];

export function ctdcAgeBand(age: number | null): string {
  if (age === null || !Number.isFinite(age) || age < 0) return "-99";
  let k = 0;
  for (let i = 0; i < CTDC_LOWER.length; i++) if (age >= CTDC_LOWER[i]!) k = i;
  return CTDC_AGE_BANDS[k]!;
}

/** Coarser bands the k-anonymity step generalizes to, level by level (each a union of the previous). */
export const AGE_GENERALIZATIONS: ReadonlyArray<Record<string, string>> = [
  Object.fromEntries([...CTDC_AGE_BANDS, "-99"].map((b) => [b, b])),
  {
    "0--8": "0--17",
    "9--17": "0--17",
    "18--20": "18--26",
    "21--23": "18--26",
    "24--26": "18--26",
    "27--29": "27--38",
    "30--38": "27--38",
    "39--47": "39+",
    "48+": "39+",
    "-99": "-99",
  },
  {
    "0--8": "0--17",
    "9--17": "0--17",
    "18--20": "18+",
    "21--23": "18+",
    "24--26": "18+",
    "27--29": "18+",
    "30--38": "18+",
    "39--47": "18+",
    "48+": "18+",
    "-99": "-99",
  },
];

/** Report age bands (HTRS publishes minors vs adults and 25+; these refine that). */
export const REPORT_AGE_BANDS = [
  "0-11",
  "12-14",
  "15-17",
  "18-24",
  "25-34",
  "35-44",
  "45+",
  "unknown",
] as const;
export function reportAgeBand(age: number | null): string {
  if (age === null || age < 0) return "unknown";
  if (age < 12) return "0-11";
  if (age < 15) return "12-14";
  if (age < 18) return "15-17";
  if (age < 25) return "18-24";
  if (age < 35) return "25-34";
  if (age < 45) return "35-44";
  return "45+";
}

export const AGENCY_COUNT_BANDS = ["1", "2", "3-4", "5+", "none_recorded"] as const;
export function agencyCountBand(n: number): string {
  if (n <= 0) return "none_recorded";
  if (n === 1) return "1";
  if (n === 2) return "2";
  if (n <= 4) return "3-4";
  return "5+";
}

export const PRISON_BANDS = ["none", "under_12", "12-59", "60-119", "120-239", "240+", "unknown"] as const;
export function prisonBand(months: number | null): string {
  if (months === null) return "unknown";
  if (months === 0) return "none";
  if (months < 12) return "under_12";
  if (months < 60) return "12-59";
  if (months < 120) return "60-119";
  if (months < 240) return "120-239";
  return "240+";
}
