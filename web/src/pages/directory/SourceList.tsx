import { useTranslation } from "react-i18next";
import type { Answer, EntryView } from "./api.ts";

type EntrySource = EntryView["nameSources"][number];
type AnswerSource = Answer["recommendations"][number]["sources"][number];

/** One source: the seed sentence quoted, an inference with its reason, or an outside citation. */
function SourceItem({ source }: { source: EntrySource | AnswerSource }) {
  const { t } = useTranslation("directory");
  const kind = source.kind;
  const text =
    "text" in source
      ? source.text
      : kind === "seed"
        ? source.quote
        : kind === "inferred"
          ? source.reason
          : `${source.citation} (${source.reference})`;
  const basedOn = kind === "inferred" && "quote" in source ? source.quote : undefined;
  const url = "url" in source ? source.url : undefined;
  return (
    <li>
      <strong>{t(`source.${kind}`)}</strong>
      {"toVerify" in source && source.toVerify ? ` (${t("source.toVerify")})` : ""}:{" "}
      <span lang="en">{kind === "seed" ? <q>{text}</q> : text}</span>
      {basedOn && (
        <>
          {" "}
          {t("source.basedOn")} <q lang="en">{basedOn}</q>
        </>
      )}
      {url && (
        <>
          {" "}
          <a className="usa-link" href={url} rel="noreferrer noopener">
            {url}
          </a>
        </>
      )}
    </li>
  );
}

/** A collapsible list of sources (native details/summary: keyboard and screen-reader friendly). */
export function SourceList({
  sources,
  label,
}: {
  sources: ReadonlyArray<EntrySource | AnswerSource>;
  label: string;
}) {
  return (
    <details className="harbor-sources margin-y-1">
      <summary>{label}</summary>
      <ul className="usa-list">
        {sources.map((s, i) => (
          // Sources have no id of their own; their order is fixed by the data.
          // biome-ignore lint/suspicious/noArrayIndexKey: stable order from the data file
          <SourceItem key={i} source={s} />
        ))}
      </ul>
    </details>
  );
}
