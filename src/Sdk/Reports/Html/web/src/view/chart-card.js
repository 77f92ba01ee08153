// One chart's card: its title, controls (line statistic, band, x axis, log, smoothing, CSV and PNG downloads),
// the uPlot chart and its legend. A card starts as an empty placeholder of a chart's size and is built when
// the board shows it (it came near the window); the board may release it again far from the window.

import uPlot from "uplot";
import { clear, el, select } from "./dom.js";
import { chartPng, downloadFile } from "./chart-export.js";
import { renderLegend } from "./chart-legend.js";
import { showTooltip, xText } from "./chart-tooltip.js";
import { colorFor, dashFor, withAlpha } from "./palette.js";
import { BANDS, LINE_AGGREGATES, axisMetric, settingsOf, toggleHidden, xAxisOptions, xLabel } from "../data/chart-settings.js";
import { chartCsv, plotColumns } from "../data/chart-csv.js";
import { safeFileName } from "../data/csv.js";
import { buildSeries } from "../data/series.js";
import { formatNumber } from "../data/values.js";

/** @typedef {import("../page-state.js").ViewContext} ViewContext */
/** @typedef {import("../data/chart-settings.js").ChartSettings} ChartSettings */
/** @typedef {import("../data/chart-lines.js").ChartSplit} ChartSplit */
/** @typedef {import("../data/series.js").SeriesCache} SeriesCache */
/** @typedef {import("./chart-tooltip.js").ShownLine} ShownLine */

/** Up to this many other metrics, a chart's x-axis list is filled when built; beyond, when first used. */
const X_OPTIONS_AT_ONCE = 200;

/**
 * What a card draws: a metric, and the lines of its chart (all of them, or one chart-by value's).
 * @typedef {{ metric: string, split: ChartSplit }} ChartPanel
 */

/**
 * What a card needs from its board.
 * @typedef {object} CardHost
 * @property {ViewContext} ctx
 * @property {SeriesCache} cache
 * @property {boolean} showRuns each group's runs drawn faintly behind its line
 * @property {() => number} width the plots' width
 * @property {(metric: string, change: Partial<ChartSettings>, from: ChartCard) => void} change keeps a settings change and redraws the metric's charts
 */

export class ChartCard {
  /**
   * @param {ChartPanel} panel
   * @param {CardHost} host
   */
  constructor(panel, host) {
    this.panel = panel;
    this.host = host;
    /** @type {HTMLElement | null} */
    this.made = null;
    /** @type {uPlot | null} */
    this.u = null;
    this.built = false;
    /** @type {(() => string) | null} the CSV of what is drawn */
    this.csv = null;
    /** @type {{ label: string, color: number, dash: number }[]} */
    this.entries = [];
  }

  /** The card's element, made when first asked for: a page of 10,000 metrics makes the few dozen it shows. */
  get element() {
    if (!this.made) {
      const { metric, split } = this.panel;
      this.made = el("div", { className: "chart-card pending", "data-testid": "chart", "data-metric": metric, "data-chart-value": split.value }, [this.title()]);
    }
    return this.made;
  }

  /** The card's name: the metric, and the chart-by value when the metric has one chart per value. */
  title() {
    const { metric, split } = this.panel;
    return el("h3", { title: split.label ? metric + " · " + split.label : metric }, [metric, split.label ? el("span", { className: "chart-split" }, split.label) : null]);
  }

  /** Builds the card if it is a placeholder, and draws it. */
  show() {
    if (!this.built) this.build(this.settings());
    this.draw();
  }

  /** Builds the controls again (another chart of the metric changed its settings), then draws. */
  refresh() {
    if (!this.built) return;
    this.destroyPlot();
    this.build(this.settings());
    this.draw();
  }

  /** Back to a placeholder (its block left the window): the chart and its controls are dropped. */
  release() {
    if (!this.built) return;
    this.destroyPlot();
    this.built = false;
    this.csv = null;
    clear(this.element);
    this.element.classList.add("pending");
    this.element.appendChild(this.title());
  }

  /** Drops the uPlot instance (before the board is drawn anew). */
  destroyPlot() {
    if (this.u) { this.u.destroy(); this.u = null; }
  }

  settings() {
    return settingsOf(this.host.ctx.state.chartSettings, this.panel.metric);
  }

  /** @param {ChartSettings} settings */
  build(settings) {
    const { ctx } = this.host;
    const { metric } = this.panel;
    clear(this.element);
    this.element.classList.remove("pending");
    /** @type {(change: Partial<ChartSettings>) => void} */
    const change = update => this.host.change(metric, update, this);
    const log = el("input", { type: "checkbox", "data-testid": "log-scale", checked: settings.log });
    log.addEventListener("change", () => change({ log: log.checked }));
    const controls = el("div", { className: "chart-controls" }, [
      el("label", null, ["line ", select("line-agg", LINE_AGGREGATES, settings.line, v => change({ line: v }), "Line: statistic across the group's runs")]),
      el("label", null, ["band ", select("band", BANDS, settings.band, v => change({ band: v }), "Shaded band around each group line")]),
      el("label", null, ["x ", xAxisSelect(ctx.metrics, metric, settings.x, v => change({ x: v }))]),
      el("label", { className: "check" }, [log, "log"]),
      smoothingControl(settings.smooth, v => change({ smooth: v })),
      el("span", { className: "chart-files" }, [
        el("button", { type: "button", "data-testid": "chart-csv", title: "Download the plotted lines as CSV", onclick: () => this.downloadCsv() }, "CSV"),
        el("button", { type: "button", "data-testid": "chart-png", title: "Download the chart as PNG", onclick: () => this.downloadPng() }, "PNG"),
      ]),
    ]);
    if (!ctx.grouped) {
      for (const s of controls.querySelectorAll("select[data-testid=line-agg],select[data-testid=band]")) {
        const control = /** @type {HTMLSelectElement} */ (s);
        control.disabled = true;
        control.title = "Turn grouping on to aggregate runs";
      }
    }
    this.element.appendChild(el("div", { className: "chart-head" }, [this.title(), controls]));
    this.element.appendChild(el("div", { className: "plot" }));
    this.element.appendChild(el("div", { className: "legend", "data-testid": "legend" }));
    this.built = true;
  }

  /** Draws (or redraws) the chart from the metric's current settings. */
  draw() {
    const { ctx, cache } = this.host;
    const { metric, split } = this.panel;
    const settings = this.settings();
    const card = this.element;
    const plot = /** @type {HTMLElement} */ (card.querySelector(".plot")), legend = /** @type {HTMLElement} */ (card.querySelector(".legend"));
    this.destroyPlot();
    clear(plot); clear(legend);
    this.csv = null;
    this.entries = [];
    const built = buildSeries(metric, split.sources, { grouped: ctx.grouped, withRuns: this.host.showRuns, settings }, ctx.data, cache);
    if (!built || !built.series.length) {
      plot.appendChild(el("p", { className: "empty" }, "No finite values of this metric against this x axis."));
      card.dataset.lines = card.dataset.bands = card.dataset.runLines = "0";
      return;
    }
    const withBand = ctx.grouped && settings.band !== "none";
    const visible = built.series.filter(s => !settings.hidden.has(s.id));
    const columns = plotColumns(visible, { grouped: ctx.grouped, withBand, settings });
    /** @type {uPlot.AlignedData} */
    const data = [built.grid.xs];
    /** @type {uPlot.Series[]} */
    const series = [{ label: xLabel(settings.x) }];
    /** @type {uPlot.Band[]} */
    const bands = [];
    /** @type {ShownLine[]} */
    const shown = [];
    let runLines = 0;
    for (const column of columns) {
      const s = column.series, at = data.length;
      const hidden = { stroke: "transparent", width: 0, spanGaps: true, points: { show: false } };
      switch (column.role) {
        case "run":
          runLines++;
          series.push({ label: column.header, stroke: withAlpha(colorFor(s.order), 0.3), width: 1, dash: dashFor(s.dash), spanGaps: true, points: { show: false } });
          break;
        case "line":
          series.push({ label: s.label, stroke: colorFor(s.order), width: ctx.grouped ? 2 : 1.25, dash: dashFor(s.dash), spanGaps: true, points: { show: false } });
          shown.push({ s, lineIdx: at });
          break;
        case "high":
          series.push({ label: column.header, ...hidden });
          break;
        case "low":
          series.push({ label: column.header, ...hidden });
          bands.push({ series: [at - 1, at], fill: withAlpha(colorFor(s.order), 0.16) });
          break;
        default:
          continue;   // n is in the CSV, not drawn
      }
      data.push(column.values);
    }
    card.dataset.lines = String(shown.length);
    card.dataset.bands = String(bands.length);
    card.dataset.runLines = String(runLines);
    this.entries = visible.map(s => ({ label: s.label, color: s.order, dash: s.dash }));
    this.csv = () => chartCsv(settings.x, built.grid.xs, columns);
    const tooltip = el("div", { className: "tooltip", hidden: true });
    const moveLegend = renderLegend(legend, built.series, settings.hidden, {
      grouped: ctx.grouped, xs: built.grid.xs, xText: x => xText(settings.x, x),
      toggle: id => this.host.change(metric, toggleHidden(this.settings(), id), this),
    });
    this.u = new uPlot({
      width: Math.max(280, this.host.width() || 480), height: 240,
      legend: { show: false },
      cursor: { points: { show: false }, drag: { x: true, y: false } },
      scales: { x: { time: settings.x === "wall" }, y: { distr: settings.log ? 3 : 1 } },
      axes: [
        { label: xLabel(settings.x), labelSize: 18, size: 36, stroke: "#5b6270", grid: { stroke: "#eceef2" }, ticks: { stroke: "#dfe2e8" } },
        { size: 56, stroke: "#5b6270", grid: { stroke: "#eceef2" }, ticks: { stroke: "#dfe2e8" }, values: (_, values) => values.map(tickLabel) },
      ],
      series, bands,
      hooks: {
        setCursor: [chart => {
          showTooltip(chart, tooltip, shown, withBand, ctx.grouped, settings.x);
          const idx = chart.cursor.idx, left = chart.cursor.left ?? -1;
          moveLegend(idx === null || idx === undefined || left < 0 ? null : idx);
        }],
      },
    }, data, plot);
    plot.appendChild(tooltip);
  }

  fileName() {
    const { metric, split } = this.panel;
    return split.value === null ? metric : metric + "-" + split.value;
  }

  downloadCsv() {
    if (!this.csv) return;
    downloadFile(safeFileName(this.fileName(), "csv"), new Blob([this.csv()], { type: "text/csv;charset=utf-8" }));
  }

  downloadPng() {
    const u = this.u;
    if (!u) return;
    const { metric, split } = this.panel;
    chartPng(u, split.label ? metric + " · " + split.label : metric, this.entries)
      .then(blob => downloadFile(safeFileName(this.fileName(), "png"), blob))
      .catch(error => console.error(error));
  }
}

/**
 * A y tick's label. uPlot's types promise numbers, but on a log scale it leaves some ticks without one (null).
 * @param {number | null} value
 */
function tickLabel(value) {
  return value === null || value === undefined ? "" : formatNumber(value);
}

/**
 * The x-axis list: step, runtime, wall time and every other metric. With thousands of metrics the others are
 * added when the list is first opened or focused, so a chart is not thousands of options to build.
 * @param {readonly string[]} metrics
 * @param {string} metric the chart's own
 * @param {string} current
 * @param {(value: string) => void} onChange
 */
function xAxisSelect(metrics, metric, current, onChange) {
  const others = () => metrics.filter(m => m !== metric);
  const now = metrics.length - 1 <= X_OPTIONS_AT_ONCE ? xAxisOptions(others()) : xAxisOptions([]);
  if (!now.some(([value]) => value === current)) now.push([current, xLabel(current)]);
  const control = select("x-axis", now, current, onChange, "x axis");
  if (metrics.length - 1 > X_OPTIONS_AT_ONCE) {
    let filled = false;
    const fill = () => {
      if (filled) return;
      filled = true;
      for (const [value, label] of xAxisOptions(others())) {
        if (axisMetric(value) !== null && value !== current) control.appendChild(el("option", { value }, label));
      }
    };
    for (const event of ["focus", "pointerdown", "keydown"]) control.addEventListener(event, fill);
  }
  return control;
}

/**
 * @param {number} smooth
 * @param {(value: number) => void} onChange
 */
function smoothingControl(smooth, onChange) {
  const value = el("span", { className: "smooth-value" }, smooth.toFixed(2));
  const input = el("input", { type: "range", min: "0", max: "0.99", step: "0.01", value: String(smooth), "data-testid": "smoothing", title: "Smoothing: debiased exponential moving average weight" });
  input.addEventListener("input", () => { value.textContent = Number(input.value).toFixed(2); });
  input.addEventListener("change", () => onChange(Number(input.value)));
  return el("label", { className: "smooth" }, ["smooth ", input, value]);
}
