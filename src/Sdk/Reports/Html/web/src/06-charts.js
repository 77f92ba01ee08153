// One chart per metric. Grouped: one line per group (mean, median, min or max across its runs, bucket by
// bucket) with a shaded band; ungrouped: one line per run. Runs arrive already bucketed by the C# side
// (last value per bucket); the page only aligns them on the chart's x grid and aggregates across runs.
"use strict";

const LINE_AGGS = [["mean", "mean"], ["median", "median"], ["min", "min"], ["max", "max"]];
const BANDS = [["none", "none"], ["minmax", "min-max"], ["std", "std dev"], ["stderr", "std err"], ["ci95", "95% CI"]];
const PALETTE = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f",
  "#2f4b7c", "#a05195", "#d45087", "#f95d6a", "#ff7c43", "#665191", "#00a6a6", "#7f8c8d", "#2ca02c", "#8c564b", "#17becf"];
const MAX_LEGEND = 40, MAX_TOOLTIP = 10, MAX_GRID = 400;

let liveCharts = [];
let knownWidths = null;

function forgetChartWidths() {
  knownWidths = null;
}

// A run's points and their alignment on a grid depend only on the metric, the x axis and the grid, never
// on the grouping: cached, a regroup only re-aggregates.
const pointCache = new Map();
const alignCache = new Map();

function cachedPoints(run, metric, axis, data) {
  const key = metric + "\u0000" + axis;
  let perRun = pointCache.get(key);
  if (!perRun) { perRun = new Map(); pointCache.set(key, perRun); }
  let points = perRun.get(run.index);
  if (!points) { points = runPoints(run, metric, axis, data); perRun.set(run.index, points); }
  return points;
}

function cachedAlign(points, grid) {
  const key = grid.min + ":" + grid.max + ":" + grid.size;
  let perGrid = alignCache.get(points);
  if (!perGrid) { perGrid = new Map(); alignCache.set(points, perGrid); }
  let aligned = perGrid.get(key);
  if (!aligned) {
    if (perGrid.size > 4) perGrid.clear();   // grids change with filters; keep memory bounded
    aligned = alignRun(points, grid);
    perGrid.set(key, aligned);
  }
  return aligned;
}

function destroyCharts() {
  for (const u of liveCharts) u.destroy();
  liveCharts = [];
}

function chartDefaults() {
  return { line: "mean", band: "std", x: "step", log: false, smooth: 0, hidden: new Set() };
}

function xAxisOptions(metrics) {
  return [["step", "step"], ["runtime", "runtime (s)"], ["wall", "wall time"]].concat(metrics.map(m => ["metric:" + m, m]));
}

/**
 * Finite (x, y) pairs of one run for one metric against the chosen x axis. Curves come bucketed on the step
 * axis; runtime, wall time and other metrics are read from the same run's curve at the same step.
 */
function runPoints(run, metric, axis, data) {
  const curve = data.curves[metric];
  const entry = curve && curve.byRun.get(run.index);
  const points = { xs: [], ys: [] };
  if (!entry) return points;
  const xCurve = axis === "runtime" ? data.axes.runtime : axis === "wall" ? data.axes.wall : axis.startsWith("metric:") ? data.curves[axis.slice(7)] : null;
  const shift = axis === "wall" ? data.time_origin : 0;
  for (let k = 0; k < entry.values.length; k++) {
    const y = entry.values[k];
    if (y === null) continue;
    const step = curve.x0 + (entry.first + k) * curve.width;
    const x = axis === "step" ? step : curveValueAt(xCurve, run.index, step);
    if (x !== null && isFinite(x)) { points.xs.push(x + shift); points.ys.push(y); }
  }
  return points;
}

/**
 * A shared x grid for the chart: as many slots as the densest run has points (at most MAX_GRID), evenly
 * spaced over the x range, so runs logged at the same steps land on the same slots.
 */
function chartGrid(pointSets, stepWidth) {
  let min = Infinity, max = -Infinity, most = 1;
  for (const p of pointSets) {
    for (const x of p.xs) { if (x < min) min = x; if (x > max) max = x; }
    if (p.xs.length > most) most = p.xs.length;
  }
  if (min === Infinity) return null;
  // On the step axis the runs already share the engine's grid: keep its buckets one to one.
  const size = max === min ? 1 : stepWidth ? Math.round((max - min) / stepWidth) + 1 : Math.max(2, Math.min(most, MAX_GRID));
  const xs = new Array(size);
  for (let j = 0; j < size; j++) xs[j] = size === 1 ? min : min + (j * (max - min)) / (size - 1);
  return { min, max, size, xs };
}

/** One run's points on the grid: the last value per slot, gaps where it logged nothing, never extrapolated. */
function alignRun(points, grid) {
  const out = new Float64Array(grid.size).fill(NaN);
  const span = grid.max - grid.min;
  for (let i = 0; i < points.xs.length; i++) {
    const j = span > 0 ? Math.round(((points.xs[i] - grid.min) / span) * (grid.size - 1)) : 0;
    out[j] = points.ys[i];
  }
  return out;
}

/** Per slot across a group's aligned runs: the line statistic, band edges and n. */
function aggregateSeries(aligned, size, line, band) {
  const result = { line: new Array(size), lo: new Array(size), hi: new Array(size), n: new Array(size) };
  const values = [];
  for (let j = 0; j < size; j++) {
    values.length = 0;
    for (const a of aligned) if (!isNaN(a[j])) values.push(a[j]);
    const s = describe(values, line === "median");
    result.n[j] = s.n;
    if (!s.n) { result.line[j] = result.lo[j] = result.hi[j] = null; continue; }
    result.line[j] = s[line];
    const [lo, hi] = bandEdges(s, band);
    result.lo[j] = lo; result.hi[j] = hi;
  }
  return result;
}

function bandEdges(s, band) {
  const center = s.mean;
  switch (band) {
    case "minmax": return [s.min, s.max];
    case "std": return s.n > 1 ? [center - s.std, center + s.std] : [center, center];
    case "stderr": return s.n > 1 ? [center - s.stderr, center + s.stderr] : [center, center];
    case "ci95": return s.n > 1 ? [s.ciLow, s.ciHigh] : [center, center];
    default: return [null, null];
  }
}

function colorFor(index) {
  return PALETTE[index % PALETTE.length];
}

function withAlpha(hex, alpha) {
  const n = parseInt(hex.slice(1), 16);
  return "rgba(" + (n >> 16) + "," + ((n >> 8) & 255) + "," + (n & 255) + "," + alpha + ")";
}

/** Lines to draw for one metric: { label, color, line[], lo[], hi[], n[] } per group or per run. */
function buildSeries(metric, ctx, settings) {
  const sources = ctx.grouped ? ctx.leaves : ctx.runs.slice().sort((a, b) => compareValues(a.name, b.name)).map(r => ({ id: "run:" + r.id, label: r.name, runs: [r] }));
  const perSource = sources.map(src => src.runs.map(r => cachedPoints(r, metric, settings.x, ctx.data)));
  const grid = chartGrid(perSource.flat(), settings.x === "step" ? ctx.data.curves[metric].width : 0);
  if (!grid) return null;
  const series = [];
  sources.forEach((src, i) => {
    const aligned = perSource[i].filter(p => p.xs.length).map(p => cachedAlign(p, grid));
    if (!aligned.length) return;
    const agg = ctx.grouped ? aggregateSeries(aligned, grid.size, settings.line, settings.band)
      : { line: Array.from(aligned[0], v => (isNaN(v) ? null : v)), lo: null, hi: null, n: null };
    // On a group page the group's own runs are drawn faintly behind its aggregate line.
    const ghosts = ctx.grouped && ctx.route.page === "group" ? aligned.map(a => Array.from(a, v => (isNaN(v) ? null : v))) : [];
    series.push({ id: src.id, label: src.label, color: colorFor(i), ...agg, runs: src.runs.length, ghosts });
  });
  return { grid, series };
}

function prepareValues(values, settings) {
  if (!values) return values;
  let out = settings.smooth > 0 ? smoothEma(values, settings.smooth) : values;
  if (settings.log) out = out.map(v => (v !== null && v > 0 ? v : null));   // log scale has no place for v <= 0
  return out;
}

function renderChartCard(metric, ctx, settings) {
  const card = el("div", { className: "chart-card", "data-testid": "chart", "data-metric": metric });
  // A control redraws its own chart only, so changing one chart's settings does not redraw the others.
  const change = (field, value) => { settings[field] = value; drawChart(card, metric, ctx, settings); };
  const controls = el("div", { className: "chart-controls" }, [
    el("label", null, ["line ", select("line-agg", LINE_AGGS, settings.line, v => change("line", v), "Line: statistic across the group's runs")]),
    el("label", null, ["band ", select("band", BANDS, settings.band, v => change("band", v), "Shaded band around each group line")]),
    el("label", null, ["x ", select("x-axis", xAxisOptions(ctx.data.metrics.filter(m => m !== metric)), settings.x, v => change("x", v), "x axis")]),
    el("label", { className: "check" }, [el("input", { type: "checkbox", "data-testid": "log-scale", checked: settings.log, onchange: e => change("log", e.target.checked) }), "log"]),
    smoothingControl(settings, v => change("smooth", v)),
  ]);
  if (!ctx.grouped) for (const s of controls.querySelectorAll("[data-testid=line-agg],[data-testid=band]")) { s.disabled = true; s.title = "Turn grouping on to aggregate runs"; }
  card.appendChild(el("div", { className: "chart-head" }, [el("h3", { title: metric }, metric), controls]));
  const plot = el("div", { className: "plot" });
  card.appendChild(plot);
  card.appendChild(el("div", { className: "legend" }));
  return card;
}

function smoothingControl(settings, onChange) {
  const value = el("span", { className: "smooth-value" }, settings.smooth.toFixed(2));
  const input = el("input", { type: "range", min: "0", max: "0.99", step: "0.01", value: String(settings.smooth), "data-testid": "smoothing", title: "Smoothing: debiased exponential moving average weight" });
  input.addEventListener("input", () => { value.textContent = Number(input.value).toFixed(2); });
  input.addEventListener("change", () => onChange(Number(input.value)));
  return el("label", { className: "smooth" }, ["smooth ", input, value]);
}

/** Draws (or redraws) the uPlot chart inside a card from the current settings. */
function drawChart(card, metric, ctx, settings, knownWidth) {
  const plot = card.querySelector(".plot"), legend = card.querySelector(".legend");
  const previous = liveCharts.find(u => u.root.parentNode === plot);
  if (previous) { previous.destroy(); liveCharts = liveCharts.filter(u => u !== previous); }
  clear(plot); clear(legend);
  const built = buildSeries(metric, ctx, settings);
  if (!built || !built.series.length) {
    plot.appendChild(el("p", { className: "empty" }, "No finite values of this metric against this x axis."));
    card.dataset.lines = "0"; card.dataset.bands = "0";
    return;
  }
  const withBand = ctx.grouped && settings.band !== "none";
  const data = [built.grid.xs], series = [{ label: xLabel(settings.x) }], bands = [], shown = [];
  for (const s of built.series) {
    if (settings.hidden.has(s.id)) continue;
    for (const ghost of s.ghosts || []) {
      data.push(prepareValues(ghost, settings));
      series.push({ label: s.label + " run", stroke: withAlpha(s.color, 0.3), width: 1, spanGaps: true, points: { show: false } });
    }
  }
  for (const s of built.series) {
    if (settings.hidden.has(s.id)) continue;
    const lineIdx = data.length;
    data.push(prepareValues(s.line, settings));
    series.push({ label: s.label, stroke: s.color, width: ctx.grouped ? 2 : 1.25, spanGaps: true, points: { show: false } });
    if (withBand) {
      data.push(prepareValues(s.hi, settings), prepareValues(s.lo, settings));
      series.push({ label: s.label + " high", stroke: "transparent", width: 0, spanGaps: true, points: { show: false } },
        { label: s.label + " low", stroke: "transparent", width: 0, spanGaps: true, points: { show: false } });
      bands.push({ series: [lineIdx + 1, lineIdx + 2], fill: withAlpha(s.color, 0.16) });
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
      { size: 56, stroke: "#5b6270", grid: { stroke: "#eceef2" }, ticks: { stroke: "#dfe2e8" }, values: (u, vals) => vals.map(formatNumber) },
    ],
    series, bands,
    hooks: { setCursor: [u => showTooltip(u, tooltip, shown, withBand, settings)] },
  }, data, plot);
  plot.appendChild(tooltip);
  liveCharts.push(u);
  renderLegend(legend, built.series, settings, () => drawChart(card, metric, ctx, settings), ctx.grouped);
}

function xLabel(axis) {
  if (axis === "step") return "step";
  if (axis === "runtime") return "runtime (s)";
  if (axis === "wall") return "wall time";
  return axis.slice(7);
}

function renderLegend(legend, series, settings, redraw, grouped) {
  series.slice(0, MAX_LEGEND).forEach(s => {
    const hidden = settings.hidden.has(s.id);
    legend.appendChild(el("button", { type: "button", className: "legend-item" + (hidden ? " off" : ""), "aria-pressed": hidden ? "false" : "true",
      title: hidden ? "Show" : "Hide", onclick: () => { if (hidden) settings.hidden.delete(s.id); else settings.hidden.add(s.id); redraw(); } },
      [el("span", { className: "swatch" }), s.label, grouped ? el("span", { className: "n" }, " n=" + s.runs) : null]));
    legend.lastChild.firstChild.style.background = s.color;
  });
  if (series.length > MAX_LEGEND) legend.appendChild(el("span", { className: "more" }, "+" + (series.length - MAX_LEGEND) + " more"));
}

function showTooltip(u, tooltip, shown, withBand, settings) {
  const idx = u.cursor.idx;
  if (idx === null || idx === undefined || u.cursor.left < 0) { tooltip.hidden = true; return; }
  const rows = [];
  for (const { s, lineIdx } of shown) {
    const v = u.data[lineIdx][idx];
    if (v === null || v === undefined || !u.series[lineIdx].show) continue;
    rows.push({ s, v, lo: withBand ? u.data[lineIdx + 2][idx] : null, hi: withBand ? u.data[lineIdx + 1][idx] : null, n: s.n ? s.n[idx] : null });
  }
  if (!rows.length) { tooltip.hidden = true; return; }
  rows.sort((a, b) => b.v - a.v);
  clear(tooltip);
  const x = u.data[0][idx];
  tooltip.appendChild(el("div", { className: "tt-x" }, xLabel(settings.x) + " " + (settings.x === "wall" ? new Date(x * 1000).toLocaleString() : formatNumber(x))));
  for (const r of rows.slice(0, MAX_TOOLTIP)) {
    const row = el("div", { className: "tt-row" }, [el("span", { className: "swatch" }), el("span", { className: "tt-label" }, r.s.label),
      el("span", { className: "tt-value" }, formatNumber(r.v)),
      r.lo !== null && r.hi !== null ? el("span", { className: "tt-band" }, "[" + formatNumber(r.lo) + ", " + formatNumber(r.hi) + "]") : null,
      r.n !== null ? el("span", { className: "tt-n" }, "n=" + r.n) : null]);
    row.firstChild.style.background = r.s.color;
    tooltip.appendChild(row);
  }
  if (rows.length > MAX_TOOLTIP) tooltip.appendChild(el("div", { className: "tt-more" }, "+" + (rows.length - MAX_TOOLTIP) + " more"));
  tooltip.hidden = false;
  const over = u.over.getBoundingClientRect(), box = tooltip.parentNode.getBoundingClientRect();
  const left = u.cursor.left + over.left - box.left, top = u.cursor.top + over.top - box.top;
  const flip = left + tooltip.offsetWidth + 16 > box.width;
  tooltip.style.left = (flip ? left - tooltip.offsetWidth - 12 : left + 12) + "px";
  tooltip.style.top = Math.max(0, top - 10) + "px";
}

function renderCharts(container, ctx) {
  destroyCharts();
  clear(container);
  if (!ctx.data.metrics.length) {
    container.appendChild(el("p", { className: "empty" }, "No metrics were logged by these runs."));
    return;
  }
  const cards = ctx.data.metrics.map(metric => {
    const settings = ctx.chartSettings[metric] || (ctx.chartSettings[metric] = chartDefaults());
    const card = renderChartCard(metric, ctx, settings);
    container.appendChild(card);
    return [card, metric, settings];
  });
  // Widths are read once for all cards (reading one after drawing another would force a layout per chart)
  // and kept until the window is resized, so a regroup lays the page out once, when it paints.
  if (!knownWidths || knownWidths.length !== cards.length) knownWidths = cards.map(([card]) => card.querySelector(".plot").clientWidth);
  const widths = knownWidths;
  cards.forEach(([card, metric, settings], i) => drawChart(card, metric, ctx, settings, widths[i]));
}
