import { z } from "zod";
import {
  EXPLOITATION_TYPES,
  INDUSTRIES,
  ISO_COUNTRIES,
  MEANS_OF_CONTROL,
  PERSON_ROLES,
  RACE_ETHNICITIES,
  RECRUITMENTS,
  SEXES,
  VISA_CATEGORIES,
} from "../cases/cases.vocab.ts";

const text = (max: number) => z.string().trim().min(1).max(max);

/** A calendar date, YYYY-MM-DD, that exists and is not in the future. */
const PastDate = z.iso
  .date()
  .refine((v) => new Date(`${v}T00:00:00Z`).getTime() <= Date.now(), "must not be in the future");

export const PersonParams = z.object({ id: z.uuid() });

/** CTDC/HTCDS attributes (codes only, plain columns; statistics read them). */
const attributes = {
  sex: z.enum(SEXES).nullable().optional(),
  ageAtExploitation: z.number().int().min(0).max(120).nullable().optional(),
  raceEthnicity: z.enum(RACE_ETHNICITIES).nullable().optional(),
  citizenshipCountry: z
    .enum(ISO_COUNTRIES as [string, ...string[]], "must be an ISO 3166-1 alpha-2 country code")
    .nullable()
    .optional(),
  /** Immigration group: hidden and protected like immigrationStatus (8 U.S.C. 1367). */
  visaCategory: z.enum(VISA_CATEGORIES).nullable().optional(),
  meansOfControl: z.array(z.enum(MEANS_OF_CONTROL)).max(MEANS_OF_CONTROL.length).optional(),
  exploitationTypes: z.array(z.enum(EXPLOITATION_TYPES)).max(EXPLOITATION_TYPES.length).optional(),
  industry: z.enum(INDUSTRIES).nullable().optional(),
  recruitment: z.enum(RECRUITMENTS).nullable().optional(),
};

export const AddPersonBody = z.strictObject({
  role: z.enum(PERSON_ROLES),
  ...attributes,
  givenName: text(200).optional(),
  familyName: text(200).optional(),
  dateOfBirth: PastDate.optional(),
  phone: text(40).optional(),
  email: z.email().max(254).optional(),
  address: text(500).optional(),
  citizenship: z
    .enum(["us_citizen", "lawful_permanent_resident", "foreign_national", "unknown"])
    .default("unknown"),
  immigrationStatus: text(200).optional(),
  /** A T visa, U visa or VAWA self-petition applicant: 8 U.S.C. 1367 protects their information. */
  protected1367: z.boolean().default(false),
});
export type AddPersonReq = z.infer<typeof AddPersonBody>;

/** PATCH /persons/:id: the fields to change (null clears); If-Match names the version edited. */
export const UpdatePersonBody = z
  .strictObject({
    role: z.enum(PERSON_ROLES).optional(),
    ...attributes,
    givenName: text(200).nullable().optional(),
    familyName: text(200).nullable().optional(),
    dateOfBirth: PastDate.nullable().optional(),
    phone: text(40).nullable().optional(),
    email: z.email().max(254).nullable().optional(),
    address: text(500).nullable().optional(),
    citizenship: z
      .enum(["us_citizen", "lawful_permanent_resident", "foreign_national", "unknown"])
      .optional(),
    immigrationStatus: text(200).nullable().optional(),
    protected1367: z.boolean().optional(),
  })
  .refine((b) => Object.keys(b).length > 0, "give at least one field to change");
export type UpdatePersonReq = z.infer<typeof UpdatePersonBody>;

export const FindPersonsQuery = z
  .strictObject({ phone: text(40).optional(), email: z.email().max(254).optional() })
  .refine((q) => (q.phone ? 1 : 0) + (q.email ? 1 : 0) === 1, "give exactly one of phone or email");

export const PersonView = z.object({
  id: z.string(),
  caseId: z.string(),
  orgId: z.string(),
  role: z.enum(PERSON_ROLES),
  version: z.number(),
  sex: z.enum(SEXES).nullable(),
  ageAtExploitation: z.number().nullable(),
  raceEthnicity: z.enum(RACE_ETHNICITIES).nullable(),
  citizenshipCountry: z.string().nullable(),
  visaCategory: z.enum(VISA_CATEGORIES).nullable().optional(),
  meansOfControl: z.array(z.enum(MEANS_OF_CONTROL)),
  exploitationTypes: z.array(z.enum(EXPLOITATION_TYPES)),
  industry: z.enum(INDUSTRIES).nullable(),
  recruitment: z.enum(RECRUITMENTS).nullable(),
  citizenship: z.enum(["us_citizen", "lawful_permanent_resident", "foreign_national", "unknown"]),
  createdAt: z.string(),
  identityWithheld: z.boolean(),
  givenName: z.string().nullable().optional(),
  familyName: z.string().nullable().optional(),
  dateOfBirth: z.string().nullable().optional(),
  phone: z.string().nullable().optional(),
  email: z.string().nullable().optional(),
  address: z.string().nullable().optional(),
  immigrationStatus: z.string().nullable().optional(),
  protected1367: z.boolean().optional(),
});
