import { useTranslation } from "react-i18next";
import { OUTCOMES } from "../../vocabulary.ts";
import { type AdjudicationInput, type AdjudicationView, factsApi } from "./api.ts";
import { Select, TextInput } from "./Fields.tsx";
import { type FieldOf, type KindView, text } from "./kind.ts";
import { useLabels } from "./labels.tsx";

type AdjudicationDraft = { chargeId: string; outcome: string; decidedOn: string };

function AdjudicationFields({ f }: { f: FieldOf<AdjudicationDraft> }) {
  const { t } = useTranslation("facts");
  const { liveCharges, charge } = useLabels();
  const l = (k: keyof AdjudicationDraft) => t(`adjudications.fields.${k}`);
  return (
    <>
      <Select
        label={l("chargeId")}
        options={liveCharges.map((c) => [c.id, charge(c.id)] as const)}
        empty={t("form.choose")}
        required
        {...f("chargeId")}
      />
      <Select
        label={l("outcome")}
        options={OUTCOMES.map((o) => [o, t(`outcomes.${o}`)] as const)}
        required
        {...f("outcome")}
      />
      <TextInput type="date" label={l("decidedOn")} {...f("decidedOn")} />
    </>
  );
}

/** How a charge was decided (one live adjudication per charge). */
export function useAdjudicationsKind(): KindView<AdjudicationView, AdjudicationInput, AdjudicationDraft> {
  const { t } = useTranslation("facts");
  const { charge } = useLabels();
  return {
    name: "adjudications",
    api: factsApi.adjudications,
    blank: { chargeId: "", outcome: "pending", decidedOn: "" },
    draftOf: (r) => ({ chargeId: r.chargeId, outcome: r.outcome, decidedOn: r.decidedOn ?? "" }),
    convert: (_field, v) => text(v),
    shown: (k, d) =>
      k === "chargeId" ? charge(d.chargeId) : k === "outcome" ? t(`outcomes.${d.outcome}`) : d[k],
    columns: [
      { label: t("adjudications.fields.outcome"), cell: (r) => t(`outcomes.${r.outcome}`) },
      { label: t("adjudications.fields.decidedOn"), cell: (r) => r.decidedOn ?? t("form.notRecorded") },
    ],
    rowName: (r) => charge(r.chargeId),
    Fields: AdjudicationFields,
  };
}
