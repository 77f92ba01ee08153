// The runs table: sortable columns, grouped rows that collapse and show aggregates (mean by default, the
// other statistics on hover or chosen per column).
"use strict";

const AGGS = ["mean", "median", "min", "max", "std"];
const ROW_PAGE = 200;

function tableColumns(runs) {
  const cols = [
    { id: "name", label: "Name", section: "run", get: r => r.name },
    { id: "group", label: "group", section: "run", get: r => r.group },
    { id: "job_type", label: "job_type", section: "run", get: r => r.job_type },
    { id: "state", label: "state", section: "run", get: r => r.state },
    { id: "duration", label: "duration", section: "run", numeric: true, get: r => r.duration, format: formatDuration },
  ];
  if (runs.some(r => r.tags.length)) cols.push({ id: "tags", label: "tags", section: "run", get: r => r.tags.join(", ") || null });
  for (const k of configKeys(runs)) {
    const numeric = runs.every(r => r.config[k] === undefined || r.config[k] === null || typeof r.config[k] === "number");
    cols.push({ id: "config:" + k, label: k, section: "config", numeric, get: r => r.config[k] });
  }
  for (const k of summaryKeys(runs)) {
    cols.push({ id: "summary:" + k, label: k, section: "summary", numeric: true, get: r => asNumber(r.summary[k]) });
  }
  return cols;
}

function columnStats(col, runs) {
  const values = [];
  let other = 0;
  for (const r of runs) {
    const v = col.get(r);
    if (isFiniteNumber(v)) values.push(v);
    else if (v !== null && v !== undefined) other++;   // NaN, infinities: counted, never averaged
  }
  const stats = describe(values, true);
  stats.other = other;
  return stats;
}

function statsTitle(stats, format) {
  if (!stats.n) return stats.other ? stats.other + " non-finite value(s)" : "no values";
  const f = v => (isFiniteNumber(v) ? format(v) : "–");
  const lines = ["mean " + f(stats.mean), "median " + f(stats.median), "min " + f(stats.min), "max " + f(stats.max),
    "std " + f(stats.std), "n " + stats.n];
  if (stats.other) lines.push(stats.other + " non-finite value(s) left out");
  return lines.join("\n");
}

function renderRunsTable(ctx) {
  const { runs, cols, tree, grouped, state, update } = ctx;
  const table = el("table", { "data-testid": "runs-table", className: "runs-table" + (grouped ? " grouped" : "") });
  table.appendChild(tableHead(cols, grouped, state, update));
  const body = el("tbody");
  const sorter = runSorter(cols, state.sort);
  // Rows beyond the limit are not built at all: a 1,000-row table would cost more layout than the charts.
  const rows = [];
  if (grouped) {
    appendGroupRows(rows, sortNodes(tree, cols, state), 0, ctx, sorter);
  } else {
    for (const run of runs.slice().sort(sorter)) rows.push(() => runRow(run, cols, 0));
  }
  for (const row of rows.slice(0, state.rowLimit)) body.appendChild(row());
  if (rows.length > state.rowLimit) {
    const more = el("button", { type: "button", className: "more-rows", "data-testid": "more-rows", onclick: () => { state.rowLimit += ROW_PAGE; update(); } },
      "Show " + Math.min(ROW_PAGE, rows.length - state.rowLimit) + " more of " + (rows.length - state.rowLimit) + " hidden rows");
    body.appendChild(el("tr", { className: "more-row" }, el("td", { colspan: cols.length }, more)));
  }
  table.appendChild(body);
  return table;
}

function tableHead(cols, grouped, state, update) {
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
      update();
    } }, [col.label, sorted ? (state.sort.dir > 0 ? " ▲" : " ▼") : ""]);
    th.appendChild(button);
    if (grouped && col.numeric) {
      const agg = state.colAgg[col.id] || "mean";
      th.appendChild(el("button", { className: "agg", type: "button", "data-testid": "col-agg", title: "Aggregate shown in group rows (click to change)", onclick: () => {
        state.colAgg[col.id] = AGGS[(AGGS.indexOf(agg) + 1) % AGGS.length];
        update();
      } }, agg));
    }
    row.appendChild(th);
  }
  head.appendChild(row);
  return head;
}

function runSorter(cols, sort) {
  const col = cols.find(c => c.id === sort.col) || cols[0];
  return (a, b) => sort.dir * compareValues(col.get(a), col.get(b)) || compareValues(a.name, b.name);
}

function sortNodes(nodes, cols, state) {
  const col = cols.find(c => c.id === state.sort.col);
  if (!col || !col.numeric) {
    return state.sort.dir < 0 ? nodes.slice().reverse() : nodes;
  }
  const agg = state.colAgg[col.id] || "mean";
  const value = node => { const s = columnStats(col, node.runs); return s.n ? s[agg] : null; };
  const withValues = nodes.map(n => [n, value(n)]);
  withValues.sort((a, b) => (a[1] === null || b[1] === null) ? compareValues(a[1], b[1]) : state.sort.dir * (a[1] - b[1]));
  return withValues.map(p => p[0]);
}

/** Collects row builders in display order (built only when shown). */
function appendGroupRows(rows, nodes, depth, ctx, sorter) {
  for (const node of nodes) {
    const open = ctx.state.expanded.has(node.id);
    rows.push(() => groupRow(node, depth, open, ctx));
    if (!open) continue;
    if (node.children.length) appendGroupRows(rows, sortNodes(node.children, ctx.cols, ctx.state), depth + 1, ctx, sorter);
    else for (const run of node.runs.slice().sort(sorter)) rows.push(() => runRow(run, ctx.cols, depth + 1));
  }
}

function groupRow(node, depth, open, ctx) {
  const tr = el("tr", { className: "group-row depth-" + Math.min(depth, 4), "data-group": node.label, "aria-expanded": open ? "true" : "false" });
  tr.style.setProperty("--depth", depth);
  const toggle = el("button", { className: "caret", type: "button", "aria-label": open ? "Collapse group" : "Expand group", onclick: () => {
    if (open) ctx.state.expanded.delete(node.id); else ctx.state.expanded.add(node.id);
    ctx.update();
  } }, open ? "▾" : "▸");
  const states = countBy(node.runs, r => r.state);
  for (const col of ctx.cols) {
    if (col.id === "name") {
      tr.appendChild(el("td", { className: "name" }, [toggle, el("span", { className: "key" }, keyLabel(node.key) + " "),
        el("span", { className: "value" }, node.label), el("span", { className: "count", title: node.runs.length + " run(s)" }, String(node.runs.length))]));
    } else if (col.id === "state") {
      tr.appendChild(el("td", { className: "state-mix" }, Array.from(states).map(([s, n]) => el("span", { className: "pill state-" + s, title: n + " " + s }, n + " " + s))));
    } else if (col.numeric) {
      const stats = columnStats(col, node.runs);
      const agg = ctx.state.colAgg[col.id] || "mean";
      const format = col.format || formatNumber;
      const shown = stats.n ? stats[agg] : null;
      tr.appendChild(el("td", { className: "num agg-cell", title: statsTitle(stats, format) }, isFiniteNumber(shown) ? format(shown) : stats.n ? "–" : ""));
    } else {
      const values = countBy(node.runs, r => valueId(col.get(r)));
      tr.appendChild(el("td", { className: "muted" }, values.size === 1 ? displayValueOrBlank(col.get(node.runs[0])) : values.size + " values"));
    }
  }
  return tr;
}

function runRow(run, cols, depth) {
  const tr = el("tr", { className: "run-row", "data-run": run.id });
  tr.style.setProperty("--depth", depth);
  for (const col of cols) {
    const v = col.get(run);
    if (col.id === "name") {
      tr.appendChild(el("td", { className: "name", title: run.notes ? run.notes : run.id }, [el("span", { className: "dot state-" + run.state }), run.name]));
    } else if (col.id === "state") {
      tr.appendChild(el("td", null, el("span", { className: "pill state-" + run.state }, run.state)));
    } else if (col.numeric) {
      tr.appendChild(el("td", { className: "num" }, v === null || v === undefined ? "" : (col.format || formatNumber)(v)));
    } else {
      tr.appendChild(el("td", null, displayValueOrBlank(v)));
    }
  }
  return tr;
}

function displayValueOrBlank(v) {
  return v === null || v === undefined ? "" : displayValue(v);
}

function countBy(items, keyOf) {
  const counts = new Map();
  for (const item of items) {
    const k = keyOf(item);
    counts.set(k, (counts.get(k) || 0) + 1);
  }
  return counts;
}
