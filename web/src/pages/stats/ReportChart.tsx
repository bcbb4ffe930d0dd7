import { BarChart } from "echarts/charts";
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import { init, use } from "echarts/core";
import { SVGRenderer } from "echarts/renderers";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import type { ReportTableView } from "./api.ts";
import { chartSeries } from "./layout.ts";
import { useCellText } from "./useCellText.ts";

// Only what the page draws (bars, axes, legend, ARIA, the SVG renderer): a fraction of all of ECharts.
use([BarChart, GridComponent, LegendComponent, TooltipComponent, AriaComponent, SVGRenderer]);

/**
 * A report table's bar chart. ECharts' ARIA gives the chart a description (every bar read out, a
 * suppressed one said as such); decal patterns tell the series apart without colour; the table beside
 * it holds the same numbers for anyone the picture does not serve.
 */
export function ReportChart({ table, title }: { table: ReportTableView; title: string }) {
  const { t } = useTranslation("stats");
  const text = useCellText(table.threshold);
  const ref = useRef<HTMLDivElement>(null);
  const { categories, series } = chartSeries(table);
  const parts = series
    .flatMap((s) =>
      categories.map((c, i) =>
        t("chart.part", {
          label: series.length > 1 ? `${text.label(c)}, ${text.label(s.name)}` : text.label(c),
          value: text.cell(s.cells[i]),
        }),
      ),
    )
    .join("; ");
  const description = t("chart.description", { title, parts });

  const label = text.label;
  useEffect(() => {
    if (!ref.current) return;
    const { categories, series } = chartSeries(table);
    const chart = init(ref.current, null, { renderer: "svg" });
    chart.setOption({
      animation: false,
      aria: { enabled: true, label: { description }, decal: { show: true } },
      tooltip: { trigger: "axis" },
      legend: series.length > 1 ? { top: 0, data: series.map((s) => label(s.name)) } : { show: false },
      grid: { left: 48, right: 16, top: series.length > 1 ? 48 : 16, bottom: 90 },
      xAxis: {
        type: "category",
        data: categories.map(label),
        axisLabel: { interval: 0, rotate: categories.length > 4 ? 40 : 0, color: "#1b1b1b" },
      },
      yAxis: { type: "value", minInterval: 1, axisLabel: { color: "#1b1b1b" } },
      series: series.map((s) => ({
        type: "bar",
        name: label(s.name),
        data: s.cells.map((c) => c.value),
      })),
    });
    // ECharts labels its container; as an image (role) its label is read as the chart's text.
    ref.current.setAttribute("role", "img");
    const resize = () => chart.resize();
    window.addEventListener("resize", resize);
    return () => {
      window.removeEventListener("resize", resize);
      chart.dispose();
    };
  }, [description, table, label]);

  return (
    <div ref={ref} className="stats-chart" data-chart={table.id} style={{ width: "100%", height: 320 }} />
  );
}
