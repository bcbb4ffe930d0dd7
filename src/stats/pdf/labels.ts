import type { ReportName } from "../reports/reports.ts";

/**
 * The words of a report document (PDF), in English and Spanish. Category codes are shown as codes made
 * readable ("sex_and_labor" → "sex and labor"): they are fixed vocabularies, the same in both languages'
 * published HTRS tables, and the CSV carries the same codes.
 */
export type PdfLang = "en" | "es";

const REPORT_TITLES: Record<PdfLang, Record<ReportName, string>> = {
  en: {
    incidents: "Incidents",
    victims: "Victims",
    suspects: "Suspects and charges",
    hotline: "Incidents by state and victims by industry",
  },
  es: {
    incidents: "Incidentes",
    victims: "Víctimas",
    suspects: "Sospechosos y cargos",
    hotline: "Incidentes por estado y víctimas por industria",
  },
};

const TABLE_TITLES: Record<PdfLang, Record<string, string>> = {
  en: {
    incidents_by_type_confirmation: "Incidents by type of trafficking and confirmation",
    incidents_by_lead_agency: "Incidents by lead agency type",
    incidents_by_agency_count: "Incidents by number of agencies involved",
    victims_by_age: "Victims by age",
    victims_by_sex: "Victims by sex",
    victims_by_race: "Victims by race or ethnicity",
    victims_by_citizenship: "Victims by citizenship",
    foreign_victims_by_visa: "Foreign national victims by visa",
    suspects_by_sex: "Suspects by sex",
    suspects_by_age: "Suspects by age",
    suspects_by_race: "Suspects by race or ethnicity",
    suspects_by_arrest: "Suspects by arrest",
    charges_by_nibrs_jurisdiction: "Charges by NIBRS code and jurisdiction",
    charges_by_statute: "Charges by statute",
    adjudications_by_outcome: "Adjudications by outcome",
    sentences_by_prison_term: "Sentences by prison term",
    incidents_by_state: "Incidents by state",
    victims_by_industry_type: "Victims by industry and type of trafficking",
    victims_by_means_of_control: "Victims by means of control (a victim may be counted more than once)",
  },
  es: {
    incidents_by_type_confirmation: "Incidentes por tipo de trata y confirmación",
    incidents_by_lead_agency: "Incidentes por tipo de agencia principal",
    incidents_by_agency_count: "Incidentes por número de agencias participantes",
    victims_by_age: "Víctimas por edad",
    victims_by_sex: "Víctimas por sexo",
    victims_by_race: "Víctimas por raza u origen étnico",
    victims_by_citizenship: "Víctimas por ciudadanía",
    foreign_victims_by_visa: "Víctimas extranjeras por visa",
    suspects_by_sex: "Sospechosos por sexo",
    suspects_by_age: "Sospechosos por edad",
    suspects_by_race: "Sospechosos por raza u origen étnico",
    suspects_by_arrest: "Sospechosos por arresto",
    charges_by_nibrs_jurisdiction: "Cargos por código NIBRS y jurisdicción",
    charges_by_statute: "Cargos por ley",
    adjudications_by_outcome: "Resoluciones por resultado",
    sentences_by_prison_term: "Sentencias por tiempo de prisión",
    incidents_by_state: "Incidentes por estado",
    victims_by_industry_type: "Víctimas por industria y tipo de trata",
    victims_by_means_of_control: "Víctimas por medio de control (una víctima puede contarse más de una vez)",
  },
};

const WORDS = {
  en: {
    document: (report: string) => `Harbor statistics: ${report}`,
    period: (from?: string, to?: string) =>
      from || to ? `Period: ${from ?? "the beginning"} to ${to ?? "today"}.` : "Period: all dates.",
    protection: (n: number) =>
      `Counts from 1 to ${n - 1} are suppressed, and so is any other count from which one could be worked out. Zeros are shown.`,
    category: "Category",
    total: "Total",
    primary: (n: number) => `suppressed (fewer than ${n})`,
    complementary: (n: number) => `suppressed (protects a count fewer than ${n})`,
    notesHeading: "Suppressed cells",
    noSuppressed: "No cell of this table is suppressed.",
    note: (cell: string, text: string) => `${cell}: ${text}.`,
    chartAlt: (title: string, parts: string) => `Bar chart, ${title}. ${parts}`,
    chartPart: (label: string, value: string) => `${label}: ${value}`,
  },
  es: {
    document: (report: string) => `Estadísticas de Harbor: ${report}`,
    period: (from?: string, to?: string) =>
      from || to ? `Período: de ${from ?? "el principio"} a ${to ?? "hoy"}.` : "Período: todas las fechas.",
    protection: (n: number) =>
      `Se suprimen los recuentos de 1 a ${n - 1}, y cualquier otro recuento a partir del cual se pudiera calcular uno de ellos. Los ceros se muestran.`,
    category: "Categoría",
    total: "Total",
    primary: (n: number) => `suprimido (menos de ${n})`,
    complementary: (n: number) => `suprimido (protege un recuento de menos de ${n})`,
    notesHeading: "Celdas suprimidas",
    noSuppressed: "Ninguna celda de esta tabla está suprimida.",
    note: (cell: string, text: string) => `${cell}: ${text}.`,
    chartAlt: (title: string, parts: string) => `Gráfico de barras, ${title}. ${parts}`,
    chartPart: (label: string, value: string) => `${label}: ${value}`,
  },
} as const;

export function pdfWords(lang: PdfLang) {
  return {
    ...WORDS[lang],
    reportTitle: (name: ReportName) => REPORT_TITLES[lang][name],
    tableTitle: (id: string) => TABLE_TITLES[lang][id] ?? readable(id),
  };
}

/** A code made readable: underscores to spaces; "total" in the document's language. */
export function readable(code: string, lang: PdfLang = "en"): string {
  if (code === "total") return WORDS[lang].total;
  return code.replaceAll("_", " ");
}
