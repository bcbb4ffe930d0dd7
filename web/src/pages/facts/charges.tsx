import { useTranslation } from "react-i18next";
import { JURISDICTIONS, NIBRS_CODES } from "../../vocabulary.ts";
import { type ChargeInput, type ChargeView, factsApi } from "./api.ts";
import { Select, TextInput } from "./Fields.tsx";
import { type FieldOf, type KindView, text } from "./kind.ts";
import { useLabels } from "./labels.tsx";

type ChargeDraft = {
  personId: string;
  statute: string;
  nibrsCode: string;
  jurisdiction: string;
  filedOn: string;
};

function ChargeFields({ f }: { f: FieldOf<ChargeDraft> }) {
  const { t } = useTranslation("facts");
  const { suspects, person } = useLabels();
  const l = (k: keyof ChargeDraft) => t(`charges.fields.${k}`);
  return (
    <>
      <Select
        label={l("personId")}
        options={suspects.map((p) => [p.id, person(p.id)] as const)}
        empty={t("form.choose")}
        required
        {...f("personId")}
      />
      <TextInput label={l("statute")} hint={t("charges.statuteHint")} required {...f("statute")} />
      <Select
        label={l("nibrsCode")}
        hint={t("charges.nibrsHint")}
        options={NIBRS_CODES.map((c) => [c, t("labels.nibrs", { code: c, name: t(`nibrs.${c}`) })] as const)}
        required
        {...f("nibrsCode")}
      />
      <Select
        label={l("jurisdiction")}
        options={JURISDICTIONS.map((j) => [j, t(`jurisdictions.${j}`)] as const)}
        required
        {...f("jurisdiction")}
      />
      <TextInput type="date" label={l("filedOn")} {...f("filedOn")} />
    </>
  );
}

/** A charge against a suspect of the case: the statute cited and its NIBRS offense code (64A, 64B…). */
export function useChargesKind(): KindView<ChargeView, ChargeInput, ChargeDraft> {
  const { t } = useTranslation("facts");
  const { person } = useLabels();
  const nibrs = (code: string) => t("labels.nibrs", { code, name: t(`nibrs.${code}`) });
  return {
    name: "charges",
    api: factsApi.charges,
    blank: { personId: "", statute: "", nibrsCode: "64A", jurisdiction: "federal", filedOn: "" },
    draftOf: (r) => ({
      personId: r.personId,
      statute: r.statute,
      nibrsCode: r.nibrsCode,
      jurisdiction: r.jurisdiction,
      filedOn: r.filedOn ?? "",
    }),
    convert: (_field, v) => text(v),
    shown: (k, d) =>
      k === "personId"
        ? person(d.personId)
        : k === "nibrsCode"
          ? nibrs(d.nibrsCode)
          : k === "jurisdiction"
            ? t(`jurisdictions.${d.jurisdiction}`)
            : d[k],
    columns: [
      { label: t("charges.fields.nibrsCode"), cell: (r) => nibrs(r.nibrsCode) },
      { label: t("charges.fields.jurisdiction"), cell: (r) => t(`jurisdictions.${r.jurisdiction}`) },
      { label: t("charges.fields.filedOn"), cell: (r) => r.filedOn ?? t("form.notRecorded") },
    ],
    rowName: (r) => t("charges.rowName", { statute: r.statute, person: person(r.personId) }),
    Fields: ChargeFields,
  };
}
