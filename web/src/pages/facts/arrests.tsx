import { useTranslation } from "react-i18next";
import { ARREST_AGENCY_TYPES } from "../../vocabulary.ts";
import { type ArrestInput, type ArrestView, factsApi } from "./api.ts";
import { Select, TextInput } from "./Fields.tsx";
import { type FieldOf, type KindView, text } from "./kind.ts";
import { useLabels } from "./labels.tsx";

type ArrestDraft = { personId: string; arrestedOn: string; agencyType: string };

function ArrestFields({ f }: { f: FieldOf<ArrestDraft> }) {
  const { t } = useTranslation("facts");
  const { suspects, person } = useLabels();
  const l = (k: keyof ArrestDraft) => t(`arrests.fields.${k}`);
  return (
    <>
      <Select
        label={l("personId")}
        options={suspects.map((p) => [p.id, person(p.id)] as const)}
        empty={t("form.choose")}
        required
        {...f("personId")}
      />
      <TextInput type="date" label={l("arrestedOn")} required {...f("arrestedOn")} />
      <Select
        label={l("agencyType")}
        options={ARREST_AGENCY_TYPES.map((a) => [a, t(`agencyTypes.${a}`)] as const)}
        required
        {...f("agencyType")}
      />
    </>
  );
}

/** An arrest of a suspect of the case: when, and by which kind of agency. */
export function useArrestsKind(): KindView<ArrestView, ArrestInput, ArrestDraft> {
  const { t } = useTranslation("facts");
  const { person } = useLabels();
  return {
    name: "arrests",
    api: factsApi.arrests,
    blank: { personId: "", arrestedOn: "", agencyType: "local_le" },
    draftOf: (r) => ({ personId: r.personId, arrestedOn: r.arrestedOn, agencyType: r.agencyType }),
    convert: (_field, v) => text(v),
    shown: (k, d) =>
      k === "personId" ? person(d.personId) : k === "agencyType" ? t(`agencyTypes.${d.agencyType}`) : d[k],
    columns: [{ label: t("arrests.fields.agencyType"), cell: (r) => t(`agencyTypes.${r.agencyType}`) }],
    rowName: (r) => t("arrests.rowName", { person: person(r.personId), date: r.arrestedOn }),
    Fields: ArrestFields,
  };
}
