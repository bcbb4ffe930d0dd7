/**
 * Pure constants of the relief rules, with their sources (domain.md "Letters and visas"). Kept apart so the
 * eligibility logic, the schema and the web read one definition.
 */
export const INTERIM_LETTER_DAYS = 90; // 22 USC 7105(b)(1)(F), 122 Stat. 5064
export const INTERIM_EXTENSION_DAYS = 30;
export const U_SUPPLEMENT_B_VALID_MONTHS = 6; // 8 CFR 214.14(c)(2)(i) (to verify)
export const REMINDER_DAYS = [30, 7, 1] as const;

export const RELIEF_TYPES = [
  "hhs_certification",
  "hhs_interim_letter",
  "hhs_eligibility_letter",
  "continued_presence",
  "t_visa",
  "t_supplement_b",
  "u_visa",
  "u_supplement_b",
] as const;
export type ReliefType = (typeof RELIEF_TYPES)[number];

export const RELIEF_STATUSES = [
  "draft",
  "filed",
  "pending",
  "granted",
  "denied",
  "expired",
  "withdrawn",
] as const;
export type ReliefStatus = (typeof RELIEF_STATUSES)[number];

/**
 * The INA 101(a)(15)(U)(iii) list of qualifying criminal activity, as codes (8 CFR 214.14(a)(9); VAWA 2013
 * added fraud in foreign labor contracting and stalking). "Any similar activity" and attempt, conspiracy or
 * solicitation of these also qualify: the certifier says so, we record the nearest code.
 */
export const U_VISA_CRIMES = [
  "abduction",
  "abusive_sexual_contact",
  "blackmail",
  "domestic_violence",
  "extortion",
  "false_imprisonment",
  "female_genital_mutilation",
  "foreign_labor_contracting_fraud",
  "hostage",
  "incest",
  "involuntary_servitude",
  "kidnapping",
  "manslaughter",
  "murder",
  "obstruction_of_justice",
  "peonage",
  "perjury",
  "prostitution",
  "rape",
  "sexual_assault",
  "sexual_exploitation",
  "slave_trade",
  "stalking",
  "torture",
  "trafficking",
  "witness_tampering",
  "unlawful_criminal_restraint",
] as const;
export type UVisaCrime = (typeof U_VISA_CRIMES)[number];

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
export type VisaCategory = (typeof VISA_CATEGORIES)[number];
