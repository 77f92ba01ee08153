// The runs table's rows in the order shown (groups, and the runs of the open ones), and the table as CSV:
// the same rows and columns, a group row carrying the statistic its cells show (W&B's grouped export drops
// the chosen aggregation: wandb/wandb #5222, #6474).

import { columnAggregate, groupDistinct, groupStates, groupStats, runSorter, sortNodes } from "./columns.js";

/** @typedef {import("./report-data.js").Run} Run */
/** @typedef {import("./report-data.js").JsonValue} JsonValue */
/** @typedef {import("./grouping.js").GroupNode} GroupNode */
/** @typedef {import("./columns.js").Column} Column */
/** @typedef {import("./columns.js").ColumnAggregate} ColumnAggregate */
/** @typedef {import("./columns.js").SortOrder} SortOrder */

/** Text a CSV field keeps as it is though it starts with + or -: a number, or NaN and the infinities as the store writes them. */
const NUMBER_TEXT = /^[+-]?(\d+(\.\d*)?([eE][+-]?\d+)?|Infinity|NaN)$/;

/** @typedef {{ kind: "group", node: GroupNode, depth: number, open: boolean } | { kind: "run", run: Run, depth: number }} TableRow */

/**
 * @typedef {object} TableView
 * @property {readonly Run[]} runs
 * @property {readonly GroupNode[]} tree
 * @property {boolean} grouped
 * @property {readonly Column[]} cols the columns the rows are sorted by (every column, shown or not)
 * @property {SortOrder} sort
 * @property {Map<string, ColumnAggregate>} colAgg
 * @property {ReadonlySet<string>} expanded
 */

/**
 * @param {TableView} view
 * @returns {TableRow[]}
 */
export function tableRows(view) {
  const sorter = runSorter(view.cols, view.sort);
  /** @type {TableRow[]} */
  const rows = [];
  if (!view.grouped) {
    for (const run of view.runs.slice().sort(sorter)) rows.push({ kind: "run", run, depth: 0 });
    return rows;
  }
  /** @param {readonly GroupNode[]} nodes @param {number} depth */
  const add = (nodes, depth) => {
    for (const node of sortNodes(nodes.slice(), view.cols, view.sort, view.colAgg)) {
      const open = view.expanded.has(node.id);
      rows.push({ kind: "group", node, depth, open });
      if (!open) continue;
      if (node.children.length) add(node.children, depth + 1);
      else for (const run of node.runs.slice().sort(sorter)) rows.push({ kind: "run", run, depth: depth + 1 });
    }
  };
  add(view.tree, 0);
  return rows;
}

/**
 * What a group row holds in a column: the chosen statistic of a numeric column, the one value its runs share,
 * or null when they differ (the table says "n values").
 * @param {Column} col
 * @param {GroupNode} node
 * @param {Map<string, ColumnAggregate>} colAgg
 * @returns {JsonValue | undefined}
 */
export function groupValue(col, node, colAgg) {
  if (col.numeric) {
    const stats = groupStats(node, col);
    return stats.n ? stats[columnAggregate(colAgg, col.id)] : null;
  }
  const values = groupDistinct(node, col);
  return values.count === 1 ? values.first : null;
}

/**
 * The table as CSV (RFC 4180, CRLF): a "row" column (group or run), the run id, then the shown columns; a
 * numeric column's heading names the statistic its group rows carry, and numbers keep their full precision.
 * @param {readonly TableRow[]} rows
 * @param {readonly Column[]} shown
 * @param {boolean} grouped
 * @param {Map<string, ColumnAggregate>} colAgg
 */
export function tableCsv(rows, shown, grouped, colAgg) {
  const head = ["row", "id", ...shown.map(c => (grouped && c.numeric ? c.label + " (" + columnAggregate(colAgg, c.id) + ")" : c.label))];
  const lines = [head.map(csvField).join(",")];
  for (const row of rows) {
    if (row.kind === "group") {
      const { node } = row;
      lines.push(["group", "", ...shown.map(c => (c.id === "name" ? node.label : c.id === "state" ? stateMix(node) : groupValue(c, node, colAgg)))].map(csvField).join(","));
    } else {
      lines.push(["run", row.run.id, ...shown.map(c => c.get(row.run))].map(csvField).join(","));
    }
  }
  return lines.join("\r\n") + "\r\n";
}

/** @param {GroupNode} node */
function stateMix(node) {
  return Array.from(groupStates(node), ([s, n]) => n + " " + s).join("; ");
}

/**
 * A value as a CSV field: numbers as JavaScript writes them (round-trip), arrays and objects as JSON, quoted
 * when it holds a comma, quote or line break; text starting with =, +, - or @ (other than a number, such as
 * "-Infinity") gets a leading apostrophe so a spreadsheet does not run it as a formula.
 * @param {JsonValue | undefined} v
 */
export function csvField(v) {
  if (v === null || v === undefined) return "";
  let text = typeof v === "number" ? String(v) : typeof v === "object" ? JSON.stringify(v) : String(v);
  if (typeof v === "string" && /^[=+\-@\t\r]/.test(text) && !NUMBER_TEXT.test(text)) text = "'" + text;
  return /[",\r\n]/.test(text) ? "\"" + text.replaceAll("\"", "\"\"") + "\"" : text;
}
