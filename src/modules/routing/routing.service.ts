import { defaultCatalog } from "../directory/directory.catalog.ts";
import { directoryTranslation } from "../directory/directory.i18n.ts";
import type { Lang } from "../directory/directory.lang.ts";
import { compileRouter, type Router } from "./routing.engine.ts";
import { loadRulesTranslation, localizeRules } from "./routing.i18n.ts";
import { loadRules } from "./routing.rules.ts";
import type { Answer, Facts } from "./routing.schema.ts";
import { spanishWording } from "./routing.wording.ts";

let routers: Readonly<Record<Lang, Router>> | undefined;

/**
 * One router per language over the repository's rules and directory, compiled once per process (pure: no
 * store). Both are built together, so a missing or stale Spanish text fails the first use (start-up
 * compiles them) rather than one language at request time. Translation is precomputed here: evaluation in
 * Spanish costs what it costs in English.
 */
export function defaultRouter(lang: Lang = "en"): Router {
  if (!routers) {
    const rules = loadRules();
    const catalog = defaultCatalog();
    const es = loadRulesTranslation(rules);
    routers = {
      en: compileRouter(rules, catalog),
      es: compileRouter(localizeRules(rules, es), catalog, {
        wording: spanishWording(es.vocabulary),
        localNames: directoryTranslation("es")?.names,
      }),
    };
  }
  return routers[lang];
}

/** Evaluates validated facts with the repository's rules, worded in `lang`. Nothing is stored. */
export function evaluateFacts(facts: Facts, lang: Lang = "en"): Answer {
  return defaultRouter(lang).evaluate(facts);
}
