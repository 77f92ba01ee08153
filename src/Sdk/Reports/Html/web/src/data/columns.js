// The runs table's columns, their statistics over a group's runs, and the order of rows and groups.

import { asNumber, isFiniteNumber } from "./report-data.js";
import { configKeys, countBy, summaryKeys } from "./grouping.js";
import { isProblem } from "./problems.js";
import { describe } from "./statistics.js";
import { memoByRun } from "./run-memo.js";
import { compareValues, formatDuration, valueId } from "./values.js";

/** @typedef {import("./report-data.js").Run} Run */
/** @typedef {import("./report-data.js").JsonValue} JsonValue */
/** @typedef {import("./grouping.js").GroupNode} GroupNode */
/** @typedef {import("./statistics.js").Stats} Stats */

/** @typedef {"mean" | "median" | "min" | "max" | "std"} ColumnAggregate */

/**
 * @typedef {object} Column
 * @property {string} id "name", "group", …, "error", "config:<key>" or "summary:<metric>"
 * @property {string} label
 * @property {"run" | "config" | "summary"} section
 * @property {boolean} numeric
 * @property {(run: Run) => JsonValue | undefined} get
 * @property {(v: number) => string} [format]
 */

/** @typedef {{ col: string, dir: number }} SortOrder */

/** @typedef {Stats & { other: number }} ColumnStats */

/** What a group row shows per numeric column, in the order the column's button cycles through. */
/** @type {readonly ColumnAggregate[]} */
export const COLUMN_AGGREGATES = ["mean", "median", "min", "max", "std"];

/**
 * @param {readonly Run[]} runs
 * @returns {Column[]}
 */
export function tableColumns(runs) {
  /** @type {Column[]} */
  const cols = [
    { id: "name", label: "Name", section: "run", numeric: false, get: r => r.name },
    { id: "group", label: "group", section: "run", numeric: false, get: r => r.group },
    { id: "job_type", label: "job_type", section: "run", numeric: false, get: r => r.job_type },
    { id: "state", label: "state", section: "run", numeric: false, get: r => r.state },
    { id: "duration", label: "duration", section: "run", numeric: true, get: r => r.duration, format: formatDuration },
  ];
  if (runs.some(r => r.tags.length)) cols.push({ id: "tags", label: "tags", section: "run", numeric: false, get: r => r.tags.join(", ") || null });
  if (runs.some(r => r.error !== null)) cols.push({ id: "error", label: "error", section: "run", numeric: false, get: r => r.error });
  for (const k of configKeys(runs)) {
    const numeric = runs.every(r => {
      const v = r.config.get(k);
      return v === undefined || v === null || typeof v === "number";
    });
    /** @param {Run} r */
    const get = r => r.config.get(k);
    // A numeric column's values are numbers or nothing: kept per run, as every sort and statistic reads them.
    cols.push({ id: "config:" + k, label: k, section: "config", numeric, get: numeric ? memoByRun(r => /** @type {number | null | undefined} */ (get(r))) : get });
  }
  for (const k of summaryKeys(runs)) {
    cols.push({ id: "summary:" + k, label: k, section: "summary", numeric: true, get: memoByRun(r => asNumber(r.summary.get(k))) });
  }
  return cols;
}

/**
 * Statistics of a column's finite numbers; NaN, infinities and other values are counted, never averaged.
 * @param {Pick<Column, "get">} col
 * @param {readonly Run[]} runs
 * @returns {ColumnStats}
 */
export function columnStats(col, runs) {
  const { values, other } = columnNumbers(col, runs);
  return { ...describe(values, true), other };
}

/**
 * A column's finite numbers over the runs, and how many other values (NaN, infinities, text) there are.
 * @typedef {{ values: number[], other: number }} ColumnNumbers
 */

/**
 * @param {Pick<Column, "get">} col
 * @param {readonly Run[]} runs
 * @returns {ColumnNumbers}
 */
function columnNumbers(col, runs) {
  /** @type {number[]} */
  const values = [];
  let other = 0;
  for (const r of runs) {
    const v = col.get(r);
    if (isFiniteNumber(v)) values.push(v);
    else if (v !== null && v !== undefined) other++;
  }
  return { values, other };
}

/**
 * What a group row shows per column, computed once per group and column: a tree is kept while its grouping
 * is (app.js), so sorting, opening groups and scrolling the table reuse its groups' figures.
 * @type {WeakMap<GroupNode, Map<string, ColumnStats | ColumnNumbers | DistinctValues | Map<string, number>>>}
 */
const groupFigures = new WeakMap();

/**
 * @template T
 * @param {GroupNode} node
 * @param {string} key
 * @param {() => T} compute
 * @returns {T}
 */
function groupFigure(node, key, compute) {
  let figures = groupFigures.get(node);
  if (!figures) { figures = new Map(); groupFigures.set(node, figures); }
  let figure = figures.get(key);
  if (!figure) { figure = /** @type {ColumnStats | ColumnNumbers | DistinctValues | Map<string, number>} */ (compute()); figures.set(key, figure); }
  return /** @type {T} */ (figure);
}

/**
 * The statistics of a numeric column over a group's runs, computed once per group.
 * @param {GroupNode} node
 * @param {Column} col
 * @returns {ColumnStats}
 */
export function groupStats(node, col) {
  return groupFigure(node, "stats\u0000" + col.id, () => {
    const { values, other } = groupNumbers(node, col);
    return { ...describe(values, true), other };
  });
}

/**
 * A numeric column's finite numbers over a group's runs, read once per group: its statistics and the group
 * comparison's Welch test both start from them.
 * @param {GroupNode} node
 * @param {Column} col
 * @returns {ColumnNumbers}
 */
export function groupNumbers(node, col) {
  return groupFigure(node, "numbers\u0000" + col.id, () => columnNumbers(col, node.runs));
}

/**
 * How many of a group's runs are in each state, in the order the states first come.
 * @param {GroupNode} node
 * @returns {Map<string, number>}
 */
export function groupStates(node) {
  return groupFigure(node, "states", () => countBy(node.runs, r => r.state));
}

/**
 * How many different values a column has among a group's runs, and the first run's: a group row shows the
 * value when all share it, else the count.
 * @typedef {{ count: number, first: JsonValue | undefined }} DistinctValues
 */

/**
 * @param {GroupNode} node
 * @param {Column} col
 * @returns {DistinctValues}
 */
export function groupDistinct(node, col) {
  return groupFigure(node, "distinct\u0000" + col.id, () => distinctValues(col, node.runs));
}

/**
 * Values are told apart as valueId tells them (0.1 and 0.10 are one; null and a missing value are one), with
 * text, numbers and booleans compared as they are: no string is built per run but for arrays and objects.
 * @param {Pick<Column, "get">} col
 * @param {readonly Run[]} runs
 * @returns {DistinctValues}
 */
export function distinctValues(col, runs) {
  /** @type {Set<JsonValue>} */
  const plain = new Set();
  /** @type {Set<string>} */
  const structured = new Set();
  for (const run of runs) {
    const v = col.get(run);
    if (v !== null && typeof v === "object") structured.add(valueId(v));
    else plain.add(v === undefined ? null : v);
  }
  return { count: plain.size + structured.size, first: runs.length ? col.get(runs[0]) : undefined };
}

/**
 * The hover text of a group row's cell.
 * @param {ColumnStats} stats
 * @param {(v: number) => string} format
 */
export function statsTitle(stats, format) {
  if (!stats.n) return stats.other ? stats.other + " non-finite value(s)" : "no values";
  /** @param {number} v */
  const f = v => (isFiniteNumber(v) ? format(v) : "–");
  const lines = ["mean " + f(stats.mean), "median " + f(stats.median), "min " + f(stats.min), "max " + f(stats.max),
    "std " + f(stats.std), "n " + stats.n];
  if (stats.other) lines.push(stats.other + " non-finite value(s) left out");
  return lines.join("\n");
}

/**
 * @param {Map<string, ColumnAggregate>} colAgg the aggregate chosen per column id
 * @param {string} colId
 * @returns {ColumnAggregate}
 */
export function columnAggregate(colAgg, colId) {
  return colAgg.get(colId) || "mean";
}

/**
 * Orders runs by the sorted column, then by name. Until the reader sorts by a column, the runs that did not
 * finish come first.
 * @param {readonly Column[]} cols
 * @param {SortOrder} sort
 * @returns {(a: Run, b: Run) => number}
 */
export function runSorter(cols, sort) {
  const byName = /** @param {Run} a @param {Run} b */ (a, b) => compareValues(a.name, b.name);
  const col = cols.find(c => c.id === sort.col);
  if (!col) return (a, b) => Number(isProblem(b)) - Number(isProblem(a)) || byName(a, b);
  return (a, b) => sort.dir * compareValues(col.get(a), col.get(b)) || byName(a, b);
}

/**
 * Orders groups by the sorted column's aggregate when it is numeric, else by value (reversed on demand).
 * @param {GroupNode[]} nodes
 * @param {readonly Column[]} cols
 * @param {SortOrder} sort
 * @param {Map<string, ColumnAggregate>} colAgg
 */
export function sortNodes(nodes, cols, sort, colAgg) {
  const col = cols.find(c => c.id === sort.col);
  if (!col || !col.numeric) {
    return sort.dir < 0 ? nodes.slice().reverse() : nodes;
  }
  const agg = columnAggregate(colAgg, col.id);
  /** @param {GroupNode} node */
  const value = node => { const s = groupStats(node, col); return s.n ? s[agg] : null; };
  /** @type {[GroupNode, number | null][]} */
  const withValues = nodes.map(n => [n, value(n)]);
  withValues.sort((a, b) => (a[1] === null || b[1] === null) ? compareValues(a[1], b[1]) : sort.dir * (a[1] - b[1]));
  return withValues.map(p => p[0]);
}

/** Key metrics the table shows until the reader picks columns: more would push the config off screen. */
const DEFAULT_METRICS = 8;

/**
 * The columns shown until the reader picks their own (W&B's default): the run's fields, the config keys whose
 * value differs between the runs, and the key metrics (the compared metric first, then the others, the test
 * logger's bookkeeping last).
 * @param {readonly Column[]} cols
 * @param {readonly Run[]} runs
 * @param {{ loggerKeys: Set<string>, compareMetric: string | null }} data
 * @returns {Set<string>}
 */
export function defaultColumnIds(cols, runs, data) {
  /** @type {Set<string>} */
  const ids = new Set();
  /** @type {string[]} */
  const metrics = [];
  for (const col of cols) {
    if (col.section === "run") ids.add(col.id);
    else if (col.section === "config" && varies(col, runs)) ids.add(col.id);
    else if (col.section === "summary") metrics.push(col.label);
  }
  const rank = /** @param {string} m */ m => (m === data.compareMetric ? 0 : data.loggerKeys.has(m) ? 2 : 1);
  metrics.sort((a, b) => rank(a) - rank(b));
  for (const m of metrics.slice(0, DEFAULT_METRICS)) ids.add("summary:" + m);
  return ids;
}

/**
 * @param {Pick<Column, "get">} col
 * @param {readonly Run[]} runs
 */
function varies(col, runs) {
  if (!runs.length) return false;
  const first = valueId(col.get(runs[0]));
  return runs.some(r => valueId(col.get(r)) !== first);
}

/**
 * The columns shown: the chosen ids (or the defaults), in the table's order; the run's name always.
 * @param {readonly Column[]} cols
 * @param {ReadonlySet<string>} chosen
 */
export function shownColumns(cols, chosen) {
  return cols.filter(c => c.id === "name" || chosen.has(c.id));
}
