// The reader's view in the URL, after the route: #/group/cv-1?by=group&by=config:lr&q=adam&sort=-summary:loss
// (docs/html-report.md, "View state in the URL"). Only what differs from the defaults is written, so an
// untouched page keeps its plain #/ links; a link with a view reopens it, and back/forward step through views.

import { chartDefaults } from "./data/chart-settings.js";
import { COLUMN_AGGREGATES } from "./data/columns.js";

/** @typedef {import("./page-state.js").PageState} PageState */
/** @typedef {import("./data/chart-settings.js").ChartSettings} ChartSettings */

/**
 * The query of a view: empty for the defaults.
 * @param {PageState} state
 * @param {PageState} defaults a fresh state of the same data
 */
export function viewQuery(state, defaults) {
  const q = new URLSearchParams();
  if (state.project) q.set("project", state.project);
  if (state.grouped !== defaults.grouped) q.set("grouped", state.grouped ? "1" : "0");
  if (state.keys.join("\n") !== defaults.keys.join("\n")) for (const k of state.keys) q.append("by", k);
  if (state.filter) q.set("q", state.filter);
  if (state.sort.col) q.set("sort", (state.sort.dir < 0 ? "-" : "") + state.sort.col);
  if (state.columns) {
    q.set("cols", "");
    for (const c of state.columns) q.append("col", c);
  }
  for (const [col, agg] of state.colAgg) if (agg !== "mean") q.append("agg", agg + ":" + col);
  if (state.compareMetric) q.set("compare", state.compareMetric);
  if (state.metricSearch) q.set("metrics", state.metricSearch);
  for (const name of state.collapsedSections) q.append("closed", name);
  if (state.showRuns !== null) q.set("runs", state.showRuns ? "1" : "0");
  if (state.strokeBy) q.set("stroke", state.strokeBy);
  if (state.chartBy) q.set("charts", state.chartBy);
  const plain = settingEntries(chartDefaults());
  for (const [metric, settings] of state.chartSettings) {
    const changed = settingEntries(settings).filter(([name, value]) => value !== plain.find(e => e[0] === name)?.[1]);
    // The metric is encoded once more, so a "|" in its name is no separator.
    if (changed.length) q.append("chart", encodeURIComponent(metric) + "|" + changed.map(([name, value]) => name + "=" + encodeURIComponent(value)).join("|"));
  }
  return q.toString();
}

/**
 * A chart's settings as text: the simple ones (strings, numbers, booleans) as they are, whatever settings the
 * charts have, and a set (the lines hidden through the legend) as its members, each URL-encoded, after commas;
 * an empty set is "".
 * @param {ChartSettings} settings
 * @returns {[string, string][]}
 */
function settingEntries(settings) {
  return Object.entries(settings).flatMap(([k, v]) => {
    if (["string", "number", "boolean"].includes(typeof v)) return [[k, String(v)]];
    return v instanceof Set ? [[k, Array.from(v, m => encodeURIComponent(String(m))).join(",")]] : [];
  });
}

/**
 * Puts a URL's view into the state; what the query does not name is the default's.
 * @param {PageState} state
 * @param {PageState} defaults
 * @param {string} query the part of the hash after "?"
 */
export function applyViewQuery(state, defaults, query) {
  const q = new URLSearchParams(query);
  state.project = q.get("project") ?? "";
  state.grouped = q.has("grouped") ? q.get("grouped") === "1" : defaults.grouped;
  state.keys = q.getAll("by").length ? q.getAll("by") : defaults.keys.slice();
  state.filter = q.get("q") ?? "";
  const sort = q.get("sort") ?? "";
  state.sort = sort.startsWith("-") ? { col: sort.slice(1), dir: -1 } : { col: sort, dir: 1 };
  state.columns = q.has("cols") ? new Set(q.getAll("col")) : null;
  state.colAgg = new Map();
  for (const entry of q.getAll("agg")) {
    const at = entry.indexOf(":");
    const agg = COLUMN_AGGREGATES.find(a => a === entry.slice(0, at));
    if (agg) state.colAgg.set(entry.slice(at + 1), agg);
  }
  state.compareMetric = q.get("compare");
  state.metricSearch = q.get("metrics") ?? "";
  state.collapsedSections = Array.from(new Set(q.getAll("closed").filter(name => name !== "")));
  const runs = q.get("runs");
  state.showRuns = runs === "1" ? true : runs === "0" ? false : defaults.showRuns;
  state.strokeBy = q.get("stroke") ?? defaults.strokeBy;
  state.chartBy = q.get("charts") ?? defaults.chartBy;
  state.chartSettings = new Map();
  for (const entry of q.getAll("chart")) {
    const [encoded, ...pairs] = entry.split("|");
    const metric = safeDecode(encoded);
    const settings = chartDefaults();
    /** @type {Record<string, unknown>} */
    const open = settings;
    for (const pair of pairs) {
      const at = pair.indexOf("=");
      const name = pair.slice(0, at), text = safeDecode(pair.slice(at + 1));
      const plain = open[name];
      if (typeof plain === "number" && Number.isFinite(Number(text))) open[name] = Number(text);
      else if (typeof plain === "boolean") open[name] = text === "true";
      else if (typeof plain === "string") open[name] = text;
      else if (plain instanceof Set) open[name] = new Set(text.split(",").filter(m => m !== "").map(safeDecode));
    }
    state.chartSettings.set(metric, settings);
  }
}

/**
 * A stroke-by or chart-by key the runs do not have (a hand-edited link, or one from a report of other runs)
 * is dropped: the charts then draw as with none, and the selects show what the charts do.
 * @param {PageState} state
 * @param {ReadonlySet<string>} keys the ids of the keys the runs can be grouped by
 */
export function dropUnknownChartKeys(state, keys) {
  if (!keys.has(state.strokeBy)) state.strokeBy = "";
  if (!keys.has(state.chartBy)) state.chartBy = "";
}

/**
 * A hand-edited URL may hold a stray "%": then the text is taken as it is.
 * @param {string} text
 */
function safeDecode(text) {
  try { return decodeURIComponent(text); } catch { return text; }
}

/**
 * The route part of a hash and its view query.
 * @param {string} hash
 */
export function splitHash(hash) {
  const at = hash.indexOf("?");
  return at < 0 ? { route: hash, query: "" } : { route: hash.slice(0, at), query: hash.slice(at + 1) };
}
