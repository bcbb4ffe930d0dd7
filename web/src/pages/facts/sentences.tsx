import { useTranslation } from "react-i18next";
import { factsApi, type SentenceInput, type SentenceView } from "./api.ts";
import { Select, TextInput } from "./Fields.tsx";
import { type FieldOf, int, type KindView, text } from "./kind.ts";
import { useLabels } from "./labels.tsx";

type SentenceDraft = {
  adjudicationId: string;
  prisonMonths: string;
  probationMonths: string;
  restitutionCents: string;
  sentencedOn: string;
};

/** Dollars as typed ("1,250.50") to cents; anything else goes as it is, for the API to name the field. */
const cents = (v: string): unknown => {
  const s = v.replace(/[$,\s]/g, "");
  if (s === "") return null;
  return /^\d+(\.\d{1,2})?$/.test(s) ? Math.round(Number(s) * 100) : v;
};
const dollars = (c: number | null) => (c === null ? "" : (c / 100).toFixed(2));

function SentenceFields({ f }: { f: FieldOf<SentenceDraft> }) {
  const { t } = useTranslation("facts");
  const { convictions, adjudication } = useLabels();
  const l = (k: keyof SentenceDraft) => t(`sentences.fields.${k}`);
  return (
    <>
      <Select
        label={l("adjudicationId")}
        hint={t("sentences.adjudicationHint")}
        options={convictions.map((a) => [a.id, adjudication(a.id)] as const)}
        empty={t("form.choose")}
        required
        {...f("adjudicationId")}
      />
      <TextInput type="number" inputMode="numeric" label={l("prisonMonths")} {...f("prisonMonths")} />
      <TextInput type="number" inputMode="numeric" label={l("probationMonths")} {...f("probationMonths")} />
      <TextInput
        inputMode="decimal"
        label={l("restitutionCents")}
        hint={t("sentences.restitutionHint")}
        {...f("restitutionCents")}
      />
      <TextInput type="date" label={l("sentencedOn")} {...f("sentencedOn")} />
    </>
  );
}

/** The sentence after a conviction or a guilty plea: prison and probation in months, restitution. */
export function useSentencesKind(): KindView<SentenceView, SentenceInput, SentenceDraft> {
  const { t, i18n } = useTranslation("facts");
  const { adjudication } = useLabels();
  const money = new Intl.NumberFormat(i18n.language || "en", { style: "currency", currency: "USD" });
  const months = (n: number | null) =>
    n === null ? t("form.notRecorded") : t("sentences.months", { count: n });
  return {
    name: "sentences",
    api: factsApi.sentences,
    blank: {
      adjudicationId: "",
      prisonMonths: "",
      probationMonths: "",
      restitutionCents: "",
      sentencedOn: "",
    },
    draftOf: (r) => ({
      adjudicationId: r.adjudicationId,
      prisonMonths: r.prisonMonths === null ? "" : String(r.prisonMonths),
      probationMonths: r.probationMonths === null ? "" : String(r.probationMonths),
      restitutionCents: dollars(r.restitutionCents),
      sentencedOn: r.sentencedOn ?? "",
    }),
    convert: (field, v) =>
      field === "prisonMonths" || field === "probationMonths"
        ? int(v)
        : field === "restitutionCents"
          ? cents(v)
          : text(v),
    shown: (k, d) => (k === "adjudicationId" ? adjudication(d.adjudicationId) : d[k]),
    columns: [
      { label: t("sentences.fields.prisonMonths"), cell: (r) => months(r.prisonMonths) },
      { label: t("sentences.fields.probationMonths"), cell: (r) => months(r.probationMonths) },
      {
        label: t("sentences.restitution"),
        cell: (r) =>
          r.restitutionCents === null ? t("form.notRecorded") : money.format(r.restitutionCents / 100),
      },
      { label: t("sentences.fields.sentencedOn"), cell: (r) => r.sentencedOn ?? t("form.notRecorded") },
    ],
    rowName: (r) => adjudication(r.adjudicationId),
    Fields: SentenceFields,
  };
}
