import { z } from "zod";
import { OrgIdField } from "../cases/cases.schema.ts";
import { FOLLOW_UP_KINDS, SERVICE_STATUSES, SERVICE_TYPES } from "./plans.codes.ts";

export const PlanItemParams = z.object({ id: z.uuid() });

/** A calendar day (YYYY-MM-DD) between 2000 and 2100; whether it may be in the future is the rules'. */
const Day = z.iso
  .date()
  .refine((v) => v >= "2000-01-01" && v <= "2100-12-31", "must be between 2000 and 2100");
const DirectoryEntryId = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be a directory entry id")
  .max(120);

const oneProvider = {
  check: (b: { providerOrgId?: string | null; directoryEntryId?: string | null }) =>
    !(b.providerOrgId && b.directoryEntryId),
  message: "give the provider as an organization or a directory entry, not both",
  path: ["directoryEntryId"],
};

export const CreateServiceBody = z
  .strictObject({
    serviceType: z.enum(SERVICE_TYPES),
    status: z.enum(SERVICE_STATUSES).default("planned"),
    providerOrgId: OrgIdField.optional(),
    directoryEntryId: DirectoryEntryId.optional(),
    plannedOn: Day.optional(),
    referredOn: Day.optional(),
    startedOn: Day.optional(),
    completedOn: Day.optional(),
  })
  .refine(oneProvider.check, { message: oneProvider.message, path: oneProvider.path });
export type CreateServiceReq = z.infer<typeof CreateServiceBody>;

/** PATCH: the fields to change (null clears); the version edited comes in If-Match. */
export const UpdateServiceBody = z
  .strictObject({
    serviceType: z.enum(SERVICE_TYPES).optional(),
    status: z.enum(SERVICE_STATUSES).optional(),
    providerOrgId: OrgIdField.nullable().optional(),
    directoryEntryId: DirectoryEntryId.nullable().optional(),
    plannedOn: Day.nullable().optional(),
    referredOn: Day.nullable().optional(),
    startedOn: Day.nullable().optional(),
    completedOn: Day.nullable().optional(),
  })
  .refine((b) => Object.keys(b).length > 0, "give at least one field to change")
  .refine(oneProvider.check, { message: oneProvider.message, path: oneProvider.path });
export type UpdateServiceReq = z.infer<typeof UpdateServiceBody>;

export const CreateFollowUpBody = z.strictObject({
  kind: z.enum(FOLLOW_UP_KINDS),
  dueOn: Day,
  serviceId: z.uuid().optional(),
  assigneeUserId: z.uuid().optional(),
});
export type CreateFollowUpReq = z.infer<typeof CreateFollowUpBody>;

/** PATCH a follow-up; `done: true` marks it done (by the caller, now), `done: false` reopens it. */
export const UpdateFollowUpBody = z
  .strictObject({
    kind: z.enum(FOLLOW_UP_KINDS).optional(),
    dueOn: Day.optional(),
    serviceId: z.uuid().nullable().optional(),
    assigneeUserId: z.uuid().nullable().optional(),
    done: z.boolean().optional(),
  })
  .refine((b) => Object.keys(b).length > 0, "give at least one field to change");
export type UpdateFollowUpReq = z.infer<typeof UpdateFollowUpBody>;

export const ServiceView = z.object({
  id: z.string(),
  caseId: z.string(),
  serviceType: z.enum(SERVICE_TYPES),
  status: z.enum(SERVICE_STATUSES),
  providerOrgId: z.string().nullable(),
  directoryEntryId: z.string().nullable(),
  plannedOn: z.string().nullable(),
  referredOn: z.string().nullable(),
  startedOn: z.string().nullable(),
  completedOn: z.string().nullable(),
  version: z.number().int(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ServiceViewT = z.infer<typeof ServiceView>;

export const FollowUpView = z.object({
  id: z.string(),
  caseId: z.string(),
  serviceId: z.string().nullable(),
  kind: z.enum(FOLLOW_UP_KINDS),
  dueOn: z.string(),
  assigneeUserId: z.string().nullable(),
  done: z.boolean(),
  doneAt: z.string().nullable(),
  doneBy: z.string().nullable(),
  overdue: z.boolean(),
  version: z.number().int(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type FollowUpViewT = z.infer<typeof FollowUpView>;

export const PlanView = z.object({
  caseId: z.string(),
  services: z.array(ServiceView),
  followUps: z.array(FollowUpView),
});
