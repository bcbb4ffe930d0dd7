import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { OrgPicker } from "../../components/OrgPicker.tsx";
import { PLAN_SERVICE_STATUSES, PLAN_SERVICE_TYPES } from "../../vocabulary.ts";
import type { OrgView } from "../auth/api.ts";
import type { DirectoryEntry, ServiceInput, ServicePatch, ServiceView } from "./api.ts";

export const DATE_FIELDS = ["plannedOn", "referredOn", "startedOn", "completedOn"] as const;
type DateField = (typeof DATE_FIELDS)[number];
type Draft = {
  serviceType: ServiceInput["serviceType"];
  status: NonNullable<ServiceInput["status"]>;
  providerOrgId: string;
  directoryEntryId: string;
} & Record<DateField, string>;

const draftOf = (s: ServiceView | undefined): Draft => ({
  serviceType: s?.serviceType ?? "case_management",
  status: s?.status ?? "planned",
  providerOrgId: s?.providerOrgId ?? "",
  directoryEntryId: s?.directoryEntryId ?? "",
  plannedOn: s?.plannedOn ?? "",
  referredOn: s?.referredOn ?? "",
  startedOn: s?.startedOn ?? "",
  completedOn: s?.completedOn ?? "",
});

/** A new service: the fields filled in (empty ones left out). */
const createBody = (d: Draft): ServiceInput => ({
  serviceType: d.serviceType,
  status: d.status,
  ...(d.providerOrgId ? { providerOrgId: d.providerOrgId } : {}),
  ...(d.directoryEntryId ? { directoryEntryId: d.directoryEntryId } : {}),
  ...Object.fromEntries(DATE_FIELDS.filter((f) => d[f]).map((f) => [f, d[f]])),
});

/** An edit: every field, empty ones as null (cleared). */
const patchBody = (d: Draft): ServicePatch => ({
  serviceType: d.serviceType,
  status: d.status,
  providerOrgId: d.providerOrgId || null,
  directoryEntryId: d.directoryEntryId || null,
  ...Object.fromEntries(DATE_FIELDS.map((f) => [f, d[f] || null])),
});

interface Props {
  editing: ServiceView | undefined;
  orgs: OrgView[] | undefined;
  entries: DirectoryEntry[] | undefined;
  onCreate(body: ServiceInput): Promise<boolean>;
  onUpdate(service: ServiceView, body: ServicePatch): Promise<boolean>;
  onCancel(): void;
}

/** Add a service to the plan, or edit one (the parent keys it by the service, so it starts afresh). */
export function ServiceForm({ editing, orgs, entries, onCreate, onUpdate, onCancel }: Props) {
  const { t } = useTranslation("plan");
  const [d, setD] = useState<Draft>(() => draftOf(editing));
  const set = (patch: Partial<Draft>) => setD((old) => ({ ...old, ...patch }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (editing) await onUpdate(editing, patchBody(d));
    else if (await onCreate(createBody(d))) setD(draftOf(undefined));
  }

  return (
    <form className="usa-form usa-form--large" onSubmit={submit} aria-labelledby="service-form-heading">
      <h3 id="service-form-heading">{editing ? t("services.editHeading") : t("services.addHeading")}</h3>
      <label className="usa-label" htmlFor="service-type">
        {t("services.type")}
      </label>
      <select
        className="usa-select"
        id="service-type"
        value={d.serviceType}
        onChange={(e) => set({ serviceType: e.target.value as Draft["serviceType"] })}
      >
        {PLAN_SERVICE_TYPES.map((s) => (
          <option key={s} value={s}>
            {t(`serviceTypes.${s}`)}
          </option>
        ))}
      </select>
      <label className="usa-label" htmlFor="service-status">
        {t("services.status")}
      </label>
      <select
        className="usa-select"
        id="service-status"
        value={d.status}
        onChange={(e) => set({ status: e.target.value as Draft["status"] })}
      >
        {PLAN_SERVICE_STATUSES.map((s) => (
          <option key={s} value={s}>
            {t(`statuses.${s}`)}
          </option>
        ))}
      </select>
      <OrgPicker
        id="service-provider-org"
        label={t("services.providerOrg")}
        hint={t("services.providerOrgHint")}
        orgs={orgs}
        value={d.providerOrgId}
        onChange={(providerOrgId) =>
          set({ providerOrgId, ...(providerOrgId ? { directoryEntryId: "" } : {}) })
        }
        required={false}
      />
      <label className="usa-label" htmlFor="service-directory-entry">
        {t("services.directoryEntry")}
      </label>
      <select
        className="usa-select"
        id="service-directory-entry"
        value={d.directoryEntryId}
        onChange={(e) =>
          set({ directoryEntryId: e.target.value, ...(e.target.value ? { providerOrgId: "" } : {}) })
        }
      >
        <option value="">{t("services.noEntry")}</option>
        {(entries ?? []).map((entry) => (
          <option key={entry.id} value={entry.id}>
            {entry.name}
          </option>
        ))}
      </select>
      <fieldset className="usa-fieldset margin-top-3">
        <legend className="usa-legend">{t("services.dates")}</legend>
        <span className="usa-hint" id="service-dates-hint">
          {t("services.datesHint")}
        </span>
        {DATE_FIELDS.map((f) => (
          <div key={f}>
            <label className="usa-label" htmlFor={`service-${f}`}>
              {t(`services.${f}`)}
            </label>
            <input
              className="usa-input usa-input--md"
              id={`service-${f}`}
              type="date"
              aria-describedby="service-dates-hint"
              value={d[f]}
              onChange={(e) => set({ [f]: e.target.value })}
            />
          </div>
        ))}
      </fieldset>
      <div className="margin-top-3">
        <button className="usa-button" type="submit">
          {editing ? t("services.save") : t("services.add")}
        </button>
        {editing && (
          <button className="usa-button usa-button--outline" type="button" onClick={onCancel}>
            {t("services.cancel")}
          </button>
        )}
      </div>
    </form>
  );
}
