import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { usePageTitle } from "../../components/usePageTitle.ts";
import { type CaseDetail, recordsApi } from "../records/api.ts";
import { Crumbs, ErrorAlert } from "../records/shared.tsx";
import { useAdjudicationsKind } from "./adjudications.tsx";
import {
  type AdjudicationView,
  type ArrestView,
  type ChargeView,
  type EventView,
  factsApi,
  type IdentifierView,
  type SentenceView,
} from "./api.ts";
import { useArrestsKind } from "./arrests.tsx";
import { useChargesKind } from "./charges.tsx";
import { useEventsKind } from "./events.tsx";
import { FactSection } from "./FactSection.tsx";
import { useIdentifiersKind } from "./identifiers.tsx";
import { CONVICTIONS, FactsContext } from "./labels.tsx";
import { useSentencesKind } from "./sentences.tsx";

const KINDS = ["events", "identifiers", "charges", "arrests", "adjudications", "sentences"] as const;

interface Facts {
  events: EventView[];
  identifiers: IdentifierView[];
  charges: ChargeView[];
  arrests: ArrestView[];
  adjudications: AdjudicationView[];
  sentences: SentenceView[];
}

async function loadFacts(caseId: string): Promise<Facts> {
  const [events, identifiers, charges, arrests, adjudications, sentences] = await Promise.all([
    factsApi.events.list(caseId),
    factsApi.identifiers.list(caseId),
    factsApi.charges.list(caseId),
    factsApi.arrests.list(caseId),
    factsApi.adjudications.list(caseId),
    factsApi.sentences.list(caseId),
  ]);
  return { events, identifiers, charges, arrests, adjudications, sentences };
}

/** The six sections, inside the page's FactsContext (their names of persons and charges come from it). */
function Sections({
  caseId,
  kase,
  facts,
  showVoided,
  reload,
}: {
  caseId: string;
  kase: CaseDetail;
  facts: Facts;
  showVoided: boolean;
  reload(): void;
}) {
  const { t } = useTranslation("facts");
  const kinds = {
    events: useEventsKind(),
    identifiers: useIdentifiersKind(),
    charges: useChargesKind(),
    arrests: useArrestsKind(),
    adjudications: useAdjudicationsKind(),
    sentences: useSentencesKind(),
  };
  const hasSuspect = kase.persons.some((p) => p.role === "suspect");
  const needsSuspect = hasSuspect ? undefined : (
    <>
      {t("page.needsSuspect")} <Link to={`/cases/${caseId}`}>{t("page.backToCase")}</Link>
    </>
  );
  const common = { caseId, showVoided, mayWork: kase.permissions.work, reload };
  return (
    <>
      <FactSection kind={kinds.events} rows={facts.events} {...common} />
      <FactSection kind={kinds.identifiers} rows={facts.identifiers} {...common} />
      <FactSection kind={kinds.charges} rows={facts.charges} blocked={needsSuspect} {...common} />
      <FactSection kind={kinds.arrests} rows={facts.arrests} blocked={needsSuspect} {...common} />
      <FactSection
        kind={kinds.adjudications}
        rows={facts.adjudications}
        blocked={facts.charges.some((c) => !c.voidedAt) ? undefined : t("page.needsCharge")}
        {...common}
      />
      <FactSection
        kind={kinds.sentences}
        rows={facts.sentences}
        blocked={
          facts.adjudications.some((a) => !a.voidedAt && CONVICTIONS.includes(a.outcome))
            ? undefined
            : t("page.needsConviction")
        }
        {...common}
      />
    </>
  );
}

/**
 * A case's facts, one section per kind: events, identifiers, charges, arrests, adjudications, sentences.
 * Each is listed, added, edited (If-Match) and voided with a reason; voided ones are kept and shown on
 * request. Every change reloads all six, since charges, adjudications and sentences refer to each other.
 */
export function FactsPage() {
  const { t } = useTranslation("facts");
  usePageTitle(t("page.title"));
  const { id = "" } = useParams();
  const [kase, setCase] = useState<CaseDetail>();
  const [facts, setFacts] = useState<Facts>();
  const [error, setError] = useState<unknown>();
  const [showVoided, setShowVoided] = useState(false);
  const load = useCallback(() => {
    loadFacts(id).then(setFacts, setError);
  }, [id]);
  useEffect(() => {
    recordsApi.getCase(id).then(setCase, setError);
    load();
  }, [id, load]);

  const mayWork = kase?.permissions.work ?? false;

  return (
    <>
      <Crumbs caseId={id} current={t("page.title")} />
      <h1>{t("page.title")}</h1>
      {kase && <p className="usa-intro">{t("page.intro", { title: kase.title })}</p>}
      <ErrorAlert error={error} />
      {!facts && !error && <p>{t("page.loading")}</p>}
      {kase && facts && (
        <FactsContext.Provider
          value={{ persons: kase.persons, charges: facts.charges, adjudications: facts.adjudications }}
        >
          {!mayWork && <p>{t("page.readOnly")}</p>}
          <nav aria-label={t("page.sections")}>
            <ul className="usa-list usa-list--unstyled display-flex flex-wrap">
              {KINDS.map((k) => (
                <li key={k} className="margin-right-3">
                  <a href={`#${k}-heading`}>{t(`${k}.heading`)}</a>
                </li>
              ))}
            </ul>
          </nav>
          <div className="usa-checkbox margin-y-2">
            <input
              className="usa-checkbox__input"
              id="facts-show-voided"
              type="checkbox"
              checked={showVoided}
              onChange={(e) => setShowVoided(e.target.checked)}
            />
            <label className="usa-checkbox__label" htmlFor="facts-show-voided">
              {t("page.showVoided")}
            </label>
          </div>
          <Sections caseId={id} kase={kase} facts={facts} showVoided={showVoided} reload={load} />
        </FactsContext.Provider>
      )}
    </>
  );
}
