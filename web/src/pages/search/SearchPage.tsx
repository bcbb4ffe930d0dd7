import { type FormEvent, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { usePageTitle } from "../../components/usePageTitle.ts";
import { ErrorAlert } from "../records/shared.tsx";
import { type SavedSearch, type SearchResult, searchApi } from "./api.ts";

const FILTERS = ["q", "status", "from", "to"] as const;

/** Case search: the filters live in the URL (shareable; the back button returns to the last search). */
export function SearchPage() {
  const { t } = useTranslation("search");
  usePageTitle(t("title"));
  const [params, setParams] = useSearchParams();
  const [result, setResult] = useState<SearchResult | undefined>();
  const [error, setError] = useState<unknown>();
  const [saved, setSaved] = useState<SavedSearch[]>([]);
  const [name, setName] = useState("");
  const [saveError, setSaveError] = useState<unknown>();
  const key = params.toString();

  useEffect(() => {
    setError(undefined);
    if (!key) return setResult(undefined);
    searchApi.search(new URLSearchParams(key)).then(setResult, setError);
  }, [key]);
  useEffect(() => {
    searchApi.listSaved().then((r) => setSaved(r.savedSearches), setSaveError);
  }, []);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next = new URLSearchParams();
    for (const f of FILTERS) {
      const v = String(form.get(f) ?? "").trim();
      if (v) next.set(f, v);
    }
    setParams(next);
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    setSaveError(undefined);
    try {
      const query = new URLSearchParams(key);
      query.delete("page");
      await searchApi.save(name, query.toString());
      setName("");
      setSaved((await searchApi.listSaved()).savedSearches);
    } catch (e) {
      setSaveError(e);
    }
  }

  const page = Number(params.get("page") ?? "1");
  const goTo = (p: number) => {
    const next = new URLSearchParams(key);
    next.set("page", String(p));
    setParams(next);
  };

  return (
    <>
      <h1>{t("title")}</h1>
      <p className="usa-intro">{t("intro")}</p>
      <form className="usa-form usa-form--large" onSubmit={submit} key={key}>
        <label className="usa-label" htmlFor="search-q">
          {t("words")}
        </label>
        <span className="usa-hint" id="search-q-hint">
          {t("wordsHint")}
        </span>
        <input
          className="usa-input"
          id="search-q"
          name="q"
          type="search"
          maxLength={200}
          aria-describedby="search-q-hint"
          defaultValue={params.get("q") ?? ""}
        />
        <label className="usa-label" htmlFor="search-status">
          {t("status")}
        </label>
        <select
          className="usa-select"
          id="search-status"
          name="status"
          defaultValue={params.get("status") ?? ""}
        >
          <option value="">{t("any")}</option>
          <option value="open">{t("statusOpen")}</option>
          <option value="closed">{t("statusClosed")}</option>
        </select>
        <label className="usa-label" htmlFor="search-from">
          {t("from")}
        </label>
        <input
          className="usa-input"
          id="search-from"
          name="from"
          type="date"
          defaultValue={params.get("from") ?? ""}
        />
        <label className="usa-label" htmlFor="search-to">
          {t("to")}
        </label>
        <input
          className="usa-input"
          id="search-to"
          name="to"
          type="date"
          defaultValue={params.get("to") ?? ""}
        />
        <button className="usa-button margin-top-2" type="submit">
          {t("search")}
        </button>
      </form>
      <ErrorAlert error={error} />
      <div aria-live="polite">
        {result && result.cases.length === 0 && <p>{t("none")}</p>}
        {result && result.cases.length > 0 && (
          <table className="usa-table usa-table--borderless width-full">
            <caption className="usa-sr-only">{t("results")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("columns.title")}</th>
                <th scope="col">{t("columns.status")}</th>
                <th scope="col">{t("columns.opened")}</th>
              </tr>
            </thead>
            <tbody>
              {result.cases.map((c) => (
                <tr key={c.id}>
                  <th scope="row">
                    <Link to={`/cases/${c.id}`}>{c.title}</Link>
                  </th>
                  <td>{c.status === "open" ? t("statusOpen") : t("statusClosed")}</td>
                  <td>{new Date(c.createdAt).toLocaleDateString()}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      {result && (page > 1 || result.hasMore) && (
        <nav aria-label={t("pages")} className="margin-y-2">
          {page > 1 && (
            <button type="button" className="usa-button usa-button--outline" onClick={() => goTo(page - 1)}>
              {t("previous")}
            </button>
          )}
          {result.hasMore && (
            <button type="button" className="usa-button usa-button--outline" onClick={() => goTo(page + 1)}>
              {t("next")}
            </button>
          )}
        </nav>
      )}
      <h2>{t("saved")}</h2>
      <ErrorAlert error={saveError} />
      {saved.length === 0 ? (
        <p>{t("noSaved")}</p>
      ) : (
        <ul className="usa-list">
          {saved.map((s) => (
            <li key={s.id}>
              <Link to={`/search?${s.query}`}>{s.name}</Link>
            </li>
          ))}
        </ul>
      )}
      {key && (
        <form className="usa-form" onSubmit={save}>
          <label className="usa-label" htmlFor="saved-name">
            {t("saveName")}
          </label>
          <input
            className="usa-input"
            id="saved-name"
            required
            maxLength={100}
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
          <button className="usa-button margin-top-2" type="submit">
            {t("save")}
          </button>
        </form>
      )}
    </>
  );
}
