// The runs table: sortable columns, grouped rows that collapse and show aggregates (mean by default, the
// other statistics on hover or chosen per column).

import { el } from "./dom.js";
import { COLUMN_AGGREGATES, columnAggregate, columnStats, runSorter, sortNodes, statsTitle } from "../data/columns.js";
import { countBy, keyLabel } from "../data/grouping.js";
import { oneLine } from "../data/problems.js";
import { isFiniteNumber } from "../data/report-data.js";
import { displayValueOrBlank, formatNumber, plural, valueId } from "../data/values.js";
import { ROW_PAGE, runHref } from "../page-state.js";

/** Characters of a failure message in its cell; the tooltip holds more, the run's page all of it. */
const ERROR_CELL = 120;
const ERROR_TOOLTIP = 600;

/** @typedef {import("../page-state.js").ViewContext} ViewContext */
/** @typedef {import("../page-state.js").PageState} PageState */
/** @typedef {import("../data/columns.js").Column} Column */
/** @typedef {import("../data/grouping.js").GroupNode} GroupNode */
/** @typedef {import("../data/report-data.js").Run} Run */

/** @param {ViewContext} ctx */
export function renderRunsTable(ctx) {
  const { runs, cols, tree, grouped, state, redrawTable } = ctx;
  const table = el("table", { "data-testid": "runs-table", className: "runs-table" + (grouped ? " grouped" : "") });
  table.appendChild(tableHead(cols, grouped, state, redrawTable));
  const body = el("tbody");
  const sorter = runSorter(cols, state.sort);
  // Rows beyond the limit are not built at all: a 1,000-row table would cost more layout than the charts.
  /** @type {(() => HTMLTableRowElement)[]} */
  const rows = [];
  if (grouped) {
    appendGroupRows(rows, sortNodes(tree, cols, state.sort, state.colAgg), 0, ctx, sorter);
  } else {
    for (const run of runs.slice().sort(sorter)) rows.push(() => runRow(run, cols, 0));
  }
  for (const row of rows.slice(0, state.rowLimit)) body.appendChild(row());
  if (rows.length > state.rowLimit) {
    const more = el("button", { type: "button", className: "more-rows", "data-testid": "more-rows", onclick: () => { state.rowLimit += ROW_PAGE; redrawTable(); } },
      "Show " + Math.min(ROW_PAGE, rows.length - state.rowLimit) + " more of " + (rows.length - state.rowLimit) + " hidden rows");
    body.appendChild(el("tr", { className: "more-row" }, el("td", { colspan: cols.length }, more)));
  }
  table.appendChild(body);
  return table;
}

/**
 * @param {readonly Column[]} cols
 * @param {boolean} grouped
 * @param {PageState} state
 * @param {() => void} redrawTable
 */
function tableHead(cols, grouped, state, redrawTable) {
  const head = el("thead");
  const sections = el("tr", { className: "sections" });
  let i = 0;
  while (i < cols.length) {
    let j = i;
    while (j < cols.length && cols[j].section === cols[i].section) j++;
    sections.appendChild(el("th", { colspan: j - i, className: "section section-" + cols[i].section }, cols[i].section));
    i = j;
  }
  head.appendChild(sections);
  const row = el("tr");
  for (const col of cols) {
    const sorted = state.sort.col === col.id;
    const th = el("th", { className: (col.numeric ? "num" : "") + (sorted ? " sorted" : ""), title: col.id.replace(":", ".") });
    const button = el("button", { className: "sort", type: "button", "data-col": col.id, onclick: () => {
      state.sort = sorted ? { col: col.id, dir: -state.sort.dir } : { col: col.id, dir: col.numeric ? -1 : 1 };
      redrawTable();
    } }, [col.label, sorted ? (state.sort.dir > 0 ? " ▲" : " ▼") : ""]);
    th.appendChild(button);
    if (grouped && col.numeric) {
      const agg = columnAggregate(state.colAgg, col.id);
      th.appendChild(el("button", { className: "agg", type: "button", "data-testid": "col-agg", title: "Aggregate shown in group rows (click to change)", onclick: () => {
        state.colAgg.set(col.id, COLUMN_AGGREGATES[(COLUMN_AGGREGATES.indexOf(agg) + 1) % COLUMN_AGGREGATES.length]);
        redrawTable();
      } }, agg));
    }
    row.appendChild(th);
  }
  head.appendChild(row);
  return head;
}

/**
 * Collects row builders in display order (built only when shown).
 * @param {(() => HTMLTableRowElement)[]} rows
 * @param {readonly GroupNode[]} nodes
 * @param {number} depth
 * @param {ViewContext} ctx
 * @param {(a: Run, b: Run) => number} sorter
 */
function appendGroupRows(rows, nodes, depth, ctx, sorter) {
  const { state, cols } = ctx;
  for (const node of nodes) {
    const open = state.expanded.has(node.id);
    rows.push(() => groupRow(node, depth, open, ctx));
    if (!open) continue;
    if (node.children.length) appendGroupRows(rows, sortNodes(node.children, cols, state.sort, state.colAgg), depth + 1, ctx, sorter);
    else for (const run of node.runs.slice().sort(sorter)) rows.push(() => runRow(run, cols, depth + 1));
  }
}

/**
 * @param {GroupNode} node
 * @param {number} depth
 * @param {boolean} open
 * @param {ViewContext} ctx
 */
function groupRow(node, depth, open, ctx) {
  const { state, cols, redrawTable } = ctx;
  const tr = el("tr", { className: "group-row depth-" + Math.min(depth, 4), "data-group": node.label, "aria-expanded": open ? "true" : "false" });
  tr.style.setProperty("--depth", String(depth));
  const toggle = el("button", { className: "caret", type: "button", "aria-label": open ? "Collapse group" : "Expand group", onclick: () => {
    if (open) state.expanded.delete(node.id); else state.expanded.add(node.id);
    redrawTable();
  } }, open ? "▾" : "▸");
  const states = countBy(node.runs, r => r.state);
  for (const col of cols) {
    if (col.id === "name") {
      tr.appendChild(el("td", { className: "name" }, [toggle, el("span", { className: "key" }, keyLabel(node.key) + " "),
        el("span", { className: "value" }, node.label), el("span", { className: "count", title: node.runs.length + " run(s)" }, String(node.runs.length))]));
    } else if (col.id === "state") {
      tr.appendChild(el("td", { className: "state-mix" }, Array.from(states).map(([s, n]) => el("span", { className: "pill state-" + s, title: n + " " + s }, n + " " + s))));
    } else if (col.id === "error") {
      const errors = node.runs.filter(r => r.error !== null).length;
      tr.appendChild(el("td", { className: "muted" }, errors ? plural(errors, "message") : ""));
    } else if (col.numeric) {
      const stats = columnStats(col, node.runs);
      const format = col.format || formatNumber;
      const shown = stats.n ? stats[columnAggregate(state.colAgg, col.id)] : null;
      tr.appendChild(el("td", { className: "num agg-cell", title: statsTitle(stats, format) }, isFiniteNumber(shown) ? format(shown) : stats.n ? "–" : ""));
    } else {
      const values = countBy(node.runs, r => valueId(col.get(r)));
      tr.appendChild(el("td", { className: "muted" }, values.size === 1 ? displayValueOrBlank(col.get(node.runs[0])) : values.size + " values"));
    }
  }
  return tr;
}

/**
 * @param {Run} run
 * @param {readonly Column[]} cols
 * @param {number} depth
 */
function runRow(run, cols, depth) {
  const tr = el("tr", { className: "run-row", "data-run": run.id });
  tr.style.setProperty("--depth", String(depth));
  for (const col of cols) {
    const v = col.get(run);
    if (col.id === "name") {
      const title = run.error !== null ? errorTooltip(run.error) : run.notes ? run.notes : run.id;
      tr.appendChild(el("td", { className: "name", title }, [el("span", { className: "dot state-" + run.state }), el("a", { href: runHref(run.id) }, run.name)]));
    } else if (col.id === "error") {
      tr.appendChild(run.error === null ? el("td") : el("td", { className: "error", title: errorTooltip(run.error) }, oneLine(run.error, ERROR_CELL).text));
    } else if (col.id === "state") {
      tr.appendChild(el("td", null, el("span", { className: "pill state-" + run.state }, run.state)));
    } else if (col.numeric) {
      tr.appendChild(el("td", { className: "num" }, typeof v === "number" ? (col.format || formatNumber)(v) : ""));
    } else {
      tr.appendChild(el("td", null, displayValueOrBlank(v)));
    }
  }
  return tr;
}

/**
 * A failure message for a tooltip: the first part of it, and where the rest is when it is longer.
 * @param {string} message
 */
function errorTooltip(message) {
  const { text, cut } = oneLine(message, ERROR_TOOLTIP);
  return cut ? text + "\n(truncated: the run's page shows the whole message)" : text;
}
