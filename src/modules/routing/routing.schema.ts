import { z } from "zod";
import { FunctionSchema, RequesterSchema } from "../directory/directory.schema.ts";
import { U_VISA_CRIMES, VISA_CATEGORIES } from "../relief/relief.rules.ts";

/**
 * The facts of a situation (the JSON, exactly). Every field is optional and "unknown" is a real
 * answer: an absent field, `"unknown"`, or an empty list never counts as "no". Unknown keys are rejected
 * so a misspelt fact cannot silently be ignored.
 */
export const EXPLOITATION = [
  "sex_trafficking",
  "labor_trafficking",
  "child_sexual_abuse_material",
  "online_enticement",
  "child_sex_tourism",
  "parental_child_abduction",
  "human_smuggling",
] as const;
export const NEEDS = [
  "report_tip",
  "investigation",
  "prosecution",
  "victim_services",
  "benefits",
  "immigration_relief",
  "case_status",
  "data",
  "research",
  "funding",
  "training",
  "awareness",
  "country_assessment",
  "worker_rights_info",
  "task_force",
] as const;
export const CITIZENSHIP = [
  "us_citizen",
  "lawful_permanent_resident",
  "foreign_national",
  "unknown",
] as const;
export const VISA = ["work", "travel", "none", "unknown"] as const;
export const TRI = ["yes", "no", "unknown"] as const;
export { U_VISA_CRIMES, VISA_CATEGORIES };

export const FactsSchema = z.strictObject({
  victim: z
    .strictObject({
      age: z.number().int().min(0).max(130).optional(),
      citizenship: z.enum(CITIZENSHIP).optional(),
      nonimmigrantVisa: z.enum(VISA).optional(),
      /** Age at the time of (the first act of) exploitation: under 18 exempts from T visa cooperation. */
      ageWhenExploited: z.number().int().min(0).max(120).optional(),
      /** The visa held: A-3 and G-5 are domestic workers of diplomats and international organizations. */
      visaCategory: z.enum(VISA_CATEGORIES).optional(),
      /** Complies with reasonable requests of law enforcement (T) / has been helpful (U). */
      cooperatesWithLawEnforcement: z.enum(TRI).optional(),
      /** Unable to cooperate because of physical or psychological trauma (the T visa exception). */
      traumaException: z.boolean().optional(),
      /** Present in the U.S. (or at a port of entry) on account of trafficking: a T visa requirement. */
      presentOnAccountOfTrafficking: z.boolean().optional(),
    })
    .optional(),
  exploitation: z.array(z.enum(EXPLOITATION)).max(EXPLOITATION.length).optional(),
  labor: z
    .strictObject({
      agricultureOrMigrantWork: z.boolean().optional(),
      wageOrHourViolations: z.boolean().optional(),
      internationalChildOrForcedLabor: z.boolean().optional(),
    })
    .optional(),
  location: z
    .strictObject({
      inUnitedStates: z.boolean().optional(),
      abroad: z.boolean().optional(),
      state: z
        .string()
        .regex(/^[A-Z]{2}$/, "a two-letter U.S. state or territory code")
        .optional(),
    })
    .optional(),
  online: z.boolean().optional(),
  /** INA 101(a)(15)(U)(iii) qualifying criminal activity suffered, as codes. */
  uVisaQualifyingCrimes: z.array(z.enum(U_VISA_CRIMES)).max(U_VISA_CRIMES.length).optional(),
  /** The crime occurred in the U.S. or violated U.S. law (INA 101(a)(15)(U)(i)(IV)); no U visa without it. */
  usNexus: z.boolean().optional(),
  nationalSecurity: z.boolean().optional(),
  requester: RequesterSchema.optional(),
  needs: z.array(z.enum(NEEDS)).max(NEEDS.length).optional(),
});
export type Facts = z.infer<typeof FactsSchema>;

export const PRIORITIES = ["required", "recommended", "optional"] as const;
export const PrioritySchema = z.enum(PRIORITIES);
export type Priority = z.infer<typeof PrioritySchema>;

/** A pointer from an answer to a directory fact and, through it, to the seed sentence or outside citation. */
export const AnswerSourceSchema = z.object({
  fact: z.string().describe("directory fact, e.g. hhs-otip#functions/certification"),
  kind: z.enum(["seed", "inferred", "external"]),
  text: z.string().describe("the seed sentence, the inference's reason, or the external citation"),
  quote: z.string().optional().describe("for an inferred fact: the seed sentence it rests on"),
  url: z.string().optional(),
  toVerify: z.boolean().optional(),
});
export type AnswerSource = z.infer<typeof AnswerSourceSchema>;

export const RecommendationSchema = z.object({
  orgId: z.string(),
  orgName: z.string().describe("the entry's official (English) name"),
  orgLocalName: z
    .string()
    .optional()
    .describe("the name's rendering in the requested language, where an official one is in common use"),
  action: FunctionSchema,
  priority: PrioritySchema,
  reason: z.string(),
  sources: z.array(AnswerSourceSchema),
  rules: z.array(z.string()).describe("the rules that produced it"),
});
export const NotApplicableSchema = z.object({
  orgId: z.string(),
  orgName: z.string().describe("the entry's official (English) name"),
  orgLocalName: z
    .string()
    .optional()
    .describe("the name's rendering in the requested language, where an official one is in common use"),
  action: FunctionSchema,
  reason: z.string(),
  sources: z.array(AnswerSourceSchema),
  rule: z.string(),
});
export const DeadlineSchema = z.object({
  id: z.string(),
  orgId: z.string(),
  priority: PrioritySchema,
  clock: z.string().nullable().describe("ISO 8601 duration from startsWhen, or null for a fixed limit"),
  startsWhen: z.string(),
  text: z.string(),
  sources: z.array(AnswerSourceSchema),
});
export const QuestionSchema = z.object({
  fact: z.string().describe("the facts path to fill, e.g. victim.citizenship"),
  question: z.string(),
  options: z
    .array(z.string())
    .describe(
      "the possible answers: API values (e.g. us_citizen) as they are, other options in the answer's language",
    ),
  affects: z.array(z.object({ orgId: z.string(), action: FunctionSchema, priority: PrioritySchema })),
});

/** The routing answer (the shape). */
export const AnswerSchema = z.object({
  recommendations: z.array(RecommendationSchema),
  notApplicable: z.array(NotApplicableSchema),
  deadlines: z.array(DeadlineSchema),
  questions: z.array(QuestionSchema),
});
export type Answer = z.infer<typeof AnswerSchema>;
export type Recommendation = z.infer<typeof RecommendationSchema>;
export type Question = z.infer<typeof QuestionSchema>;
