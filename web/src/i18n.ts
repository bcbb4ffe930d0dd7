import i18n from "i18next";
import { initReactI18next } from "react-i18next";
import enAttachments from "./locales/en/attachments.json";
import enAuth from "./locales/en/auth.json";
import enCasework from "./locales/en/casework.json";
import enCommon from "./locales/en/common.json";
import enDirectory from "./locales/en/directory.json";
import enFacts from "./locales/en/facts.json";
import enImports from "./locales/en/imports.json";
import enNotifications from "./locales/en/notifications.json";
import enPlan from "./locales/en/plan.json";
import enRecords from "./locales/en/records.json";
import enReferrals from "./locales/en/referrals.json";
import enRelief from "./locales/en/relief.json";
import enSearch from "./locales/en/search.json";
import enStats from "./locales/en/stats.json";
import enTips from "./locales/en/tips.json";
import enWork from "./locales/en/work.json";
import esAttachments from "./locales/es/attachments.json";
import esAuth from "./locales/es/auth.json";
import esCasework from "./locales/es/casework.json";
import esCommon from "./locales/es/common.json";
import esDirectory from "./locales/es/directory.json";
import esFacts from "./locales/es/facts.json";
import esImports from "./locales/es/imports.json";
import esNotifications from "./locales/es/notifications.json";
import esPlan from "./locales/es/plan.json";
import esRecords from "./locales/es/records.json";
import esReferrals from "./locales/es/referrals.json";
import esRelief from "./locales/es/relief.json";
import esSearch from "./locales/es/search.json";
import esStats from "./locales/es/stats.json";
import esTips from "./locales/es/tips.json";
import esWork from "./locales/es/work.json";

export const LANGUAGES = ["en", "es"] as const;
export type Language = (typeof LANGUAGES)[number];

/** Every visible string comes from these files; a module adds its namespace here. */
export const resources = {
  en: {
    common: enCommon,
    auth: enAuth,
    directory: enDirectory,
    records: enRecords,
    referrals: enReferrals,
    notifications: enNotifications,
    tips: enTips,
    work: enWork,
    search: enSearch,
    relief: enRelief,
    attachments: enAttachments,
    plan: enPlan,
    casework: enCasework,
    stats: enStats,
    facts: enFacts,
    imports: enImports,
  },
  es: {
    common: esCommon,
    auth: esAuth,
    directory: esDirectory,
    records: esRecords,
    referrals: esReferrals,
    notifications: esNotifications,
    tips: esTips,
    work: esWork,
    search: esSearch,
    relief: esRelief,
    attachments: esAttachments,
    plan: esPlan,
    casework: esCasework,
    stats: esStats,
    facts: esFacts,
    imports: esImports,
  },
} as const;

const stored = typeof localStorage !== "undefined" ? localStorage.getItem("harbor.lang") : null;
const initial: Language =
  stored === "es" || stored === "en" ? stored : navigator.language.startsWith("es") ? "es" : "en";

void i18n.use(initReactI18next).init({
  resources,
  lng: initial,
  fallbackLng: "en",
  defaultNS: "common",
  interpolation: { escapeValue: false },
});

/** Switches the language, remembers it, and keeps `<html lang>` right for screen readers. */
export function setLanguage(lang: Language): void {
  void i18n.changeLanguage(lang);
  localStorage.setItem("harbor.lang", lang);
}

i18n.on("languageChanged", (lang) => {
  document.documentElement.lang = lang;
});
document.documentElement.lang = initial;

export default i18n;
