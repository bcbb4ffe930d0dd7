import { useTranslation } from "react-i18next";
import { COUNTRIES, EVENT_KINDS, US_STATES } from "../../vocabulary.ts";
import { type EventInput, type EventView, factsApi } from "./api.ts";
import { Select, TextArea, TextInput } from "./Fields.tsx";
import { type FieldOf, type KindView, text } from "./kind.ts";
import { useLabels } from "./labels.tsx";

type EventDraft = {
  kind: string;
  place: string;
  description: string;
  state: string;
  country: string;
  startedOn: string;
  endedOn: string;
};

function EventFields({ f }: { f: FieldOf<EventDraft> }) {
  const { t } = useTranslation("facts");
  const { country } = useLabels();
  const countries = COUNTRIES.map((c) => [c, country(c)] as const).sort((a, b) => a[1].localeCompare(b[1]));
  const l = (k: keyof EventDraft) => t(`events.fields.${k}`);
  return (
    <>
      <Select
        label={l("kind")}
        options={EVENT_KINDS.map((k) => [k, t(`eventKinds.${k}`)] as const)}
        {...f("kind")}
      />
      <TextInput label={l("place")} hint={t("events.placeHint")} {...f("place")} />
      <TextArea label={l("description")} {...f("description")} />
      <Select
        label={l("state")}
        options={US_STATES.map((s) => [s, s] as const)}
        empty={t("form.notRecorded")}
        {...f("state")}
      />
      <Select label={l("country")} options={countries} empty={t("form.notRecorded")} {...f("country")} />
      <TextInput type="date" label={l("startedOn")} {...f("startedOn")} />
      <TextInput type="date" label={l("endedOn")} {...f("endedOn")} />
    </>
  );
}

/** Recruitment, transit, exploitation: where (the place is sealed) and when. */
export function useEventsKind(): KindView<EventView, EventInput, EventDraft> {
  const { t } = useTranslation("facts");
  const { country } = useLabels();
  const dates = (r: { startedOn: string | null; endedOn: string | null }) =>
    r.startedOn && r.endedOn && r.startedOn !== r.endedOn
      ? t("labels.range", { from: r.startedOn, to: r.endedOn })
      : (r.startedOn ?? r.endedOn ?? t("form.notRecorded"));
  return {
    name: "events",
    api: factsApi.events,
    blank: {
      kind: "recruitment",
      place: "",
      description: "",
      state: "",
      country: "",
      startedOn: "",
      endedOn: "",
    },
    draftOf: (r) => ({
      kind: r.kind,
      place: r.place ?? "",
      description: r.description ?? "",
      state: r.state ?? "",
      country: r.country ?? "",
      startedOn: r.startedOn ?? "",
      endedOn: r.endedOn ?? "",
    }),
    convert: (_field, v) => text(v),
    shown: (k, d) => (k === "kind" ? t(`eventKinds.${d.kind}`) : k === "country" ? country(d.country) : d[k]),
    columns: [
      { label: t("events.fields.place"), cell: (r) => r.place ?? "" },
      {
        label: t("events.where"),
        cell: (r) => [r.state, country(r.country)].filter(Boolean).join(", "),
      },
    ],
    rowName: (r) => t("events.rowName", { kind: t(`eventKinds.${r.kind}`), when: dates(r) }),
    Fields: EventFields,
  };
}
