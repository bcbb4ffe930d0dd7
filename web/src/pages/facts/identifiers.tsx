import { useTranslation } from "react-i18next";
import { IDENTIFIER_KINDS } from "../../vocabulary.ts";
import { factsApi, type IdentifierInput, type IdentifierView } from "./api.ts";
import { Select, TextInput } from "./Fields.tsx";
import { type FieldOf, type KindView, text } from "./kind.ts";
import { useLabels } from "./labels.tsx";

type IdentifierDraft = { kind: string; value: string; personId: string };

function IdentifierFields({ f }: { f: FieldOf<IdentifierDraft> }) {
  const { t } = useTranslation("facts");
  const { persons, person } = useLabels();
  const l = (k: keyof IdentifierDraft) => t(`identifiers.fields.${k}`);
  return (
    <>
      <Select
        label={l("kind")}
        options={IDENTIFIER_KINDS.map((k) => [k, t(`identifierKinds.${k}`)] as const)}
        {...f("kind")}
      />
      <TextInput label={l("value")} hint={t("identifiers.valueHint")} required {...f("value")} />
      <Select
        label={l("personId")}
        options={persons.map((p) => [p.id, person(p.id)] as const)}
        empty={t("identifiers.noPerson")}
        {...f("personId")}
      />
    </>
  );
}

/** Phones, e-mails, addresses, vehicles, businesses, online accounts (values withheld from some roles). */
export function useIdentifiersKind(): KindView<IdentifierView, IdentifierInput, IdentifierDraft> {
  const { t } = useTranslation("facts");
  const { person } = useLabels();
  const shownValue = (r: IdentifierView) => (r.valueHidden ? t("identifiers.withheld") : (r.value ?? ""));
  return {
    name: "identifiers",
    api: factsApi.identifiers,
    blank: { kind: "phone", value: "", personId: "" },
    draftOf: (r) => ({ kind: r.kind, value: r.value ?? "", personId: r.personId ?? "" }),
    convert: (_field, v) => text(v),
    shown: (k, d) =>
      k === "kind" ? t(`identifierKinds.${d.kind}`) : k === "personId" ? person(d.personId || null) : d[k],
    columns: [{ label: t("identifiers.fields.personId"), cell: (r) => person(r.personId) }],
    rowName: (r) => t("identifiers.rowName", { kind: t(`identifierKinds.${r.kind}`), value: shownValue(r) }),
    locked: (r) => r.valueHidden,
    Fields: IdentifierFields,
  };
}
