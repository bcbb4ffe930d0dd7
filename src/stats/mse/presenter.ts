import type { MseEstimate } from "./estimate.ts";
import { type MseLang, warningMessage } from "./warnings.ts";

const round = (v: number, digits = 2) => Math.round(v * 10 ** digits) / 10 ** digits;
const roundPair = (p: readonly [number, number | null]) => [round(p[0]), p[1] === null ? null : round(p[1])];

/** The JSON form (CLI `--format json`, and later the API): rounded figures, warnings with their message. */
export function presentEstimate(e: MseEstimate, lang: MseLang = "en") {
  const m = e.model;
  return {
    observed: e.observed,
    estimate: round(e.estimate),
    ci95: roundPair(e.ci95),
    interval: e.interval,
    unobserved: round(e.unobserved),
    lists: e.lists,
    model: {
      selection: m.selection,
      ...(m.pThreshold !== undefined ? { pThreshold: m.pThreshold } : {}),
      terms: m.terms,
      interactions: m.interactions,
      infiniteInteractions: m.infiniteInteractions,
      parameters: m.parameters,
      deviance: round(m.deviance, 4),
      residualDf: m.residualDf,
      aic: round(m.aic, 4),
      bic: round(m.bic, 4),
      steps: m.steps.map((s) => ({
        ...s,
        ...(s.pValue !== undefined ? { pValue: Number(s.pValue.toPrecision(4)) } : {}),
        ...(s.criterion !== undefined ? { criterion: round(s.criterion, 4) } : {}),
      })),
    },
    intervals: {
      profileLikelihood: roundPair(e.intervals.profileLikelihood),
      logNormal: roundPair(e.intervals.logNormal),
      ...(e.intervals.bootstrap
        ? { bootstrap: { ...e.intervals.bootstrap, ci95: roundPair(e.intervals.bootstrap.ci95) } }
        : {}),
    },
    cells: e.cells,
    warnings: e.warnings.map((w) => ({ ...w, message: warningMessage(w, lang) })),
  };
}

const TEXT = {
  en: {
    title: "Multiple systems estimation",
    lists: "Lists",
    observed: "Observed",
    estimate: "Estimated total",
    unobserved: "of whom unobserved",
    interval: "95% interval",
    open: "no upper limit",
    method: {
      "profile-likelihood": "profile likelihood, model taken as known",
      "bca-bootstrap": "BCa bootstrap, model selection repeated",
      "parametric-bootstrap": "parametric bootstrap, model selection repeated",
    },
    model: "Model",
    selection: { independence: "independence", stepwise: "stepwise", aic: "AIC", bic: "BIC", fixed: "fixed" },
    mainOnly: "main effects only",
    minusInfinity: "at −∞ (lists share nobody)",
    fit: (dev: string, df: number) => `Fit: deviance ${dev} on ${df} degrees of freedom`,
    warnings: "Warnings",
  },
  es: {
    title: "Estimación por sistemas múltiples",
    lists: "Listas",
    observed: "Observadas",
    estimate: "Total estimado",
    unobserved: "de ellas no observadas",
    interval: "Intervalo del 95%",
    open: "sin límite superior",
    method: {
      "profile-likelihood": "verosimilitud perfil, con el modelo como conocido",
      "bca-bootstrap": "bootstrap BCa, repitiendo la selección del modelo",
      "parametric-bootstrap": "bootstrap paramétrico, repitiendo la selección del modelo",
    },
    model: "Modelo",
    selection: {
      independence: "independencia",
      stepwise: "por pasos",
      aic: "AIC",
      bic: "BIC",
      fixed: "fijo",
    },
    mainOnly: "solo efectos principales",
    minusInfinity: "en −∞ (las listas no comparten a nadie)",
    fit: (dev: string, df: number) => `Ajuste: devianza ${dev} con ${df} grados de libertad`,
    warnings: "Advertencias",
  },
} as const;

const whole = (v: number, lang: MseLang) => Math.round(v).toLocaleString(lang === "es" ? "es-US" : "en-US");

/** The readable form the CLI prints by default. */
export function renderText(e: MseEstimate, lang: MseLang = "en"): string {
  const t = TEXT[lang];
  const m = e.model;
  const upper = e.ci95[1] === null ? t.open : whole(e.ci95[1], lang);
  const threshold = m.pThreshold !== undefined ? ` (p < ${m.pThreshold})` : "";
  const lines = [
    t.title,
    `  ${t.lists}: ${e.lists.join(", ")}`,
    `  ${t.observed}: ${whole(e.observed, lang)}`,
    `  ${t.estimate}: ${whole(e.estimate, lang)} (${t.unobserved}: ${whole(e.unobserved, lang)})`,
    `  ${t.interval}: ${whole(e.ci95[0], lang)} – ${upper} (${t.method[e.interval]})`,
    `  ${t.model}: ${t.selection[m.selection]}${threshold}; ${m.interactions.length > 0 ? m.interactions.join(", ") : t.mainOnly}`,
  ];
  if (m.infiniteInteractions.length > 0)
    lines.push(`    ${m.infiniteInteractions.join(", ")} ${t.minusInfinity}`);
  lines.push(
    `  ${t.fit(m.deviance.toFixed(2), m.residualDf)}, AIC ${m.aic.toFixed(2)}, BIC ${m.bic.toFixed(2)}`,
  );
  if (e.warnings.length > 0) {
    lines.push(`  ${t.warnings}:`);
    for (const w of e.warnings) lines.push(`    - ${warningMessage(w, lang)}`);
  }
  return `${lines.join("\n")}\n`;
}
