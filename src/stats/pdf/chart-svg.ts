import { BarChart } from "echarts/charts";
import { AriaComponent, GridComponent, LegendComponent } from "echarts/components";
import { init, use } from "echarts/core";
import { SVGRenderer } from "echarts/renderers";
import type { ReportTable } from "../reports/reports.ts";
import { chartSeries } from "./layout.ts";

use([BarChart, GridComponent, LegendComponent, AriaComponent, SVGRenderer]);

export const CHART_WIDTH = 500;
export const CHART_HEIGHT = 260;

/**
 * A report table's bar chart as an SVG string, rendered by ECharts on the server (no DOM): vector, for
 * the PDF. Decal patterns tell the series apart without colour; suppressed cells are gaps, never bars.
 * No animation: a server-side render is one frame.
 */
export function chartSvg(t: ReportTable, label: (code: string) => string): string {
  const { categories, series } = chartSeries(t);
  const chart = init(null, null, { renderer: "svg", ssr: true, width: CHART_WIDTH, height: CHART_HEIGHT });
  chart.setOption({
    animation: false,
    aria: { enabled: true, decal: { show: true } },
    textStyle: { fontFamily: "Public Sans" },
    legend: series.length > 1 ? { top: 0, data: series.map((s) => label(s.name)) } : { show: false },
    grid: { left: 40, right: 10, top: series.length > 1 ? 40 : 10, bottom: 70 },
    xAxis: {
      type: "category",
      data: categories.map(label),
      axisLabel: { interval: 0, rotate: categories.length > 4 ? 40 : 0, fontSize: 9 },
    },
    yAxis: { type: "value", minInterval: 1 },
    series: series.map((s) => ({ type: "bar", name: label(s.name), data: s.values })),
  });
  const svg = chart.renderToSVGString();
  chart.dispose();
  return svg;
}
