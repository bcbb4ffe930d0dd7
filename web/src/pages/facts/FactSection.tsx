import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert, SuccessAlert } from "../records/shared.tsx";
import { isStale } from "../records/VersionConflict.tsx";
import type { FactCommon, VoidReason } from "./api.ts";
import { FactForm } from "./FactForm.tsx";
import { Problem } from "./Fields.tsx";
import type { Draft, KindView } from "./kind.ts";
import { VoidControl } from "./VoidControl.tsx";

interface Props<V extends FactCommon, I, D extends Draft> {
  kind: KindView<V, I, D>;
  caseId: string;
  /** Every row, voided ones too; shown when `showVoided`. */
  rows: V[] | undefined;
  showVoided: boolean;
  mayWork: boolean;
  reload(): void;
  /** Why nothing can be added yet (no suspect, no charge…), instead of the form. */
  blocked?: ReactNode;
}

/** One kind of fact: its table (edit, void), and the form to add one or edit the one chosen. */
export function FactSection<V extends FactCommon, I, D extends Draft>({
  kind,
  caseId,
  rows,
  showVoided,
  mayWork,
  reload,
  blocked,
}: Props<V, I, D>) {
  const { t } = useTranslation("facts");
  const [editing, setEditing] = useState<V>();
  const [done, setDone] = useState<string>();
  const [error, setError] = useState<unknown>();
  const [problem, setProblem] = useState<string>();
  const shown = (rows ?? []).filter((r) => showVoided || !r.voidedAt);
  const hiddenCount = (rows ?? []).filter((r) => r.voidedAt).length;
  const headingId = `${kind.name}-heading`;

  const saved = (message: string) => {
    setError(undefined);
    setProblem(undefined);
    setDone(message);
    setEditing(undefined);
    reload();
  };
  async function voidRow(row: V, reason: VoidReason): Promise<boolean> {
    setError(undefined);
    setProblem(undefined);
    setDone(undefined);
    try {
      await kind.api.void(row.id, row.version, reason);
      if (editing?.id === row.id) setEditing(undefined);
      setDone(t("void.done", { what: kind.rowName(row) }));
      reload();
      return true;
    } catch (e) {
      if (isStale(e)) {
        setProblem(t("void.stale"));
        reload();
      } else setError(e);
      return false;
    }
  }

  return (
    <section aria-labelledby={headingId} className="margin-top-5" data-testid={`facts-${kind.name}`}>
      <h2 id={headingId}>{t(`${kind.name}.heading`)}</h2>
      <div aria-live="polite">
        <SuccessAlert text={done} />
        <ErrorAlert error={error} />
        <Problem text={problem} />
      </div>
      {rows && (shown.length === 0 || (!showVoided && hiddenCount > 0)) && (
        <p>
          {shown.length === 0 && t(`${kind.name}.none`)}
          {shown.length === 0 && !showVoided && hiddenCount > 0 && " "}
          {!showVoided && hiddenCount > 0 && t("page.voidedHidden", { count: hiddenCount })}
        </p>
      )}
      {shown.length > 0 && (
        <table className="usa-table usa-table--borderless width-full">
          <caption className="usa-sr-only">{t(`${kind.name}.heading`)}</caption>
          <thead>
            <tr>
              <th scope="col">{t(`${kind.name}.first`)}</th>
              {kind.columns.map((c) => (
                <th scope="col" key={c.label}>
                  {c.label}
                </th>
              ))}
              <th scope="col">{t("table.status")}</th>
              {mayWork && <th scope="col">{t("table.actions")}</th>}
            </tr>
          </thead>
          <tbody>
            {shown.map((row) => (
              <tr key={row.id} data-fact={row.id} data-voided={row.voidedAt ? "true" : undefined}>
                <th scope="row">{kind.rowName(row)}</th>
                {kind.columns.map((c) => (
                  <td key={c.label}>{c.cell(row)}</td>
                ))}
                <td>
                  {row.voidedAt ? (
                    <span className="usa-tag bg-base-dark">
                      {t("table.voided", { reason: t(`voidReasons.${row.voidReason ?? "other"}`) })}
                    </span>
                  ) : (
                    t("table.live")
                  )}
                </td>
                {mayWork && (
                  <td>
                    {!row.voidedAt && (
                      <>
                        {!kind.locked?.(row) && (
                          <button
                            className="usa-button usa-button--unstyled margin-right-2"
                            type="button"
                            onClick={() => {
                              setDone(undefined);
                              setEditing(row);
                            }}
                          >
                            {t("table.edit")}
                            <span className="usa-sr-only"> {kind.rowName(row)}</span>
                          </button>
                        )}
                        <VoidControl
                          id={row.id}
                          what={kind.rowName(row)}
                          onVoid={(reason) => voidRow(row, reason)}
                        />
                      </>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {mayWork &&
        (blocked && !editing ? (
          <p className="usa-hint">{blocked}</p>
        ) : (
          <FactForm
            key={editing?.id ?? "new"}
            kind={kind}
            caseId={caseId}
            editing={editing}
            onSaved={saved}
            onCancel={() => setEditing(undefined)}
          />
        ))}
    </section>
  );
}
