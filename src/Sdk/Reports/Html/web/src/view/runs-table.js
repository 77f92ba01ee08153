// The runs table: sortable columns, grouped rows that collapse and show aggregates (mean by default, the
// other statistics on hover or chosen per column). A table of up to VIRTUAL_ROWS rows builds them a page at a
// time ("show more"); a longer one builds only the rows in its frame's view and those around them, so
// 100,000 runs scroll without building 100,000 rows. Arrow keys move between rows.

import { el } from "./dom.js";
import { COLUMN_AGGREGATES, columnAggregate, groupDistinct, groupStates, groupStats, statsTitle } from "../data/columns.js";
import { keyLabel } from "../data/grouping.js";
import { oneLine } from "../data/problems.js";
import { isFiniteNumber } from "../data/report-data.js";
import { tableRows } from "../data/table-rows.js";
import { displayValueOrBlank, formatNumber, plural } from "../data/values.js";
import { ROW_PAGE, runHref } from "../page-state.js";

/** Characters of a failure message in its cell; the tooltip holds more, the run's page all of it. */
const ERROR_CELL = 120;
const ERROR_TOOLTIP = 600;

/** Longer tables build only the rows in view; shorter ones are paged, ROW_PAGE rows at a time. */
export const VIRTUAL_ROWS = 1000;

/**
 * Rows built above and below those in view, so a scroll step shows rows that are already there. Every row
 * built is laid out and painted at each step that changes the rows: a few more than a wheel step moves.
 */
const OVERSCAN = 8;

/** @typedef {import("../page-state.js").ViewContext} ViewContext */
/** @typedef {import("../page-state.js").PageState} PageState */
/** @typedef {import("../data/columns.js").Column} Column */
/** @typedef {import("../data/grouping.js").GroupNode} GroupNode */
/** @typedef {import("../data/report-data.js").Run} Run */
/** @typedef {import("../data/table-rows.js").TableRow} TableRow */

/**
 * Renders the table into its scrolling frame.
 * @param {ViewContext} ctx
 * @param {HTMLElement} frame the element that scrolls the table
 */
export function renderRunsTable(ctx, frame) {
  const { shown, grouped, state, redrawTable } = ctx;
  const rows = tableRows({ ...ctx, sort: state.sort, colAgg: state.colAgg, expanded: state.expanded });
  const virtual = rows.length > VIRTUAL_ROWS;
  const table = el("table", { "data-testid": "runs-table", className: "runs-table" + (grouped ? " grouped" : "") + (virtual ? " virtual" : ""),
    "aria-rowcount": rows.length + 2, "aria-label": "Runs" });
  table.appendChild(tableHead(shown, grouped, state, redrawTable));
  const body = el("tbody");
  table.appendChild(body);
  frame.appendChild(table);
  /**
   * @param {number} i
   * @param {HTMLTableRowElement[]} [spare] run rows out of view, to be written into rather than made anew
   */
  const build = (i, spare) => {
    const row = rows[i];
    const reused = row.kind === "run" ? spare?.pop() : undefined;
    const tr = row.kind === "group" ? groupRow(row.node, row.depth, row.open, ctx)
      : reused ? fillRunRow(reused, row.run, shown, row.depth) : runRow(row.run, shown, row.depth);
    tr.setAttribute("data-row", String(i));
    tr.setAttribute("aria-rowindex", String(i + 3));
    return tr;
  };
  if (!virtual) {
    for (let i = 0; i < Math.min(rows.length, state.rowLimit); i++) body.appendChild(build(i));
    if (rows.length > state.rowLimit) {
      const more = el("button", { type: "button", className: "more-rows", "data-testid": "more-rows", onclick: () => { state.rowLimit += ROW_PAGE; redrawTable(); } },
        "Show " + Math.min(ROW_PAGE, rows.length - state.rowLimit) + " more of " + (rows.length - state.rowLimit) + " hidden rows");
      body.appendChild(el("tr", { className: "more-row" }, el("td", { colspan: shown.length }, more)));
    }
    body.addEventListener("keydown", event => moveFocus(event, body, rows.length, () => false));
    return;
  }
  const win = new RowWindow(frame, body, rows.length, shown.length, build);
  win.draw();
  frame.addEventListener("scroll", () => win.schedule(), { passive: true });
  body.addEventListener("keydown", event => moveFocus(event, body, rows.length, i => { win.reveal(i); return true; }));
}

/**
 * The rows of a long table that are in its frame's view, between two spacers that keep its height. A scroll
 * step keeps the rows still in view as they are (not rebuilt, not moved: the focused one keeps its focus) and
 * builds only those coming in.
 */
class RowWindow {
  /**
   * @param {HTMLElement} frame
   * @param {HTMLTableSectionElement} body
   * @param {number} count
   * @param {number} span columns
   * @param {(i: number, spare: HTMLTableRowElement[]) => HTMLTableRowElement} build
   */
  constructor(frame, body, count, span, build) {
    this.frame = frame;
    this.body = body;
    this.count = count;
    this.build = build;
    this.rowHeight = 0;
    this.first = -1;
    this.last = -1;
    this.pending = 0;
    this.above = spacer(span);
    this.below = spacer(span);
    /** @type {Map<number, HTMLTableRowElement>} the rows built, by index */
    this.rows = new Map();
    /** @type {HTMLTableRowElement[]} run rows that left the view, for build to reuse */
    this.spare = [];
  }

  schedule() {
    if (!this.pending) this.pending = requestAnimationFrame(() => { this.pending = 0; this.draw(); });
  }

  /** Builds the rows in view (and OVERSCAN around them) that are not built yet, and drops those out of it. */
  draw() {
    if (!this.rowHeight) {
      // Every row has the same height (one line, no wrapping): one built row measures them all.
      const sample = this.build(0, this.spare);
      this.body.appendChild(sample);
      this.rowHeight = sample.getBoundingClientRect().height || 33;
      sample.remove();
      this.body.append(this.above, this.below);
    }
    // Read before anything changes: the layout is still the last frame's, so reading costs nothing.
    const offset = this.body.getBoundingClientRect().top - this.frame.getBoundingClientRect().top;
    const first = Math.max(0, Math.floor(-offset / this.rowHeight) - OVERSCAN);
    const last = Math.min(this.count, first + Math.ceil(this.frame.clientHeight / this.rowHeight) + 2 * OVERSCAN);
    if (first === this.first && last === this.last) return;
    const settle = this.first < 0;
    this.first = first;
    this.last = last;
    const scrolled = this.frame.scrollTop;
    for (const [i, row] of this.rows) {
      if (i >= first && i < last) continue;
      row.remove();
      this.rows.delete(i);
      if (row.classList.contains("run-row")) this.spare.push(row);
    }
    /** @type {ChildNode} */
    let at = this.above;
    for (let i = first; i < last; i++) {
      let row = this.rows.get(i);
      if (!row) { row = this.build(i, this.spare); this.rows.set(i, row); }
      if (at.nextSibling !== row) at.after(row);
      at = row;
    }
    setHeight(this.above, first * this.rowHeight);
    setHeight(this.below, (this.count - last) * this.rowHeight);
    // The frame keeps its place: rows coming in above those in view must not push them down.
    if (this.frame.scrollTop !== scrolled) this.frame.scrollTop = scrolled;
    if (settle) this.fixColumns();
  }

  /**
   * Keeps the widths the first rows gave the columns: the table then lays out without measuring every cell
   * each time its rows are swapped (the longest part of a scroll step), and its columns do not jump.
   */
  fixColumns() {
    const table = /** @type {HTMLTableElement} */ (this.body.parentElement);
    const headings = Array.from(table.querySelectorAll("thead tr:last-child th"), th => /** @type {HTMLElement} */ (th));
    const widths = headings.map(th => th.getBoundingClientRect().width);
    headings.forEach((th, i) => { th.style.width = widths[i] + "px"; });
    table.style.width = widths.reduce((a, b) => a + b, 0) + "px";
    table.style.tableLayout = "fixed";
  }

  /**
   * Scrolls row i into the frame's view, building it first when it is far from the rows built.
   * @param {number} i
   */
  reveal(i) {
    if (i < this.first || i >= this.last) {
      this.frame.scrollTop = i * this.rowHeight;
      this.draw();
    }
    this.body.querySelector("tr[data-row=\"" + i + "\"]")?.scrollIntoView({ block: "nearest" });
    this.draw();
  }
}

/**
 * A row as tall as the rows it stands for (setHeight).
 * @param {number} span columns
 */
function spacer(span) {
  return el("tr", { className: "spacer", "aria-hidden": "true" }, el("td", { colspan: span }));
}

/**
 * @param {HTMLTableRowElement} spacerRow
 * @param {number} height
 */
function setHeight(spacerRow, height) {
  /** @type {HTMLElement} */ (spacerRow.firstChild).style.height = height + "px";
}

/**
 * Arrow keys move the focus to the same kind of control in the row above or below; Home and End to the first
 * and the last row.
 * @param {KeyboardEvent} event
 * @param {HTMLTableSectionElement} body
 * @param {number} count
 * @param {(i: number) => boolean} reveal scrolls to row i and builds it when the table builds only the rows in view (true), else false
 */
function moveFocus(event, body, count, reveal) {
  const keys = { ArrowDown: 1, ArrowUp: -1, Home: -Infinity, End: Infinity };
  if (!(event.key in keys)) return;
  const tr = /** @type {HTMLElement} */ (event.target).closest("tr[data-row]");
  if (!tr) return;
  const step = keys[/** @type {keyof typeof keys} */ (event.key)];
  const i = Math.max(0, Math.min(count - 1, Number(tr.getAttribute("data-row")) + step));
  const revealed = reveal(i);
  const next = body.querySelector("tr[data-row=\"" + i + "\"]");
  const target = next?.querySelector("a, button");
  if (target instanceof HTMLElement) {
    event.preventDefault();
    target.focus({ preventScroll: revealed });
  }
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
    sections.appendChild(el("th", { colspan: j - i, scope: "colgroup", className: "section section-" + cols[i].section }, cols[i].section));
    i = j;
  }
  head.appendChild(sections);
  const row = el("tr");
  for (const col of cols) {
    const sorted = state.sort.col === col.id;
    const th = el("th", { scope: "col", className: (col.numeric ? "num" : "") + (sorted ? " sorted" : ""), title: col.id.replace(":", "."),
      "aria-sort": sorted ? (state.sort.dir > 0 ? "ascending" : "descending") : "none" });
    const button = el("button", { className: "sort", type: "button", "data-col": col.id, "aria-label": "Sort by " + col.label, onclick: () => {
      state.sort = sorted ? { col: col.id, dir: -state.sort.dir } : { col: col.id, dir: col.numeric ? -1 : 1 };
      redrawTable();
    } }, [col.label, sorted ? (state.sort.dir > 0 ? " ▲" : " ▼") : ""]);
    th.appendChild(button);
    if (grouped && col.numeric) {
      const agg = columnAggregate(state.colAgg, col.id);
      th.appendChild(el("button", { className: "agg", type: "button", "data-testid": "col-agg", title: "Aggregate shown in group rows (click to change)",
        "aria-label": col.label + ": group rows show the " + agg + " (change)", onclick: () => {
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
 * @param {GroupNode} node
 * @param {number} depth
 * @param {boolean} open
 * @param {ViewContext} ctx
 */
function groupRow(node, depth, open, ctx) {
  const { state, shown: cols, redrawTable } = ctx;
  const tr = el("tr", { className: "group-row depth-" + Math.min(depth, 4), "data-group": node.label, "aria-expanded": open ? "true" : "false" });
  tr.style.setProperty("--depth", String(depth));
  const toggle = el("button", { className: "caret", type: "button", "aria-label": (open ? "Collapse group " : "Expand group ") + node.label, "aria-expanded": open ? "true" : "false", onclick: () => {
    if (open) state.expanded.delete(node.id); else state.expanded.add(node.id);
    redrawTable();
  } }, open ? "▾" : "▸");
  const states = groupStates(node);
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
      const stats = groupStats(node, col);
      const format = col.format || formatNumber;
      const shown = stats.n ? stats[columnAggregate(state.colAgg, col.id)] : null;
      tr.appendChild(el("td", { className: "num agg-cell", title: statsTitle(stats, format) }, isFiniteNumber(shown) ? format(shown) : stats.n ? "–" : ""));
    } else {
      const values = groupDistinct(node, col);
      tr.appendChild(el("td", { className: "muted" }, values.count === 1 ? displayValueOrBlank(values.first) : values.count + " values"));
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
  return fillRunRow(emptyRunRow(cols), run, cols, depth);
}

/**
 * A run row's cells without a run's values: the elements fillRunRow writes into.
 * @param {readonly Column[]} cols
 */
function emptyRunRow(cols) {
  return el("tr", { className: "run-row" }, cols.map(col => {
    if (col.id === "name") return el("td", { className: "name" }, [el("span"), el("a")]);
    if (col.id === "state") return el("td", null, el("span"));
    return el("td", { className: col.numeric ? "num" : null });
  }));
}

/**
 * Writes a run's values into a run row of these columns (new, or one that showed another run: a long table
 * reuses the rows that scrolled out of view, rather than making and dropping hundreds of elements per step).
 * @param {HTMLTableRowElement} tr
 * @param {Run} run
 * @param {readonly Column[]} cols
 * @param {number} depth
 */
function fillRunRow(tr, run, cols, depth) {
  tr.setAttribute("data-run", run.id);
  tr.style.setProperty("--depth", String(depth));
  cols.forEach((col, c) => {
    const td = tr.cells[c];
    if (col.id === "name") {
      td.title = run.error !== null ? errorTooltip(run.error) : run.notes ? run.notes : run.id;
      const [dot, link] = td.children;
      dot.className = "dot state-" + run.state;
      link.setAttribute("href", runHref(run.id));
      link.textContent = run.name;
    } else if (col.id === "error") {
      td.className = run.error === null ? "" : "error";
      if (run.error === null) td.removeAttribute("title"); else td.title = errorTooltip(run.error);
      td.textContent = run.error === null ? "" : oneLine(run.error, ERROR_CELL).text;
    } else if (col.id === "state") {
      const pill = /** @type {HTMLElement} */ (td.firstChild);
      pill.className = "pill state-" + run.state;
      pill.textContent = run.state;
    } else {
      const v = col.get(run);
      td.textContent = col.numeric ? (typeof v === "number" ? (col.format || formatNumber)(v) : "") : displayValueOrBlank(v);
    }
  });
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
