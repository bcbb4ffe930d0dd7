import { geoPath } from "d3-geo";
import { type KeyboardEvent, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { feature } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";
import type { ReportTableView } from "./api.ts";
import { USPS_OF_FIPS } from "./states.ts";
import { useCellText } from "./useCellText.ts";

interface Shape {
  usps: string;
  name: string;
  d: string;
}

/** Light to dark blue: a darker state has more (the table beside the map gives the numbers). */
const SHADES = ["#e7f2f8", "#aacdec", "#73b3e7", "#2378c3", "#0b4778"];
const shadeOf = (value: number, max: number) =>
  value <= 0 || max <= 0
    ? "#ffffff"
    : SHADES[Math.min(SHADES.length - 1, Math.floor((value / max) * SHADES.length))];

/** The state outlines, from us-atlas bundled with the app (no map tiles, no network), pre-projected. */
async function loadShapes(): Promise<Shape[]> {
  const atlas = (await import("us-atlas/states-albers-10m.json")).default as unknown as Topology<{
    states: GeometryCollection<{ name: string }>;
  }>;
  const path = geoPath(); // null projection: the atlas is already projected to 975×610
  return feature(atlas, atlas.objects.states)
    .features.map((f) => ({
      usps: USPS_OF_FIPS[String(f.id)] ?? String(f.id),
      name: f.properties?.name ?? String(f.id),
      d: path(f) ?? "",
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * The incidents-by-state table as a choropleth: one keyboard stop (arrow keys move from state to
 * state, alphabetically), each state a labelled shape with its count or why it is suppressed; a hatch
 * pattern, not a colour, marks suppressed states. The table beside it is the full fallback.
 */
export function StateMap({ table, title }: { table: ReportTableView; title: string }) {
  const { t } = useTranslation("stats");
  const text = useCellText(table.threshold);
  const [shapes, setShapes] = useState<Shape[]>();
  const [current, setCurrent] = useState(0);
  const [focused, setFocused] = useState<string>();
  const refs = useRef<Array<SVGPathElement | null>>([]);
  useEffect(() => {
    void loadShapes().then(setShapes);
  }, []);
  if (!shapes) return null;

  const cellOf = (usps: string) => table.cells[0]?.[table.cols.indexOf(usps)];
  const max = Math.max(0, ...(table.cells[0] ?? []).map((c) => c.value ?? 0));
  const describe = (s: Shape) => t("map.state", { name: s.name, value: text.cell(cellOf(s.usps)) });
  const move = (event: KeyboardEvent, index: number) => {
    const step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[event.key];
    const to = event.key === "Home" ? 0 : event.key === "End" ? shapes.length - 1 : step ? index + step : -1;
    if (to < 0 || to >= shapes.length) return;
    event.preventDefault();
    setCurrent(to);
    refs.current[to]?.focus();
  };

  return (
    <figure className="margin-x-0 stats-map">
      {/* biome-ignore lint/a11y/useSemanticElements: an SVG cannot hold a fieldset; the group names the map */}
      <svg viewBox="0 0 975 610" role="group" aria-label={t("map.label", { title })} className="width-full">
        <defs>
          <pattern id="stats-suppressed" width="8" height="8" patternUnits="userSpaceOnUse">
            <rect width="8" height="8" fill="#ffffff" />
            <path d="M0 8L8 0" stroke="#565c65" strokeWidth="1.5" />
          </pattern>
        </defs>
        {shapes.map((s, i) => {
          const cell = cellOf(s.usps);
          return (
            // biome-ignore lint/a11y/noInteractiveElementToNoninteractiveRole: a state is a labelled picture one can focus to hear its count, not a control
            <path
              key={s.usps}
              ref={(el) => {
                refs.current[i] = el;
              }}
              d={s.d}
              data-state={s.usps}
              role="img"
              aria-label={describe(s)}
              tabIndex={i === current ? 0 : -1}
              fill={cell?.suppressed ? "url(#stats-suppressed)" : shadeOf(cell?.value ?? 0, max)}
              stroke="#1b1b1b"
              strokeWidth={0.75}
              onKeyDown={(e) => move(e, i)}
              onFocus={() => {
                setCurrent(i);
                setFocused(describe(s));
              }}
              onBlur={() => setFocused(undefined)}
            >
              <title>{describe(s)}</title>
            </path>
          );
        })}
      </svg>
      <figcaption>
        <p aria-live="polite" className="text-bold">
          {focused ? t("map.focused", { text: focused }) : ""}
        </p>
        <p>{t("map.legend")}</p>
        <p>{t("map.notOnMap")}</p>
      </figcaption>
    </figure>
  );
}
