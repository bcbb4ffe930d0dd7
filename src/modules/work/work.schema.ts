import { z } from "zod";
import { AnswerSchema, FactsSchema } from "../routing/routing.schema.ts";

export const RouteCaseBody = z.strictObject({
  /** Used only when the case has no stored facts yet (Contract 5). */
  facts: FactsSchema.optional(),
});

export const RouteRunView = z.object({
  runId: z.string(),
  caseId: z.string(),
  runAt: z.string(),
  answer: AnswerSchema,
  tasks: z.array(
    z.object({ id: z.string(), deadlineId: z.string(), orgId: z.string(), created: z.boolean() }),
  ),
});

export const SECTIONS = ["queue", "tasks", "deadlines", "referrals", "clocks"] as const;
export const WorkItemSchema = z.object({
  kind: z.string(),
  refType: z.string(),
  refId: z.string(),
  caseId: z.string().optional(),
  dueAt: z.string().optional(),
  overdue: z.boolean(),
  labelKey: z.string(),
  labelArgs: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export type WorkItem = z.infer<typeof WorkItemSchema>;
export type WorkSection = (typeof SECTIONS)[number];

export const MyWorkView = z.object({
  sections: z.object({
    queue: z.array(WorkItemSchema),
    tasks: z.array(WorkItemSchema),
    deadlines: z.array(WorkItemSchema),
    referrals: z.array(WorkItemSchema),
    clocks: z.array(WorkItemSchema),
  }),
});
