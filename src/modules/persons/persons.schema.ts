import { z } from "zod";

const text = (max: number) => z.string().trim().min(1).max(max);

/** A calendar date, YYYY-MM-DD, that exists and is not in the future. */
const PastDate = z.iso
  .date()
  .refine((v) => new Date(`${v}T00:00:00Z`).getTime() <= Date.now(), "must not be in the future");

export const PersonParams = z.object({ id: z.uuid() });

export const AddPersonBody = z.strictObject({
  role: z.enum(["victim", "suspect", "witness", "other"]),
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

export const FindPersonsQuery = z
  .strictObject({ phone: text(40).optional(), email: z.email().max(254).optional() })
  .refine((q) => (q.phone ? 1 : 0) + (q.email ? 1 : 0) === 1, "give exactly one of phone or email");

export const PersonView = z.object({
  id: z.string(),
  caseId: z.string(),
  orgId: z.string(),
  role: z.enum(["victim", "suspect", "witness", "other"]),
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
