import { z } from "zod";

export const TaskParams = z.object({ id: z.uuid() });
export const TASK_STATUSES = ["open", "done", "cancelled"] as const;

/** A title code: a key the web translates (e.g. `contact_victim`, `routing.notify-hhs-24h`). */
export const TitleCode = z
  .string()
  .regex(/^[a-z][a-z0-9_.:-]{1,80}$/, "must be a lower-case code such as contact_victim");
/** A title in words: free text, so sealed at rest. */
const TitleText = z.string().trim().min(1).max(500);
/** A due date (YYYY-MM-DD, the end of that day) or an instant (ISO 8601 with offset), 2000–2100. */
export const DueAt = z.union([z.iso.date(), z.iso.datetime({ offset: true })]).refine((v) => {
  const year = Number(v.slice(0, 4));
  return year >= 2000 && year <= 2100;
}, "must be between the years 2000 and 2100");

export const CreateTaskBody = z
  .strictObject({
    titleCode: TitleCode.optional(),
    title: TitleText.optional(),
    assigneeUserId: z.uuid().optional(),
    dueAt: DueAt.optional(),
  })
  .refine((b) => (b.title === undefined) !== (b.titleCode === undefined), {
    message: "give exactly one of title or titleCode",
    path: ["title"],
  });
export type CreateTaskReq = z.infer<typeof CreateTaskBody>;

export const UpdateTaskBody = z
  .strictObject({
    titleCode: TitleCode.optional(),
    title: TitleText.optional(),
    assigneeUserId: z.uuid().nullable().optional(),
    dueAt: DueAt.nullable().optional(),
    status: z.enum(TASK_STATUSES).optional(),
  })
  .refine((b) => b.title === undefined || b.titleCode === undefined, {
    message: "give at most one of title or titleCode",
    path: ["title"],
  });
export type UpdateTaskReq = z.infer<typeof UpdateTaskBody>;

export const MyTasksQuery = z.strictObject({
  status: z.enum([...TASK_STATUSES, "all"]).default("open"),
  limit: z.coerce.number().int().min(1).max(200).default(100),
});

export const TaskView = z.object({
  id: z.string(),
  caseId: z.string(),
  titleCode: z.string().nullable(),
  title: z.string().nullable(),
  assigneeUserId: z.string().nullable(),
  dueAt: z.string().nullable(),
  status: z.enum(TASK_STATUSES),
  overdue: z.boolean(),
  sourceKey: z.string().nullable(),
  version: z.number().int(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  completedAt: z.string().nullable(),
  completedBy: z.string().nullable(),
});
export type TaskViewT = z.infer<typeof TaskView>;
