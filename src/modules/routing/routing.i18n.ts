import { readFileSync } from "node:fs";
import { z } from "zod";
import { fromRoot } from "../../paths.ts";
import {
  FunctionSchema,
  PopulationSchema,
  REQUESTERS,
  RequesterSchema,
} from "../directory/directory.schema.ts";
import { RulesDataError, type RulesFile } from "./routing.rules.ts";
import { CITIZENSHIP, EXPLOITATION, NEEDS, U_VISA_CRIMES, VISA, VISA_CATEGORIES } from "./routing.schema.ts";

/** Where the reviewed Spanish routing texts live, beside the English rules. */
export const RULES_ES_FILE = fromRoot("data", "routing", "rules.es.json");

const text = z.string().trim().min(1);
const id = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);

/**
 * A translation of every text a routing answer carries, keyed by id: rule id → reason, near misses by
 * near-miss id, deadlines by deadline id; questions by facts path. Conditions, ids, priorities and clocks
 * are not repeated: they are the English file's. `vocabulary` words the engine's own scope sentences.
 */
export const RulesTranslationSchema = z.strictObject({
  version: text,
  lang: z.literal("es"),
  rules: z.record(
    id,
    z.strictObject({
      reason: text,
      nearMisses: z.record(id, text).optional(),
      deadlines: z.record(id, z.strictObject({ startsWhen: text, text })).optional(),
    }),
  ),
  questions: z.record(
    z.string(),
    z.strictObject({
      question: text,
      /** Display options only (e.g. "yes", "under 18"); vocabulary values such as `us_citizen` stay as they are. */
      options: z.record(z.string(), text).optional(),
    }),
  ),
  vocabulary: z.strictObject({
    functions: z.record(FunctionSchema, text),
    populations: z.record(PopulationSchema, text),
    requesters: z.record(RequesterSchema, text),
    victim: z.strictObject({ foreignNational: text, usCitizen: text, lpr: text, minor: text, adult: text }),
  }),
});
export type RulesTranslation = z.infer<typeof RulesTranslationSchema>;

/** Question options that are API values (sent back as facts), not words to translate. */
const VALUE_OPTIONS: ReadonlySet<string> = new Set([
  ...CITIZENSHIP,
  ...VISA,
  ...VISA_CATEGORIES,
  ...U_VISA_CRIMES,
  ...EXPLOITATION,
  ...NEEDS,
  ...REQUESTERS,
]);
/** Whether a question option is display text (translated) rather than an API value (kept). */
export const isDisplayOption = (option: string) => !VALUE_OPTIONS.has(option);

/** Every key a translation must give for these rules, with the English text it translates. */
export function translatableKeys(file: RulesFile): Array<{ key: string; english: string }> {
  const keys: Array<{ key: string; english: string }> = [];
  for (const r of file.rules) {
    keys.push({ key: `rules.${r.id}.reason`, english: r.reason });
    for (const n of r.nearMisses ?? [])
      keys.push({ key: `rules.${r.id}.nearMisses.${n.id}`, english: n.reason });
    for (const d of r.deadlines ?? []) {
      keys.push({ key: `rules.${r.id}.deadlines.${d.id}.text`, english: d.text });
      keys.push({ key: `rules.${r.id}.deadlines.${d.id}.startsWhen`, english: d.startsWhen });
    }
  }
  for (const [path, q] of Object.entries(file.questions)) {
    keys.push({ key: `questions.${path}.question`, english: q.question });
    for (const o of q.options.filter(isDisplayOption))
      keys.push({ key: `questions.${path}.options.${o}`, english: o });
  }
  return keys;
}

/** The translation's text for a key of `translatableKeys`, or undefined. */
export function translatedText(tr: RulesTranslation, key: string): string | undefined {
  const [top, owner, field, sub, leaf] = splitKey(key);
  if (top === "rules") {
    const r = tr.rules[owner];
    if (field === "reason") return r?.reason;
    if (field === "nearMisses") return r?.nearMisses?.[sub!];
    if (field === "deadlines") return r?.deadlines?.[sub!]?.[leaf as "text" | "startsWhen"];
    return undefined;
  }
  const q = tr.questions[owner];
  return field === "question" ? q?.question : q?.options?.[sub!];
}

// Facts paths contain dots ("victim.age") and options spaces, so keys are split by their known shape.
function splitKey(key: string): [string, string, string, string?, string?] {
  if (key.startsWith("rules.")) {
    const [, owner = "", field = "", sub, leaf] = key.split(".");
    return ["rules", owner, field, sub, leaf];
  }
  const rest = key.slice("questions.".length);
  const m = /^(.*)\.(question|options)(?:\.(.*))?$/.exec(rest);
  return ["questions", m?.[1] ?? "", m?.[2] ?? "", m?.[3]];
}

/** Keys a translation lacks (`missing`) and keys naming no rule, near miss, deadline or question (`unknown`). */
export function checkRulesTranslation(file: RulesFile, tr: RulesTranslation) {
  const wanted = translatableKeys(file).map((k) => k.key);
  const missing = wanted.filter((k) => !translatedText(tr, k));
  const given = [
    ...Object.entries(tr.rules).flatMap(([rid, r]) => [
      `rules.${rid}.reason`,
      ...Object.keys(r.nearMisses ?? {}).map((n) => `rules.${rid}.nearMisses.${n}`),
      ...Object.keys(r.deadlines ?? {}).flatMap((d) => [
        `rules.${rid}.deadlines.${d}.text`,
        `rules.${rid}.deadlines.${d}.startsWhen`,
      ]),
    ]),
    ...Object.entries(tr.questions).flatMap(([path, q]) => [
      `questions.${path}.question`,
      ...Object.keys(q.options ?? {}).map((o) => `questions.${path}.options.${o}`),
    ]),
  ];
  const known = new Set(wanted);
  return { missing, unknown: given.filter((k) => !known.has(k)) };
}

/** Validates a translation against its schema and the rules; throws RulesDataError naming the keys. */
export function parseRulesTranslation(raw: unknown, file: RulesFile): RulesTranslation {
  const parsed = RulesTranslationSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new RulesDataError(
      `Invalid routing translation: field ${issue.path.join(".") || "(file)"}: ${issue.message}`,
    );
  }
  const { missing, unknown } = checkRulesTranslation(file, parsed.data);
  if (missing.length)
    throw new RulesDataError(`Routing translation (es) has no text for: ${missing.join(", ")}`);
  if (unknown.length)
    throw new RulesDataError(`Routing translation (es) names nothing in the rules: ${unknown.join(", ")}`);
  return parsed.data;
}

/** Reads and validates a translation file (default: `data/routing/rules.es.json`). */
export function loadRulesTranslation(file: RulesFile, path: string = RULES_ES_FILE): RulesTranslation {
  return parseRulesTranslation(JSON.parse(readFileSync(path, "utf8")), file);
}

/**
 * The rules with every text replaced by the translation's: same ids, conditions and order, so a router
 * compiled from it gives the same answers, worded in the other language. Done once, at load.
 */
export function localizeRules(file: RulesFile, tr: RulesTranslation): RulesFile {
  const t = (key: string, english: string) => translatedText(tr, key) ?? english;
  return {
    ...file,
    rules: file.rules.map((r) => ({
      ...r,
      reason: t(`rules.${r.id}.reason`, r.reason),
      ...(r.nearMisses && {
        nearMisses: r.nearMisses.map((n) => ({
          ...n,
          reason: t(`rules.${r.id}.nearMisses.${n.id}`, n.reason),
        })),
      }),
      ...(r.deadlines && {
        deadlines: r.deadlines.map((d) => ({
          ...d,
          text: t(`rules.${r.id}.deadlines.${d.id}.text`, d.text),
          startsWhen: t(`rules.${r.id}.deadlines.${d.id}.startsWhen`, d.startsWhen),
        })),
      }),
    })),
    questions: Object.fromEntries(
      Object.entries(file.questions).map(([path, q]) => [
        path,
        {
          question: t(`questions.${path}.question`, q.question),
          options: q.options.map((o) => (isDisplayOption(o) ? t(`questions.${path}.options.${o}`, o) : o)),
        },
      ]),
    ),
  };
}
