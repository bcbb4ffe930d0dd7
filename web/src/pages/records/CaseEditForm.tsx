import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import {
  CITIZENSHIP,
  CONFIRMATIONS,
  COOPERATION,
  EXPLOITATION,
  LEAD_AGENCY_TYPES,
  TRAFFICKING_TYPES,
  US_STATES,
  VISA,
} from "../../vocabulary.ts";
import { type CaseDetail, recordsApi } from "./api.ts";
import { type CaseDraft, changedFields, draftOf, editOf } from "./caseDraft.ts";
import { type CaseRecord, caseworkApi } from "./casework.api.ts";
import { CheckboxesField, InputField, SelectField } from "./FormFields.tsx";
import { ErrorAlert, SuccessAlert } from "./shared.tsx";
import { isStale, VersionConflict } from "./VersionConflict.tsx";

const YES_NO = ["yes", "no", "unknown"] as const;

/**
 * Edits the case: title, narrative, the incident and the facts routing reads. Saved against the version
 * it was opened at; when someone saved first (412) the form keeps the user's changes, shows what is
 * saved now, and the next save applies them over that version.
 */
export function CaseEditForm({ kase, onSaved }: { kase: CaseDetail; onSaved: () => void }) {
  const { t } = useTranslation("casework");
  const [draft, setDraft] = useState<CaseDraft>(() => draftOf(kase));
  const [base, setBase] = useState<CaseRecord>(kase);
  const [conflict, setConflict] = useState<{ version: number; fields: (keyof CaseDraft)[] }>();
  const [error, setError] = useState<unknown>();
  const [done, setDone] = useState<string>();
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof CaseDraft>(k: K, v: CaseDraft[K]) => setDraft((d) => ({ ...d, [k]: v }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(undefined);
    setDone(undefined);
    setBusy(true);
    try {
      setBase(await caseworkApi.updateCase(kase.id, base.version, editOf(draft, base)));
      setConflict(undefined);
      setDone(t("edit.done"));
      onSaved();
    } catch (e) {
      if (!isStale(e)) setError(e);
      else {
        const current = await recordsApi.getCase(kase.id);
        setBase(current);
        setConflict({ version: current.version, fields: changedFields(draft, draftOf(current)) });
      }
    } finally {
      setBusy(false);
    }
  }

  const shown = (k: keyof CaseDraft, d: CaseDraft): string => {
    const v = d[k];
    if (Array.isArray(v)) return v.map((e) => t(`exploitation.${e}`)).join(", ");
    if (k === "traffickingType" || k === "confirmation" || k === "leadAgencyType")
      return v ? t(`${k}.${v}`) : "";
    return v;
  };
  const conflictFields = conflict
    ? conflict.fields.map((k) => ({ label: t(`edit.fields.${k}`), current: shown(k, draftOf(base)) }))
    : [];
  const f = (k: keyof CaseDraft) => t(`edit.fields.${k}`);

  return (
    <form className="usa-form usa-form--large" onSubmit={submit} aria-labelledby="case-edit-heading">
      <h2 id="case-edit-heading">{t("edit.heading")}</h2>
      <ErrorAlert error={error} />
      <SuccessAlert text={done} />
      {conflict && <VersionConflict version={conflict.version} fields={conflictFields} />}
      <InputField
        id="case-title"
        label={f("title")}
        value={draft.title}
        onChange={(v) => set("title", v)}
        required
      />
      <label className="usa-label" htmlFor="case-narrative">
        {f("narrative")}
      </label>
      <textarea
        className="usa-textarea"
        id="case-narrative"
        value={draft.narrative}
        onChange={(e) => set("narrative", e.target.value)}
      />
      <fieldset className="usa-fieldset margin-top-3">
        <legend className="usa-legend usa-legend--large">{t("edit.incident")}</legend>
        <SelectField
          id="case-trafficking-type"
          label={f("traffickingType")}
          value={draft.traffickingType}
          codes={TRAFFICKING_TYPES}
          labelOf={(c) => t(`traffickingType.${c}`)}
          onChange={(v) => set("traffickingType", v)}
        />
        <SelectField
          id="case-confirmation"
          label={f("confirmation")}
          value={draft.confirmation}
          codes={CONFIRMATIONS}
          labelOf={(c) => t(`confirmation.${c}`)}
          onChange={(v) => set("confirmation", v)}
        />
        <SelectField
          id="case-lead-agency"
          label={f("leadAgencyType")}
          value={draft.leadAgencyType}
          codes={LEAD_AGENCY_TYPES}
          labelOf={(c) => t(`leadAgencyType.${c}`)}
          empty={t("notRecorded")}
          onChange={(v) => set("leadAgencyType", v)}
        />
        <InputField
          id="case-investigation-start"
          type="date"
          label={f("investigationStartedOn")}
          value={draft.investigationStartedOn}
          onChange={(v) => set("investigationStartedOn", v)}
        />
        <SelectField
          id="case-state"
          label={f("incidentState")}
          value={draft.incidentState}
          codes={US_STATES}
          labelOf={(c) => c}
          empty={t("notRecorded")}
          onChange={(v) => set("incidentState", v)}
        />
      </fieldset>
      <fieldset className="usa-fieldset margin-top-3">
        <legend className="usa-legend usa-legend--large">{t("edit.facts")}</legend>
        <p className="usa-hint">{t("edit.factsHint")}</p>
        <CheckboxesField
          id="case-exploitation"
          legend={f("exploitation")}
          values={draft.exploitation}
          codes={EXPLOITATION}
          labelOf={(c) => t(`exploitation.${c}`)}
          onChange={(v) => set("exploitation", v)}
        />
        <SelectField
          id="case-in-us"
          label={f("inUnitedStates")}
          value={draft.inUnitedStates}
          codes={YES_NO}
          labelOf={(c) => t(`answers.${c}`)}
          onChange={(v) => set("inUnitedStates", v)}
        />
        <InputField
          id="case-victim-age"
          type="number"
          label={f("victimAge")}
          value={draft.victimAge}
          onChange={(v) => set("victimAge", v)}
        />
        <SelectField
          id="case-victim-citizenship"
          label={f("victimCitizenship")}
          value={draft.victimCitizenship}
          codes={CITIZENSHIP}
          labelOf={(c) => t(`records:citizenship.${c}`)}
          onChange={(v) => set("victimCitizenship", v)}
        />
        <SelectField
          id="case-victim-visa"
          label={f("victimVisa")}
          value={draft.victimVisa}
          codes={VISA}
          labelOf={(c) => t(`visa.${c}`)}
          onChange={(v) => set("victimVisa", v)}
        />
        <SelectField
          id="case-victim-cooperates"
          label={f("victimCooperates")}
          value={draft.victimCooperates}
          codes={COOPERATION}
          labelOf={(c) => t(`answers.${c}`)}
          onChange={(v) => set("victimCooperates", v)}
        />
      </fieldset>
      <button className="usa-button margin-top-3" type="submit" disabled={busy}>
        {conflict ? t("edit.reapply") : t("edit.submit")}
      </button>
    </form>
  );
}
