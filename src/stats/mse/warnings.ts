import type { DroppedList } from "./capture-table.ts";

/**
 * The literature's failure modes, each found in the data or the fit and reported with what it means. The code is
 * for programs; the message, in English or Spanish, for people.
 */
export type MseWarning =
  | { readonly code: "empty-cells-fitted"; readonly empty: number; readonly observable: number }
  | {
      readonly code: "non-overlapping-lists";
      readonly pairs: readonly string[];
      readonly inModel: readonly string[];
    }
  | {
      readonly code: "sparse-cells";
      readonly empty: number;
      readonly small: number;
      readonly observable: number;
    }
  | { readonly code: "exploding-estimate"; readonly ratio: number }
  | { readonly code: "wide-interval"; readonly upperToEstimate: number }
  | { readonly code: "unbounded-interval" }
  | { readonly code: "lists-dropped"; readonly dropped: readonly DroppedList[] }
  | { readonly code: "two-lists" }
  | { readonly code: "model-uncertainty"; readonly selection: string }
  | { readonly code: "bootstrap-failures"; readonly failed: number; readonly replicates: number };

export type MseLang = "en" | "es";

const list = (items: readonly string[]) => items.join(", ");

const reasonText = (d: DroppedList, lang: MseLang): string => {
  if (d.reason === "empty") return lang === "es" ? `${d.list} (vacía)` : `${d.list} (empty)`;
  if (d.reason === "everyone")
    return lang === "es" ? `${d.list} (contiene a todas las personas)` : `${d.list} (holds everyone)`;
  return lang === "es" ? `${d.list} (igual que ${d.sameAs})` : `${d.list} (same as ${d.sameAs})`;
};

export function warningMessage(w: MseWarning, lang: MseLang = "en"): string {
  const es = lang === "es";
  switch (w.code) {
    case "empty-cells-fitted":
      return es
        ? `${w.empty} de las ${w.observable} historias de captura observables no tienen a nadie; se ajustan como ceros observados (el modelo usa todas las celdas observables, no solo las filas con personas).`
        : `${w.empty} of the ${w.observable} observable capture histories have nobody; they are fitted as observed zeros (the model uses every observable cell, not only the rows with people).`;
    case "non-overlapping-lists":
      return es
        ? `Listas sin nadie en común: ${list(w.pairs)}. ${w.inModel.length > 0 ? `En el modelo, ${list(w.inModel)} tienen estimación −∞ (máxima verosimilitud extendida): las historias con ambas listas son ceros estructurales.` : "Ninguna de esas interacciones está en el modelo."} Con listas que no se solapan, la estimación depende mucho del modelo.`
        : `Lists that share nobody: ${list(w.pairs)}. ${w.inModel.length > 0 ? `In the model, ${list(w.inModel)} are estimated at −∞ (extended maximum likelihood): histories with both lists are structural zeros.` : "None of these interactions is in the model."} With non-overlapping lists the estimate depends heavily on the model.`;
    case "sparse-cells":
      return es
        ? `Datos dispersos: ${w.empty} de ${w.observable} celdas observables están vacías y ${w.small} tienen menos de 5 personas. La estimación descansa en pocos solapamientos.`
        : `Sparse data: ${w.empty} of ${w.observable} observable cells are empty and ${w.small} hold fewer than 5 people. The estimate rests on few overlaps.`;
    case "exploding-estimate":
      return es
        ? `La cifra no observada estimada es ${w.ratio.toFixed(1)} veces la observada: una estimación que se dispara suele indicar un modelo que los datos no sostienen.`
        : `The estimated unobserved count is ${w.ratio.toFixed(1)} times the observed: an estimate this large usually means a model the data cannot support.`;
    case "wide-interval":
      return es
        ? `El límite superior del intervalo es ${w.upperToEstimate.toFixed(1)} veces la estimación: los datos apenas acotan la población.`
        : `The interval's upper limit is ${w.upperToEstimate.toFixed(1)} times the estimate: the data barely bound the population.`;
    case "unbounded-interval":
      return es
        ? "Los datos no ponen un límite superior finito a la población (el intervalo queda abierto por arriba)."
        : "The data put no finite upper limit on the population (the interval is open above).";
    case "lists-dropped":
      return es
        ? `Listas descartadas por no aportar información: ${list(w.dropped.map((d) => reasonText(d, lang)))}.`
        : `Lists left out because they carry no information: ${list(w.dropped.map((d) => reasonText(d, lang)))}.`;
    case "two-lists":
      return es
        ? "Con dos listas solo cabe el modelo de independencia, y su supuesto no se puede contrastar con los datos."
        : "With two lists only the independence model can be fitted, and its assumption cannot be tested from the data.";
    case "model-uncertainty":
      return es
        ? `El intervalo da por conocido el modelo elegido (${w.selection}); un intervalo bootstrap (BCa o paramétrico) tiene en cuenta también la elección del modelo.`
        : `The interval takes the chosen model (${w.selection}) as known; a bootstrap interval (BCa or parametric) also allows for the choice of model.`;
    case "bootstrap-failures":
      return es
        ? `${w.failed} de ${w.replicates} réplicas bootstrap no admitían estimación y se omitieron.`
        : `${w.failed} of ${w.replicates} bootstrap replicates admitted no estimate and were left out.`;
  }
}
