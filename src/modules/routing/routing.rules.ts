import { readFileSync } from "node:fs";
import { z } from "zod";
import { fromRoot } from "../../paths.ts";
import { FunctionSchema } from "../directory/directory.schema.ts";
import { PrioritySchema } from "./routing.schema.ts";

/** Where the reviewed routing rules live in the repository. */
export const RULES_FILE = fromRoot("data", "routing", "rules.json");

/**
 * A condition over atoms (see routing.atoms.ts): an atom name, or `all`/`any` of conditions, `not`, or
 * `possibly` (true unless the inner condition is known to be false: "may be", as in "a child who may be a
 * victim").
 */
export type Condition =
  | string
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  | { possibly: Condition };

export const ConditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.string().min(1),
    z.strictObject({ all: z.array(ConditionSchema).min(1) }),
    z.strictObject({ any: z.array(ConditionSchema).min(1) }),
    z.strictObject({ not: ConditionSchema }),
    z.strictObject({ possibly: ConditionSchema }),
  ]),
);

const text = z.string().trim().min(1);
const factRefs = z.array(
  z.string().regex(/^[a-z0-9-]+#[A-Za-z]+(?:\/[a-z0-9_-]+)?$/, "a directory fact ref"),
);

/** A clock a rule starts: `clock` is an ISO 8601 duration from `startsWhen`, or null for a fixed limit. */
export const DeadlineRuleSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/),
  clock: z
    .string()
    .regex(/^P(?:\d+[YMWD])*(?:T(?:\d+[HMS])+)?$/, "an ISO 8601 duration such as PT24H or P90D")
    .nullable(),
  startsWhen: text,
  text,
  relies: factRefs.min(1),
});

/**
 * When the rule does not apply but this condition holds, a person might still expect it: say why not.
 * `id` (unique within the rule) keys its translations and its test case.
 */
export const NearMissSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/),
  when: ConditionSchema,
  reason: text,
  relies: factRefs.optional(),
});

/** One routing rule: conditions over the facts, the recommendation, and the directory facts it rests on. */
export const RuleSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/),
  orgId: z.string(),
  action: FunctionSchema,
  priority: PrioritySchema,
  when: ConditionSchema,
  reason: text,
  relies: factRefs.min(1),
  deadlines: z.array(DeadlineRuleSchema).optional(),
  nearMisses: z.array(NearMissSchema).optional(),
});
export type Rule = z.infer<typeof RuleSchema>;

export const RulesFileSchema = z.strictObject({
  version: text,
  rules: z.array(RuleSchema).min(1),
  /** The question to ask for each facts path, in English; `rules.es.json` has the Spanish. */
  questions: z.record(z.string(), z.strictObject({ question: text, options: z.array(text).min(1) })),
});
export type RulesFile = z.infer<typeof RulesFileSchema>;

/** Raised when the rules are invalid or cite something the directory does not have. */
export class RulesDataError extends Error {}

/** Parses rules data; throws RulesDataError naming the rule and field of the first problem. */
export function parseRules(raw: unknown): RulesFile {
  const parsed = RulesFileSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const [top, index] = issue.path;
  const id =
    top === "rules" && typeof index === "number"
      ? (raw as { rules?: Array<{ id?: unknown }> }).rules?.[index]?.id
      : "";
  const where = id
    ? `rule '${String(id)}' field ${issue.path.slice(2).join(".")}`
    : `field ${issue.path.join(".")}`;
  throw new RulesDataError(`Invalid routing rules: ${where}: ${issue.message}`);
}

/** Reads and parses the rules file (default: the repository's `data/routing/rules.json`). */
export function loadRules(file: string = RULES_FILE): RulesFile {
  return parseRules(JSON.parse(readFileSync(file, "utf8")));
}
