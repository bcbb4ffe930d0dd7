import { z } from "zod";
import { isIsoDate } from "./relief.dates.ts";
import { RELIEF_STATUSES, RELIEF_TYPES } from "./relief.rules.ts";

/**
 * Input of a relief application or letter. Dates are checked against each other and against today so a
 * bad record is refused with the field named (400), never stored.
 */
const isoDate = z.string().refine(isIsoDate, "a calendar date YYYY-MM-DD");

export const ApplicationInputSchema = z.strictObject({
  type: z.enum(RELIEF_TYPES),
  status: z.enum(RELIEF_STATUSES),
  filedOn: isoDate.nullish(),
  decidedOn: isoDate.nullish(),
  expiresOn: isoDate.nullish(),
  extended: z.boolean().optional(),
  receiptNumber: z.string().trim().min(1).max(40).optional(),
  documents: z.array(z.string().min(1).max(80)).max(50).optional(),
});
export type ApplicationInput = z.infer<typeof ApplicationInputSchema>;

/** An update: any of the mutable fields (the type of an application never changes). */
export const ApplicationPatchSchema = ApplicationInputSchema.omit({ type: true }).partial();
export type ApplicationPatch = z.infer<typeof ApplicationPatchSchema>;

export const PersonParams = z.object({ id: z.uuid() });
export const ApplicationParams = z.object({ id: z.uuid() });
const Day = z.string().nullable();
export const ApplicationViewSchema = z.object({
  id: z.string(),
  personId: z.string(),
  caseId: z.string(),
  type: z.enum(RELIEF_TYPES),
  status: z.enum(RELIEF_STATUSES),
  filedOn: Day,
  decidedOn: Day,
  expiresOn: Day,
  extended: z.boolean(),
  receiptNumber: z.string().nullable(),
  documents: z.array(z.string()),
  filedByOrgId: z.string(),
  filedByUserId: z.string().nullable(),
  version: z.number().int(),
});
const DeadlineView = z.object({ id: z.string(), date: z.string(), daysRemaining: z.number().int() });
export const EligibilityViewSchema = z.object({
  personId: z.string(),
  immigrationHidden: z.boolean(),
  withheld: z.array(z.string()),
  today: z.string().optional(),
  turns18On: z.string().nullable().optional(),
  minor: z.boolean().nullable().optional(),
  paths: z
    .array(
      z.object({
        path: z.string(),
        status: z.enum(["eligible", "possibly_eligible", "not_applicable", "needs_facts"]),
        reasons: z.array(z.string()),
        missing: z.array(z.string()),
        deadlines: z.array(DeadlineView),
      }),
    )
    .optional(),
});
export const DeadlinesViewSchema = z.object({
  deadlines: z.array(
    z.object({
      applicationId: z.string(),
      personId: z.string(),
      caseId: z.string(),
      type: z.enum(RELIEF_TYPES),
      kind: z.enum(["expires", "file_by"]),
      date: z.string(),
      daysRemaining: z.number().int(),
      remindOn: z.array(z.string()),
    }),
  ),
});

/** Cross-field date checks; returns the offending field and why, or null. `today` is YYYY-MM-DD. */
export function applicationDateProblem(
  a: ApplicationInput,
  today: string,
): { field: string; message: string } | null {
  if (a.filedOn && a.filedOn > today) return { field: "filedOn", message: "cannot be in the future" };
  if (a.decidedOn && a.decidedOn > today) return { field: "decidedOn", message: "cannot be in the future" };
  if (a.decidedOn && a.filedOn && a.decidedOn < a.filedOn)
    return { field: "decidedOn", message: "cannot be before filedOn" };
  if (a.expiresOn && a.decidedOn && a.expiresOn < a.decidedOn)
    return { field: "expiresOn", message: "cannot be before decidedOn" };
  if ((a.status === "granted" || a.status === "denied") && !a.decidedOn)
    return { field: "decidedOn", message: `is required when status is ${a.status}` };
  if (
    a.status !== "draft" &&
    a.status !== "withdrawn" &&
    !a.filedOn &&
    a.type !== "u_supplement_b" &&
    a.type !== "t_supplement_b"
  )
    return { field: "filedOn", message: `is required when status is ${a.status}` };
  return null;
}

/** Checks a date of birth and an 18th birthday given with it (e.g. by an import). */
export function birthProblem(
  dateOfBirth: string,
  today: string,
  turns18?: string,
): { field: string; message: string } | null {
  if (!isIsoDate(dateOfBirth)) return { field: "dateOfBirth", message: "a calendar date YYYY-MM-DD" };
  if (dateOfBirth > today) return { field: "dateOfBirth", message: "cannot be in the future" };
  if (turns18 !== undefined && turns18 <= dateOfBirth)
    return { field: "turns18On", message: "cannot be before the date of birth" };
  return null;
}
