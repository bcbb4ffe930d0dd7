import { useTranslation } from "react-i18next";
import type { Answer, AnswerLang } from "./api.ts";
import { SourceList } from "./SourceList.tsx";

const TAG: Record<string, string> = {
  required: "bg-secondary-dark",
  recommended: "bg-primary",
  optional: "bg-base-dark",
};

/** An official (English) name, followed by its local rendering where the API gives one. */
function OrgName({ name, local }: { name: string; local?: string | undefined }) {
  return (
    <>
      <span lang="en">{name}</span>
      {local && <> ({local})</>}
    </>
  );
}

/**
 * The routing answer in plain language: who can help and why, deadlines, near misses, what to ask next.
 * `lang` is the language the API wrote the answer's texts in (official names and sources stay English).
 */
export function NavigatorResults(props: {
  answer: Answer;
  lang: AnswerLang;
  onAnswer: (fact: string) => void;
}) {
  const { answer, lang, onAnswer } = props;
  const { t } = useTranslation("directory");
  return (
    <>
      {t("navigator.results.sourcesInEnglish") && <p>{t("navigator.results.sourcesInEnglish")}</p>}
      {answer.recommendations.length === 0 && <p>{t("navigator.results.none")}</p>}
      <ul className="usa-list usa-list--unstyled">
        {answer.recommendations.map((r) => (
          <li
            key={`${r.orgId}-${r.action}`}
            className="border-left-05 border-primary padding-left-2 margin-bottom-3"
          >
            <h3 className="margin-y-05">
              <span className={`usa-tag ${TAG[r.priority]} margin-right-1`}>
                {t(`navigator.results.priority.${r.priority}`)}
              </span>
              <OrgName name={r.orgName} local={r.orgLocalName} />: {t(`function.${r.action}`)}
            </h3>
            <p className="margin-y-05" lang={lang}>
              {r.reason}
            </p>
            <SourceList label={t("page.showSources", { name: r.orgName })} sources={r.sources} />
          </li>
        ))}
      </ul>
      {answer.deadlines.length > 0 && (
        <section aria-labelledby="deadlines-heading">
          <h3 id="deadlines-heading">{t("navigator.results.deadlines")}</h3>
          <ul className="usa-list">
            {answer.deadlines.map((d) => (
              <li key={d.id}>
                <strong lang={lang}>{d.text}</strong>{" "}
                <span>
                  {t("navigator.results.startsWhen")} <span lang={lang}>{d.startsWhen}</span>
                </span>
                <SourceList label={t("page.sources")} sources={d.sources} />
              </li>
            ))}
          </ul>
        </section>
      )}
      {answer.notApplicable.length > 0 && (
        <section aria-labelledby="na-heading">
          <h3 id="na-heading">{t("navigator.results.notApplicable")}</h3>
          <ul className="usa-list">
            {answer.notApplicable.map((m) => (
              <li key={`${m.rule}-${m.reason}`}>
                <strong>
                  <OrgName name={m.orgName} local={m.orgLocalName} />
                </strong>{" "}
                ({t(`function.${m.action}`)}): <span lang={lang}>{m.reason}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      {answer.questions.length > 0 && (
        <section aria-labelledby="next-heading">
          <h3 id="next-heading">{t("navigator.results.askNext")}</h3>
          <p>{t("navigator.results.askNextIntro")}</p>
          <ol className="usa-list">
            {answer.questions.slice(0, 6).map((q) => (
              <li key={q.fact}>
                {t(`navigator.questions.${q.fact}`, { defaultValue: q.question })}{" "}
                <button
                  type="button"
                  className="usa-button usa-button--unstyled"
                  onClick={() => onAnswer(q.fact)}
                >
                  {t("navigator.results.answer")}
                  <span className="usa-sr-only">
                    : {t(`navigator.questions.${q.fact}`, { defaultValue: q.question })}
                  </span>
                </button>
              </li>
            ))}
          </ol>
        </section>
      )}
    </>
  );
}
