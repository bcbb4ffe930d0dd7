import { type FormEvent, useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { usePageTitle } from "../../components/usePageTitle.ts";
import { type PersonView, recordsApi } from "./api.ts";
import { caseworkApi } from "./casework.api.ts";
import { CheckboxesField, InputField, SelectField } from "./FormFields.tsx";
import {
  CHOICE_FIELDS,
  IDENTITY_FIELDS,
  LIST_FIELDS,
  type PersonDraft,
  personChanges,
  personDraftOf,
  personEditOf,
} from "./personDraft.ts";
import { Crumbs, ErrorAlert, SuccessAlert } from "./shared.tsx";
import { isStale, VersionConflict } from "./VersionConflict.tsx";

/** A person's attributes as CTDC/HTCDS count them, and (where visible) their identity; saved with If-Match. */
export function PersonEditPage() {
  const { t, i18n } = useTranslation("casework");
  const { id = "" } = useParams();
  const [person, setPerson] = useState<PersonView>();
  const [loaded, setLoaded] = useState<PersonDraft>();
  const [draft, setDraft] = useState<PersonDraft>();
  const [conflict, setConflict] = useState<(keyof PersonDraft)[]>();
  const [error, setError] = useState<unknown>();
  const [done, setDone] = useState<string>();
  usePageTitle(t("person.title"));
  useEffect(() => {
    recordsApi.getPerson(id).then((p) => {
      setPerson(p);
      setLoaded(personDraftOf(p));
      setDraft(personDraftOf(p));
    }, setError);
  }, [id]);
  const countries = useMemo(() => {
    try {
      return new Intl.DisplayNames([i18n.language], { type: "region" });
    } catch {
      return undefined;
    }
  }, [i18n.language]);

  // Countries are named by the browser in the reader's language; visa classes keep their legal names.
  const choiceLabel = (field: string, code: string) =>
    field === "citizenshipCountry"
      ? (countries?.of(code) ?? code)
      : field === "visaCategory" && !["other", "none", "unknown"].includes(code)
        ? code
        : t(`person.codes.${field}.${code}`);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!person || !draft || !loaded) return;
    setError(undefined);
    setDone(undefined);
    try {
      await caseworkApi.updatePerson(
        id,
        person.version,
        personEditOf(draft, loaded, !person.identityWithheld),
      );
      const fresh = await recordsApi.getPerson(id);
      setPerson(fresh);
      setLoaded(personDraftOf(fresh));
      setDraft(personDraftOf(fresh));
      setConflict(undefined);
      setDone(t("person.done"));
    } catch (e) {
      if (!isStale(e)) return setError(e);
      // Keep the user's changes (still measured from what they loaded), against the version now saved.
      const current = await recordsApi.getPerson(id);
      setPerson(current);
      const mine = new Set(personChanges(draft, loaded));
      setConflict(personChanges(draft, personDraftOf(current)).filter((k) => mine.has(k)));
    }
  }

  if (!person || !draft) return <ErrorAlert error={error} />;
  const set = <K extends keyof PersonDraft>(k: K, v: PersonDraft[K]) =>
    setDraft((d) => d && { ...d, [k]: v });
  const currentDraft = personDraftOf(person);
  const shownValue = (k: keyof PersonDraft) => {
    const v = currentDraft[k];
    if (Array.isArray(v)) return v.map((c) => t(`person.codes.${k}.${c}`)).join(", ");
    if (typeof v === "boolean") return v ? t("answers.yes") : t("answers.no");
    return k in CHOICE_FIELDS && v ? choiceLabel(k, v) : v;
  };
  return (
    <>
      <Crumbs caseId={person.caseId} current={t("person.title")} />
      <h1>{t("person.title")}</h1>
      <p>
        <Link to={`/cases/${person.caseId}`}>{t("person.back")}</Link>
      </p>
      <form className="usa-form usa-form--large" onSubmit={submit}>
        <ErrorAlert error={error} />
        <SuccessAlert text={done} />
        {conflict && (
          <VersionConflict
            version={person.version}
            fields={conflict.map((k) => ({ label: t(`person.fields.${k}`), current: shownValue(k) }))}
          />
        )}
        {person.identityWithheld ? (
          <p className="usa-hint">{t("person.identityWithheld")}</p>
        ) : (
          <fieldset className="usa-fieldset">
            <legend className="usa-legend usa-legend--large">{t("person.identity")}</legend>
            {IDENTITY_FIELDS.map((k) => (
              <InputField
                key={k}
                id={`person-edit-${k}`}
                type={k === "dateOfBirth" ? "date" : "text"}
                label={t(`person.fields.${k}`)}
                value={draft[k]}
                onChange={(v) => set(k, v)}
              />
            ))}
          </fieldset>
        )}
        <fieldset className="usa-fieldset margin-top-3">
          <legend className="usa-legend usa-legend--large">{t("person.attributes")}</legend>
          <p className="usa-hint">{t("person.attributesHint")}</p>
          {(Object.keys(CHOICE_FIELDS) as (keyof typeof CHOICE_FIELDS)[]).map((k) => (
            <SelectField
              key={k}
              id={`person-edit-${k}`}
              label={t(`person.fields.${k}`)}
              value={draft[k]}
              codes={CHOICE_FIELDS[k]}
              labelOf={(c) => choiceLabel(k, c)}
              onChange={(v) => set(k, v)}
              {...(k === "role" || k === "citizenship" ? {} : { empty: t("notRecorded") })}
            />
          ))}
          <InputField
            id="person-edit-ageAtExploitation"
            type="number"
            label={t("person.fields.ageAtExploitation")}
            value={draft.ageAtExploitation}
            onChange={(v) => set("ageAtExploitation", v)}
          />
          {(Object.keys(LIST_FIELDS) as (keyof typeof LIST_FIELDS)[]).map((k) => (
            <CheckboxesField
              key={k}
              id={`person-edit-${k}`}
              legend={t(`person.fields.${k}`)}
              values={draft[k]}
              codes={LIST_FIELDS[k]}
              labelOf={(c) => t(`person.codes.${k}.${c}`)}
              onChange={(v) => set(k, v)}
            />
          ))}
          <div className="usa-checkbox margin-top-2">
            <input
              className="usa-checkbox__input"
              id="person-edit-1367"
              type="checkbox"
              checked={draft.protected1367}
              onChange={(e) => set("protected1367", e.target.checked)}
            />
            <label className="usa-checkbox__label" htmlFor="person-edit-1367">
              {t("person.fields.protected1367")}
            </label>
          </div>
        </fieldset>
        <button className="usa-button margin-top-3" type="submit">
          {conflict ? t("edit.reapply") : t("person.submit")}
        </button>
      </form>
    </>
  );
}
