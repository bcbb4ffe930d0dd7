import { geoPath } from "d3-geo";
import { feature } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";
import states from "us-atlas/states-albers-10m.json" with { type: "json" };
import type { ReportTable } from "../reports/reports.ts";
import { STATE_FIPS } from "../reports/states.ts";

/** The map's drawing size in the PDF (us-atlas is pre-projected to 975×610). */
export const STATE_MAP_WIDTH = 500;
export const STATE_MAP_HEIGHT = Math.round((500 * 610) / 975);

const USPS_OF_FIPS = new Map(Object.entries(STATE_FIPS).map(([usps, fips]) => [fips, usps]));
/** Light to dark blue; a darker state has more incidents (the table beside it gives the numbers). */
export const SHADES = ["#e7f2f8", "#aacdec", "#73b3e7", "#2378c3", "#0b4778"];

let shapes: Array<{ usps: string; d: string }> | undefined;

/** Each state's outline as an SVG path (null projection: the atlas is already projected). */
function stateShapes() {
  if (!shapes) {
    const topo = states as unknown as Topology<{ states: GeometryCollection }>;
    const path = geoPath();
    shapes = feature(topo, topo.objects.states).features.map((f) => ({
      usps: USPS_OF_FIPS.get(String(f.id)) ?? String(f.id),
      d: path(f) ?? "",
    }));
  }
  return shapes;
}

/** The shade of a published count, on a scale up to the largest published count. */
export function shadeOf(value: number, max: number): string {
  if (value <= 0 || max <= 0) return "#ffffff";
  return SHADES[Math.min(SHADES.length - 1, Math.floor((value / max) * SHADES.length))]!;
}

/**
 * The incidents-by-state table as a choropleth, SVG for the PDF: shades for published counts, white for
 * zero, a hatch pattern (not a colour) for suppressed states, so the map reads in black and white too.
 */
export function stateMapSvg(table: ReportTable): string {
  const value = new Map(table.cols.map((c, j) => [c, table.cells[0]?.[j]]));
  const max = Math.max(0, ...[...value.values()].map((c) => c?.value ?? 0));
  const paths = stateShapes().map(({ usps, d }) => {
    const cell = value.get(usps);
    const fill = cell?.suppressed ? "url(#suppressed)" : shadeOf(cell?.value ?? 0, max);
    return `<path d="${d}" fill="${fill}" stroke="#1b1b1b" stroke-width="0.6"/>`;
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 975 610" width="975" height="610">
<defs><pattern id="suppressed" width="8" height="8" patternUnits="userSpaceOnUse">
<rect width="8" height="8" fill="#ffffff"/><path d="M0 8L8 0" stroke="#565c65" stroke-width="1.5"/></pattern></defs>
${paths.join("\n")}
</svg>`;
}
