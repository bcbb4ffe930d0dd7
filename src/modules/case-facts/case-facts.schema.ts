import { z } from "zod";
import { clock } from "../auth/clock.ts";
import {
  AGENCY_TYPES,
  EVENT_KINDS,
  IDENTIFIER_KINDS,
  ISO_COUNTRIES,
  JURISDICTIONS,
  NIBRS_CODES,
  OUTCOMES,
  US_STATES,
} from "../cases/cases.vocab.ts";
import { latestToday } from "./case-facts.rules.ts";
import { VOID_REASONS } from "./case-facts.tables.ts";

/** A calendar date that exists and is not after today anywhere on Earth. */
const Day = z.iso.date().refine((v) => v <= latestToday(clock.now()), "must not be in the future");
/** Free text about a fact: sealed at rest, bounded like every narrative. */
const Text = (max: number) => z.string().trim().min(1).max(max);
const UsState = z.enum(US_STATES as [string, ...string[]], "must be a USPS state or territory code");
const Country = z.enum(ISO_COUNTRIES as [string, ...string[]], "must be an ISO 3166-1 alpha-2 code");
/** A citation, e.g. "18 U.S.C. § 1591(a)" or "TX Penal Code 20A.02" (the store's CHECK, said first). */
const Statute = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9 .§()/-]{1,80}$/, "must be a citation of letters, digits, spaces and . § ( ) / -");
const Months = z.number().int().min(0).max(1200);

export const FactParams = z.object({ id: z.uuid() });
export const ListQuery = z.strictObject({
  includeVoided: z.enum(["true", "false"]).optional(),
});
export const VoidBody = z.strictObject({ reason: z.enum(VOID_REASONS) });

const eventFields = {
  kind: z.enum(EVENT_KINDS),
  place: Text(500).nullable().optional(),
  description: Text(5_000).nullable().optional(),
  state: UsState.nullable().optional(),
  country: Country.nullable().optional(),
  startedOn: Day.nullable().optional(),
  endedOn: Day.nullable().optional(),
};
const identifierFields = {
  kind: z.enum(IDENTIFIER_KINDS),
  value: Text(500),
  personId: z.uuid().nullable().optional(),
};
const chargeFields = {
  personId: z.uuid(),
  statute: Statute,
  nibrsCode: z.enum(NIBRS_CODES),
  jurisdiction: z.enum(JURISDICTIONS),
  filedOn: Day.nullable().optional(),
};
const arrestFields = { personId: z.uuid(), arrestedOn: Day, agencyType: z.enum(AGENCY_TYPES) };
const adjudicationFields = {
  chargeId: z.uuid(),
  outcome: z.enum(OUTCOMES),
  decidedOn: Day.nullable().optional(),
};
const sentenceFields = {
  adjudicationId: z.uuid(),
  prisonMonths: Months.nullable().optional(),
  probationMonths: Months.nullable().optional(),
  restitutionCents: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).nullable().optional(),
  sentencedOn: Day.nullable().optional(),
};

/** Create: the fields; update (PATCH): any of them, merged over the current ones, then checked as one. */
const bodies = <S extends z.ZodRawShape>(shape: S) => ({
  create: z.strictObject(shape),
  update: z
    .strictObject(shape)
    .partial()
    .refine((b) => Object.keys(b).length > 0, "give at least one field to change"),
});
export const EventBodies = bodies(eventFields);
export const IdentifierBodies = bodies(identifierFields);
export const ChargeBodies = bodies(chargeFields);
export const ArrestBodies = bodies(arrestFields);
export const AdjudicationBodies = bodies(adjudicationFields);
export const SentenceBodies = bodies(sentenceFields);

export type EventInput = z.infer<typeof EventBodies.create>;
export type IdentifierInput = z.infer<typeof IdentifierBodies.create>;
export type ChargeInput = z.infer<typeof ChargeBodies.create>;
export type ArrestInput = z.infer<typeof ArrestBodies.create>;
export type AdjudicationInput = z.infer<typeof AdjudicationBodies.create>;
export type SentenceInput = z.infer<typeof SentenceBodies.create>;

const common = {
  id: z.string(),
  caseId: z.string(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string().nullable(),
  voidedAt: z.string().nullable(),
  voidReason: z.enum(VOID_REASONS).nullable(),
};
const nullableDay = z.string().nullable();
export const EventView = z.object({
  ...common,
  kind: z.enum(EVENT_KINDS),
  place: z.string().nullable(),
  description: z.string().nullable(),
  state: z.string().nullable(),
  country: z.string().nullable(),
  startedOn: nullableDay,
  endedOn: nullableDay,
});
export const IdentifierView = z.object({
  ...common,
  kind: z.enum(IDENTIFIER_KINDS),
  /** Null when the linked person's identity is withheld from the caller (consent, role). */
  value: z.string().nullable(),
  valueHidden: z.boolean(),
  personId: z.string().nullable(),
});
export const ChargeView = z.object({
  ...common,
  personId: z.string(),
  statute: z.string(),
  nibrsCode: z.enum(NIBRS_CODES),
  jurisdiction: z.enum(JURISDICTIONS),
  filedOn: nullableDay,
});
export const ArrestView = z.object({
  ...common,
  personId: z.string(),
  arrestedOn: z.string(),
  agencyType: z.enum(AGENCY_TYPES),
});
export const AdjudicationView = z.object({
  ...common,
  chargeId: z.string(),
  outcome: z.enum(OUTCOMES),
  decidedOn: nullableDay,
});
export const SentenceView = z.object({
  ...common,
  adjudicationId: z.string(),
  prisonMonths: z.number().int().nullable(),
  probationMonths: z.number().int().nullable(),
  restitutionCents: z.number().int().nullable(),
  sentencedOn: nullableDay,
});
export type EventViewT = z.infer<typeof EventView>;
export type IdentifierViewT = z.infer<typeof IdentifierView>;
export type ChargeViewT = z.infer<typeof ChargeView>;
export type ArrestViewT = z.infer<typeof ArrestView>;
export type AdjudicationViewT = z.infer<typeof AdjudicationView>;
export type SentenceViewT = z.infer<typeof SentenceView>;
