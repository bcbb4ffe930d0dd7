import { type FormEvent, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { usePageTitle } from "../../components/usePageTitle.ts";
import { type AnswerLang, answerLang, type DirectoryQuery, type EntryView, fetchDirectory } from "./api.ts";
import { SourceList } from "./SourceList.tsx";
import { CRIME_TYPES, FUNCTIONS, POPULATIONS } from "./vocabulary.ts";

const EMPTY: DirectoryQuery = { q: "", function: "", population: "", crimeType: "" };

/**
 * One entry: what it does, whom it serves, contacts and notes, each with its sources. `lang` is the
 * language the API wrote the entry's prose in; official names and source quotes are always English.
 */
function Entry({ entry, lang }: { entry: EntryView; lang: AnswerLang }) {
  const { t } = useTranslation("directory");
  const abbr =
    entry.abbreviation && !entry.name.includes(`(${entry.abbreviation})`) ? ` (${entry.abbreviation})` : "";
  const headingId = `entry-${entry.id}`;
  return (
    <li className="usa-card margin-bottom-2" aria-labelledby={headingId}>
      <div className="usa-card__container">
        <div className="usa-card__header">
          <h2 className="usa-card__heading" id={headingId} lang="en">
            {entry.name}
            {abbr}
          </h2>
          {entry.localName && <p className="margin-0 text-italic">{entry.localName}</p>}
          <p className="margin-0 text-base-dark">
            {t(`kind.${entry.kind}`)}
            {entry.parent && (
              <>
                {" · "}
                {t("page.partOf")} <span lang="en">{entry.parent.id}</span>
              </>
            )}
          </p>
        </div>
        <div className="usa-card__body">
          <h3 className="font-sans-xs margin-bottom-05">{t("page.does")}</h3>
          <ul className="usa-list">
            {entry.functions.map((f) => (
              <li key={f.value}>
                <strong>{t(`function.${f.value}`)}</strong>: <span lang={lang}>{f.detail}</span>
              </li>
            ))}
          </ul>
          <p className="margin-y-1">
            <strong>{t("page.serves")}</strong>{" "}
            {entry.populations.map((p) => t(`population.${p.value}`)).join(", ")}
            {entry.crimeTypes.length > 0 && (
              <>
                <br />
                <strong>{t("page.crimes")}</strong>{" "}
                {entry.crimeTypes.map((c) => t(`crimeType.${c.value}`)).join(", ")}
              </>
            )}
          </p>
          {entry.contacts.length > 0 && (
            <p className="margin-y-1">
              <strong>{t("page.contact")}:</strong>{" "}
              {entry.contacts.map((c) => (
                <span key={c.id} lang={lang}>
                  {c.label}: {c.type === "phone" ? <a href={`tel:${c.value}`}>{c.value}</a> : c.value}{" "}
                </span>
              ))}
            </p>
          )}
          {entry.notes.length > 0 && (
            <ul className="usa-list" aria-label={t("page.notes")}>
              {entry.notes.map((n) => (
                <li key={n.id} lang={lang}>
                  {n.text}
                </li>
              ))}
            </ul>
          )}
          <SourceList
            label={t("page.showSources", { name: entry.abbreviation ?? entry.name })}
            sources={[
              ...entry.nameSources,
              ...(entry.parent?.sources ?? []),
              ...entry.functions.flatMap((f) => f.sources),
              ...entry.populations.flatMap((p) => p.sources),
              ...entry.contacts.flatMap((c) => c.sources),
              ...entry.notes.flatMap((n) => n.sources),
            ].filter((s, i, all) => all.findIndex((o) => JSON.stringify(o) === JSON.stringify(s)) === i)}
          />
        </div>
      </div>
    </li>
  );
}

function Select(props: {
  id: keyof DirectoryQuery;
  values: readonly string[];
  prefix: string;
  query: DirectoryQuery;
  set: (q: DirectoryQuery) => void;
}) {
  const { t } = useTranslation("directory");
  return (
    <div className="tablet:grid-col-4 padding-right-1">
      <label className="usa-label" htmlFor={`filter-${props.id}`}>
        {t(`page.${props.id}`)}
      </label>
      <select
        className="usa-select"
        id={`filter-${props.id}`}
        value={props.query[props.id]}
        onChange={(e) => props.set({ ...props.query, [props.id]: e.target.value })}
      >
        <option value="">{t("page.all")}</option>
        {props.values.map((v) => (
          <option key={v} value={v}>
            {t(`${props.prefix}.${v}`)}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The public directory: search, filters by function, population and crime type, each entry with sources. */
export function DirectoryPage() {
  const { t, i18n } = useTranslation("directory");
  usePageTitle(t("page.title"));
  const lang = answerLang(i18n.resolvedLanguage ?? i18n.language);
  const [draft, setDraft] = useState(EMPTY);
  const [query, setQuery] = useState(EMPTY);
  const [state, setState] = useState<{ entries?: EntryView[]; lang?: AnswerLang; error?: boolean }>({});

  // Re-requested when the language switches: the entries' prose comes from the API in that language.
  useEffect(() => {
    const controller = new AbortController();
    setState((s) => ({ entries: s.entries, lang: s.lang }));
    fetchDirectory(query, lang, controller.signal)
      .then((r) => setState({ entries: r.entries, lang }))
      .catch((e: unknown) => {
        if (!controller.signal.aborted) setState({ error: Boolean(e) });
      });
    return () => controller.abort();
  }, [query, lang]);

  // Filters apply at once; the text applies on submit, so each keystroke does not reload the list.
  const setFilters = (q: DirectoryQuery) => {
    setDraft(q);
    setQuery({ ...q, q: query.q });
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setQuery(draft);
  };

  return (
    <>
      <h1>{t("page.title")}</h1>
      <p className="usa-intro">{t("page.intro")}</p>
      {t("page.dataNote") && <p>{t("page.dataNote")}</p>}
      <form className="usa-form maxw-full" onSubmit={submit}>
        <label className="usa-label" htmlFor="directory-q">
          {t("page.searchLabel")}
        </label>
        <div className="display-flex">
          <input
            className="usa-input maxw-mobile-lg"
            id="directory-q"
            type="search"
            value={draft.q}
            onChange={(e) => setDraft({ ...draft, q: e.target.value })}
          />
          <button className="usa-button margin-left-1 margin-top-1" type="submit">
            {t("page.search")}
          </button>
        </div>
        <fieldset className="usa-fieldset margin-top-2">
          <legend className="usa-legend">{t("page.filters")}</legend>
          <div className="grid-row">
            <Select id="function" values={FUNCTIONS} prefix="function" query={draft} set={setFilters} />
            <Select id="population" values={POPULATIONS} prefix="population" query={draft} set={setFilters} />
            <Select id="crimeType" values={CRIME_TYPES} prefix="crimeType" query={draft} set={setFilters} />
          </div>
          <button
            className="usa-button usa-button--unstyled margin-top-1"
            type="button"
            onClick={() => {
              setDraft(EMPTY);
              setQuery(EMPTY);
            }}
          >
            {t("page.clear")}
          </button>
        </fieldset>
      </form>
      <p role="status" aria-live="polite" className="margin-y-2 text-bold">
        {state.error
          ? t("page.error")
          : state.entries
            ? t("page.count", { count: state.entries.length })
            : t("page.loading")}
      </p>
      {state.entries && state.entries.length === 0 && <p>{t("page.none")}</p>}
      <ul className="usa-card-group display-block padding-0">
        {state.entries?.map((e) => (
          <Entry key={e.id} entry={e} lang={state.lang ?? "en"} />
        ))}
      </ul>
    </>
  );
}
