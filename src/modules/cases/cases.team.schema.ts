import { z } from "zod";
import { OrgIdField } from "./cases.schema.ts";
import { AGENCY_ROLES, AGENCY_TYPES, TEAM_ROLES } from "./cases.vocab.ts";

export const TeamMemberParams = z.object({ id: z.uuid(), userId: z.uuid() });
export const CaseAgencyParams = z.object({ id: z.uuid(), agencyId: z.uuid() });

export const AddTeamMemberBody = z.strictObject({ userId: z.uuid() });

/** An agency involved: its type, and where it is known from (the directory or a partner organization). */
export const AddAgencyBody = z
  .strictObject({
    agencyType: z.enum(AGENCY_TYPES),
    role: z.enum(AGENCY_ROLES).default("involved"),
    directoryEntryId: z
      .string()
      .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be a directory entry id")
      .max(120)
      .optional(),
    partnerOrgId: OrgIdField.optional(),
  })
  .refine((b) => !(b.directoryEntryId && b.partnerOrgId), {
    message: "give a directory entry or a partner organization, not both",
    path: ["partnerOrgId"],
  });
export type AddAgencyReq = z.infer<typeof AddAgencyBody>;

export const TeamMemberView = z.object({
  userId: z.string(),
  /** Shown to the owning organization's users only. */
  email: z.string().nullable(),
  role: z.enum(TEAM_ROLES),
  addedAt: z.string(),
});

export const CaseAgencyView = z.object({
  id: z.string(),
  agencyType: z.enum(AGENCY_TYPES),
  role: z.enum(AGENCY_ROLES),
  directoryEntryId: z.string().nullable(),
  partnerOrgId: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
});

export const TeamView = z.object({
  caseId: z.string(),
  /** The case's version: setting the lead is a PATCH of the case with this in If-Match. */
  caseVersion: z.number().int(),
  lead: z.object({ userId: z.string(), email: z.string().nullable() }).nullable(),
  members: z.array(TeamMemberView),
  agencies: z.array(CaseAgencyView),
  /** May the caller change the lead, the team and the agencies (the case `update` action)? */
  mayEdit: z.boolean(),
});
export type TeamViewT = z.infer<typeof TeamView>;
