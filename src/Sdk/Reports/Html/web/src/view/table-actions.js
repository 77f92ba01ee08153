// The bar above the runs table: open or close every group, pick the columns, download the table as CSV.

import { el } from "./dom.js";
import { tableRows, tableCsv } from "../data/table-rows.js";
import { plural } from "../data/values.js";

/** @typedef {import("../page-state.js").ViewContext} ViewContext */
/** @typedef {import("../data/columns.js").Column} Column */

/** Whether the column picker is open: the table redraws on every pick, the picker stays open through it. */
let pickerOpen = false;

/**
 * @param {ViewContext} ctx
 * @param {{ expandAll: () => void, collapseAll: () => void }} on
 */
export function renderTableActions(ctx, on) {
  const bar = el("div", { className: "table-actions", role: "toolbar", "aria-label": "Runs table" });
  if (ctx.grouped && ctx.tree.length) {
    bar.appendChild(el("button", { type: "button", onclick: on.expandAll }, "Expand all"));
    bar.appendChild(el("button", { type: "button", onclick: on.collapseAll }, "Collapse all"));
  }
  bar.appendChild(columnPicker(ctx));
  bar.appendChild(el("button", { type: "button", "data-testid": "export-csv", title: "Download the table as shown (its rows, columns and group statistics) as runs.csv",
    onclick: () => download("runs.csv", csvOf(ctx)) }, "Export CSV"));
  const note = ctx.grouped && ctx.tree.length
    ? plural(ctx.leaves.length, "group") + " · " + plural(ctx.runs.length, "run") + " · hover an aggregate for min/max/std, click a column's statistic to change it"
    : plural(ctx.runs.length, "run");
  bar.appendChild(el("span", { className: "muted" }, note));
  return bar;
}

/**
 * The table's rows (all of them, not only those built) and shown columns as CSV.
 * @param {ViewContext} ctx
 */
export function csvOf(ctx) {
  const { state } = ctx;
  const rows = tableRows({ ...ctx, sort: state.sort, colAgg: state.colAgg, expanded: state.expanded });
  return tableCsv(rows, ctx.shown, ctx.grouped, state.colAgg);
}

/**
 * @param {string} name
 * @param {string} text
 */
function download(name, text) {
  const url = URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" }));
  const link = el("a", { href: url, download: name, hidden: true });
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/**
 * A button that opens a list of every column by section, each with a check box; "defaults" goes back to the
 * varying config keys and the key metrics.
 * @param {ViewContext} ctx
 */
function columnPicker(ctx) {
  const { cols, state } = ctx;
  const shownIds = new Set(ctx.shown.map(c => c.id));
  const picker = el("div", { className: "column-picker", "data-testid": "column-picker" });
  const panel = el("div", { className: "picker-panel", id: "column-picker-panel", role: "group", "aria-label": "Columns shown" });
  panel.hidden = !pickerOpen;
  const button = el("button", { type: "button", "aria-expanded": pickerOpen ? "true" : "false", "aria-controls": "column-picker-panel",
    onclick: () => { pickerOpen = !pickerOpen; panel.hidden = !pickerOpen; button.setAttribute("aria-expanded", String(pickerOpen)); if (pickerOpen) search.focus(); } },
  "Columns (" + shownIds.size + " of " + cols.length + ")");
  const search = el("input", { type: "search", className: "picker-search", placeholder: "Find a column…", "aria-label": "Find a column" });
  /** @type {HTMLElement[]} */
  const items = [];
  /** @param {string} id @param {boolean} on */
  const pick = (id, on) => {
    const chosen = new Set(shownIds);
    if (on) chosen.add(id); else chosen.delete(id);
    state.columns = chosen;
    ctx.redrawTable();
    const again = document.querySelector(".picker-panel input[data-col=\"" + CSS.escape(id) + "\"]");
    if (again instanceof HTMLElement) again.focus();
  };
  const list = el("div", { className: "picker-list" });
  for (const section of ["run", "config", "summary"]) {
    const inSection = cols.filter(c => c.section === section && c.id !== "name");
    if (!inSection.length) continue;
    const fieldset = el("fieldset", null, el("legend", null, section));
    for (const col of inSection) {
      const box = el("input", { type: "checkbox", "data-col": col.id, checked: shownIds.has(col.id), onchange: () => pick(col.id, box.checked) });
      const item = el("label", { className: "picker-item", title: col.id.replace(":", ".") }, [box, " " + col.label]);
      items.push(item);
      fieldset.appendChild(item);
    }
    list.appendChild(fieldset);
  }
  search.addEventListener("input", () => {
    const needle = search.value.trim().toLowerCase();
    for (const item of items) item.hidden = needle !== "" && !(item.textContent ?? "").toLowerCase().includes(needle);
  });
  const reset = el("button", { type: "button", onclick: () => { state.columns = null; ctx.redrawTable(); } }, "Defaults");
  const all = el("button", { type: "button", onclick: () => { state.columns = new Set(cols.map(c => c.id)); ctx.redrawTable(); } }, "All");
  panel.appendChild(el("div", { className: "picker-head" }, [search, all, reset]));
  panel.appendChild(list);
  picker.addEventListener("keydown", event => {
    if (event.key === "Escape" && pickerOpen) { pickerOpen = false; panel.hidden = true; button.setAttribute("aria-expanded", "false"); button.focus(); }
  });
  picker.appendChild(button);
  picker.appendChild(panel);
  return picker;
}
