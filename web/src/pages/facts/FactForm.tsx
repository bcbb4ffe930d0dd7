import { type FormEvent, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../records/shared.tsx";
import { isStale, VersionConflict } from "../records/VersionConflict.tsx";
import type { FactCommon } from "./api.ts";
import { Problem } from "./Fields.tsx";
import { createBody, type Draft, fieldErrorOf, type KindView, patchBody } from "./kind.ts";

interface Props<V extends FactCommon, I, D extends Draft> {
  kind: KindView<V, I, D>;
  caseId: string;
  /** The fact being edited (the parent keys the form by it), or none to add one. */
  editing?: V | undefined;
  onSaved(message: string): void;
  onCancel(): void;
}

/**
 * Adds a fact, or edits one against the version it was opened at. When someone saved first (412) the
 * form keeps the user's changes, lists what is saved now where it differs, and the next save applies
 * the user's changes over the current version. A 400 naming a field is shown by that field, which gets
 * the focus.
 */
export function FactForm<V extends FactCommon, I, D extends Draft>({
  kind,
  caseId,
  editing,
  onSaved,
  onCancel,
}: Props<V, I, D>) {
  const { t } = useTranslation("facts");
  const opened = editing ? kind.draftOf(editing) : kind.blank;
  const [draft, setDraft] = useState<D>(opened);
  const [base, setBase] = useState<V | undefined>(editing);
  const [conflict, setConflict] = useState<{ version: number; fields: (keyof D & string)[] }>();
  const [fieldError, setFieldError] = useState<{ field: string; message: string }>();
  const [error, setError] = useState<unknown>();
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState(false);
  const prefix = `${kind.name}-${editing ? "edit" : "new"}`;
  const fields = Object.keys(kind.blank);

  useEffect(() => {
    if (fieldError) document.getElementById(`${prefix}-${fieldError.field}`)?.focus();
  }, [fieldError, prefix]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(undefined);
    setProblem(undefined);
    setFieldError(undefined);
    setBusy(true);
    try {
      if (base) {
        const patch = patchBody(kind, opened, draft);
        if (Object.keys(patch).length === 0) {
          setProblem(t("form.noChange"));
          return;
        }
        await kind.api.update(base.id, base.version, patch as Partial<I>);
        onSaved(t(`${kind.name}.saved`));
      } else {
        await kind.api.add(caseId, createBody(kind, draft) as I);
        setDraft(kind.blank);
        onSaved(t(`${kind.name}.added`));
      }
    } catch (e) {
      const named = fieldErrorOf(e, fields);
      if (named) setFieldError(named);
      else if (base && isStale(e)) await showConflict(base.id);
      else setError(e);
    } finally {
      setBusy(false);
    }
  }

  /** The version saved now: the next save is made from it; the fields others changed are listed. */
  async function showConflict(id: string) {
    const current = (await kind.api.list(caseId)).find((r) => r.id === id);
    if (!current || current.voidedAt) {
      setProblem(t("form.goneSinceOpened"));
      return;
    }
    const now = kind.draftOf(current);
    setBase(current);
    setConflict({
      version: current.version,
      fields: (Object.keys(now) as (keyof D & string)[]).filter((k) => now[k] !== opened[k]),
    });
  }

  const f = (name: keyof D & string) => ({
    id: `${prefix}-${name}`,
    value: draft[name] ?? "",
    error: fieldError?.field === name ? fieldError.message : undefined,
    onChange: (value: string) => setDraft((d) => ({ ...d, [name]: value })),
  });
  const label = (name: string) => t(`${kind.name}.fields.${name}`);
  const headingId = `${prefix}-heading`;
  const current = base ? kind.draftOf(base) : undefined;

  return (
    <form className="usa-form usa-form--large" onSubmit={submit} aria-labelledby={headingId} noValidate>
      <h3 id={headingId}>{editing ? t(`${kind.name}.editHeading`) : t(`${kind.name}.addHeading`)}</h3>
      <ErrorAlert error={error} />
      <Problem text={problem ?? (fieldError && t("form.fieldError", { field: label(fieldError.field) }))} />
      {conflict && current && (
        <VersionConflict
          version={conflict.version}
          fields={conflict.fields.map((k) => ({ label: label(k), current: kind.shown(k, current) }))}
        />
      )}
      <kind.Fields f={f} draft={draft} />
      <div className="margin-top-3">
        <button className="usa-button" type="submit" disabled={busy}>
          {conflict ? t("form.reapply") : editing ? t("form.save") : t(`${kind.name}.add`)}
        </button>
        {editing && (
          <button className="usa-button usa-button--outline" type="button" onClick={onCancel}>
            {t("form.cancel")}
          </button>
        )}
      </div>
    </form>
  );
}
