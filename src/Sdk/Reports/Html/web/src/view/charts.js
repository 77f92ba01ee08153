// One chart per metric, drawn with uPlot. Grouped: one line per group (its mean, median, min or max across
// its runs, bucket by bucket) with a shaded band; ungrouped: one line per run. The lines come from the pure
// modules in ../data; this module only lays out the cards and their controls and draws.

import uPlot from "uplot";
import { clear, el, select } from "./dom.js";
import { showTooltip } from "./chart-tooltip.js";
import { colorFor, withAlpha } from "./palette.js";
import { BANDS, LINE_AGGREGATES, chartDefaults, xAxisOptions, xLabel } from "../data/chart-settings.js";
import { displayedValues } from "../data/curves.js";
import { SeriesCache, buildSeries, lineSources } from "../data/series.js";
import { formatNumber } from "../data/values.js";

/** @typedef {import("../page-state.js").ViewContext} ViewContext */
/** @typedef {import("../data/chart-settings.js").ChartSettings} ChartSettings */
/** @typedef {import("../data/series.js").Series} Series */
/** @typedef {import("./chart-tooltip.js").ShownLine} ShownLine */

/** The legend lists this many lines at most. */
const MAX_LEGEND = 40;

/** The charts section: its cards, the uPlot instances drawn in them, and what they can reuse between renders. */
export class ChartBoard {
  /** @param {HTMLElement} container */
  constructor(container) {
    this.container = container;
    /** @type {uPlot[]} */
    this.live = [];
    /** @type {number[] | null} */
    this.knownWidths = null;
    this.cache = new SeriesCache();
  }

  /** The window was resized: measure the cards again at the next render. */
  forgetWidths() {
    this.knownWidths = null;
  }

  /** @param {ViewContext} ctx */
  render(ctx) {
    for (const u of this.live) u.destroy();
    this.live = [];
    clear(this.container);
    // Only the metrics these runs logged get a chart: another project's or another group's metrics would
    // be empty cards.
    if (!ctx.metrics.length) {
      this.container.appendChild(el("p", { className: "empty" }, "No metrics were logged by these runs."));
      return;
    }
    const cards = ctx.metrics.map(metric => {
      let settings = ctx.state.chartSettings.get(metric);
      if (!settings) { settings = chartDefaults(); ctx.state.chartSettings.set(metric, settings); }
      const card = this.card(metric, ctx, settings);
      this.container.appendChild(card);
      return { card, metric, settings };
    });
    // Widths are read once for all cards (reading one after drawing another would force a layout per chart)
    // and kept until the window is resized, so a regroup lays the page out once, when it paints.
    if (!this.knownWidths || this.knownWidths.length !== cards.length) this.knownWidths = cards.map(({ card }) => plotOf(card).clientWidth);
    const widths = this.knownWidths;
    cards.forEach(({ card, metric, settings }, i) => this.draw(card, metric, ctx, settings, widths[i]));
  }

  /**
   * A chart's card: title, controls, plot area and legend.
   * @param {string} metric
   * @param {ViewContext} ctx
   * @param {ChartSettings} settings
   */
  card(metric, ctx, settings) {
    const card = el("div", { className: "chart-card", "data-testid": "chart", "data-metric": metric });
    // A control redraws its own chart only, so changing one chart's settings does not redraw the others.
    /** @type {(change: Partial<ChartSettings>) => void} */
    const change = update => { Object.assign(settings, update); this.draw(card, metric, ctx, settings); };
    const log = el("input", { type: "checkbox", "data-testid": "log-scale", checked: settings.log });
    log.addEventListener("change", () => change({ log: log.checked }));
    const controls = el("div", { className: "chart-controls" }, [
      el("label", null, ["line ", select("line-agg", LINE_AGGREGATES, settings.line, v => change({ line: v }), "Line: statistic across the group's runs")]),
      el("label", null, ["band ", select("band", BANDS, settings.band, v => change({ band: v }), "Shaded band around each group line")]),
      el("label", null, ["x ", select("x-axis", xAxisOptions(ctx.metrics.filter(m => m !== metric)), settings.x, v => change({ x: v }), "x axis")]),
      el("label", { className: "check" }, [log, "log"]),
      smoothingControl(settings.smooth, v => change({ smooth: v })),
    ]);
    if (!ctx.grouped) {
      for (const s of controls.querySelectorAll("select[data-testid=line-agg],select[data-testid=band]")) {
        const control = /** @type {HTMLSelectElement} */ (s);
        control.disabled = true;
        control.title = "Turn grouping on to aggregate runs";
      }
    }
    card.appendChild(el("div", { className: "chart-head" }, [el("h3", { title: metric }, metric), controls]));
    card.appendChild(el("div", { className: "plot" }));
    card.appendChild(el("div", { className: "legend" }));
    return card;
  }

  /**
   * Draws (or redraws) the uPlot chart inside a card from the current settings.
   * @param {HTMLElement} card
   * @param {string} metric
   * @param {ViewContext} ctx
   * @param {ChartSettings} settings
   * @param {number} [knownWidth]
   */
  draw(card, metric, ctx, settings, knownWidth) {
    const plot = plotOf(card), legend = /** @type {HTMLElement} */ (card.querySelector(".legend"));
    const previous = this.live.find(u => u.root.parentNode === plot);
    if (previous) { previous.destroy(); this.live = this.live.filter(u => u !== previous); }
    clear(plot); clear(legend);
    const sources = lineSources(ctx.grouped, ctx.leaves, ctx.runs);
    const withRuns = ctx.route.page === "group";
    const built = buildSeries(metric, sources, { grouped: ctx.grouped, withRuns, settings }, ctx.data, this.cache);
    if (!built || !built.series.length) {
      plot.appendChild(el("p", { className: "empty" }, "No finite values of this metric against this x axis."));
      card.dataset.lines = "0"; card.dataset.bands = "0";
      return;
    }
    const withBand = ctx.grouped && settings.band !== "none";
    /** @type {uPlot.AlignedData} */
    const data = [built.grid.xs];
    /** @type {uPlot.Series[]} */
    const series = [{ label: xLabel(settings.x) }];
    /** @type {uPlot.Band[]} */
    const bands = [];
    /** @type {ShownLine[]} */
    const shown = [];
    const visible = built.series.filter(s => !settings.hidden.has(s.id));
    // On a group page the group's own runs are drawn faintly behind its aggregate line.
    for (const s of visible) {
      for (const ghost of s.ghosts) {
        data.push(displayedValues(ghost, settings));
        series.push({ label: s.label + " run", stroke: withAlpha(colorFor(s.order), 0.3), width: 1, spanGaps: true, points: { show: false } });
      }
    }
    for (const s of visible) {
      const lineIdx = data.length;
      data.push(displayedValues(s.line, settings));
      series.push({ label: s.label, stroke: colorFor(s.order), width: ctx.grouped ? 2 : 1.25, spanGaps: true, points: { show: false } });
      if (withBand && s.lo && s.hi) {
        data.push(displayedValues(s.hi, settings), displayedValues(s.lo, settings));
        series.push({ label: s.label + " high", stroke: "transparent", width: 0, spanGaps: true, points: { show: false } },
          { label: s.label + " low", stroke: "transparent", width: 0, spanGaps: true, points: { show: false } });
        bands.push({ series: [lineIdx + 1, lineIdx + 2], fill: withAlpha(colorFor(s.order), 0.16) });
      }
      shown.push({ s, lineIdx });
    }
    card.dataset.lines = String(shown.length);
    card.dataset.bands = String(bands.length);
    const tooltip = el("div", { className: "tooltip", hidden: true });
    const width = Math.max(280, knownWidth || plot.clientWidth || 480);
    const u = new uPlot({
      width, height: 240,
      legend: { show: false },
      cursor: { points: { show: false }, drag: { x: true, y: false } },
      scales: { x: { time: settings.x === "wall" }, y: { distr: settings.log ? 3 : 1 } },
      axes: [
        { label: xLabel(settings.x), labelSize: 18, size: 36, stroke: "#5b6270", grid: { stroke: "#eceef2" }, ticks: { stroke: "#dfe2e8" } },
        { size: 56, stroke: "#5b6270", grid: { stroke: "#eceef2" }, ticks: { stroke: "#dfe2e8" }, values: (_, values) => values.map(tickLabel) },
      ],
      series, bands,
      hooks: { setCursor: [chart => showTooltip(chart, tooltip, shown, withBand, settings.x)] },
    }, data, plot);
    plot.appendChild(tooltip);
    this.live.push(u);
    renderLegend(legend, built.series, settings, () => this.draw(card, metric, ctx, settings), ctx.grouped);
  }
}

/**
 * A y tick's label. uPlot's types promise numbers, but on a log scale it leaves some ticks without one (null).
 * @param {number | null} value
 */
function tickLabel(value) {
  return value === null || value === undefined ? "" : formatNumber(value);
}

/** @param {HTMLElement} card */
function plotOf(card) {
  return /** @type {HTMLElement} */ (card.querySelector(".plot"));
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

/**
 * Legend entries that hide or show their line.
 * @param {HTMLElement} legend
 * @param {readonly Series[]} series
 * @param {ChartSettings} settings
 * @param {() => void} redraw
 * @param {boolean} grouped
 */
function renderLegend(legend, series, settings, redraw, grouped) {
  for (const s of series.slice(0, MAX_LEGEND)) {
    const hidden = settings.hidden.has(s.id);
    const swatch = el("span", { className: "swatch" });
    swatch.style.background = colorFor(s.order);
    legend.appendChild(el("button", { type: "button", className: "legend-item" + (hidden ? " off" : ""), "aria-pressed": hidden ? "false" : "true",
      title: hidden ? "Show" : "Hide", onclick: () => { if (hidden) settings.hidden.delete(s.id); else settings.hidden.add(s.id); redraw(); } },
    [swatch, s.label, grouped ? el("span", { className: "n", title: "runs with a value of this metric against this x axis" }, " n=" + s.runs) : null]));
  }
  if (series.length > MAX_LEGEND) legend.appendChild(el("span", { className: "more" }, "+" + (series.length - MAX_LEGEND) + " more"));
}
