import { createContext, useContext } from "react";
import { useTranslation } from "react-i18next";
import type { PersonView } from "../records/api.ts";
import type { AdjudicationView, ChargeView } from "./api.ts";

/** What the kinds' fields and columns refer to: the case's persons, its charges and adjudications. */
export interface FactsData {
  persons: PersonView[];
  charges: ChargeView[];
  adjudications: AdjudicationView[];
}

export const FactsContext = createContext<FactsData>({ persons: [], charges: [], adjudications: [] });

/** Sentences follow these outcomes only (the API's rule, said before the user picks). */
export const CONVICTIONS: readonly string[] = ["convicted", "pleaded_guilty"];

/** Names of the things facts point at, in the reader's language. */
export function useLabels() {
  const { t, i18n } = useTranslation("facts");
  const data = useContext(FactsContext);
  const regions = new Intl.DisplayNames([i18n.language || "en"], { type: "region" });

  const person = (id: string | null): string => {
    if (!id) return t("identifiers.noPerson");
    const p = data.persons.find((x) => x.id === id);
    if (!p) return t("labels.unknownPerson");
    const name = [p.givenName, p.familyName].filter(Boolean).join(" ");
    if (name) return name;
    const sameRole = data.persons.filter((x) => x.role === p.role);
    return t("labels.personByRole", {
      role: t(`records:roles.${p.role}`),
      n: sameRole.findIndex((x) => x.id === p.id) + 1,
    });
  };
  const charge = (id: string): string => {
    const c = data.charges.find((x) => x.id === id);
    return c
      ? t("labels.charge", { statute: c.statute, nibrs: c.nibrsCode, person: person(c.personId) })
      : id;
  };
  const adjudication = (id: string): string => {
    const a = data.adjudications.find((x) => x.id === id);
    return a
      ? t("labels.adjudication", { charge: charge(a.chargeId), outcome: t(`outcomes.${a.outcome}`) })
      : id;
  };
  const country = (code: string | null): string => (code ? (regions.of(code) ?? code) : "");
  return {
    person,
    charge,
    adjudication,
    country,
    suspects: data.persons.filter((p) => p.role === "suspect"),
    persons: data.persons,
    liveCharges: data.charges.filter((c) => !c.voidedAt),
    convictions: data.adjudications.filter((a) => !a.voidedAt && CONVICTIONS.includes(a.outcome)),
  };
}
