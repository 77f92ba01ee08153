// The page: state, routing (#/ and #/group/<name>), layout, and the wiring between controls and views.
"use strict";

const data = loadData();
const hasGroups = data.runs.some(r => r.group !== null && r.group !== undefined);
const state = {
  project: "",
  grouped: hasGroups,                 // W&B groups by `group` by default whenever runs have one
  keys: ["group"],
  filter: "",
  sort: { col: "name", dir: 1 },
  colAgg: {},
  expanded: new Set(),
  compareMetric: null,
  rowLimit: 200,
};
const chartSettings = {};
const app = document.getElementById("app");
const views = {};

function route() {
  const m = /^#\/group\/(.*)$/.exec(location.hash);
  if (!m) return { page: "all" };
  let name;
  try { name = decodeURIComponent(m[1]); } catch (e) { name = m[1]; }
  return { page: "group", name: name === "" ? null : name };
}

function projectRuns() {
  return state.project ? data.runs.filter(r => r.project === state.project) : data.runs;
}

function visibleRuns(r) {
  let runs = projectRuns();
  if (r.page === "group") runs = runs.filter(run => (run.group === undefined ? null : run.group) === r.name);
  const needle = state.filter.trim().toLowerCase();
  return needle ? runs.filter(run => runMatches(run, needle)) : runs;
}

function context() {
  const r = route();
  const runs = visibleRuns(r);
  const tree = state.grouped ? groupRuns(runs, state.keys) : [];
  // A lone group has nothing to hide behind: open it (a group page, or a filter that leaves one group).
  if (tree.length === 1) state.expanded.add(tree[0].id);
  return {
    data, state, route: r, runs, tree, grouped: state.grouped, leaves: state.grouped ? leafGroups(tree, "") : [],
    cols: tableColumns(runs), chartSettings, update: renderTableArea, updateTable: renderTableArea,
  };
}

function layout() {
  clear(app);
  views.header = el("header", { className: "topbar" });
  views.sidebar = el("aside", { className: "sidebar" });
  views.head = el("section", { className: "page-head" });
  views.toolbar = el("section", { className: "toolbar" });
  views.tableArea = el("section", { className: "table-area" });
  views.chartsTitle = el("h2", { className: "section-title" }, "Charts");
  views.charts = el("section", { className: "charts" });
  app.appendChild(views.header);
  app.appendChild(el("div", { className: "layout" }, [views.sidebar,
    el("main", { className: "main" }, [views.head, views.toolbar, views.tableArea, views.chartsTitle, views.charts])]));
}

function renderHeader() {
  clear(views.header);
  const projects = Array.from(new Set(data.runs.map(r => r.project))).sort();
  views.header.appendChild(el("div", { className: "brand" }, [el("span", { className: "logo" }, "W"), el("span", null, "Runs report")]));
  const runs = projectRuns();
  const groups = new Set(runs.map(r => valueId(r.group)));
  views.header.appendChild(el("div", { className: "meta" }, [
    plural(runs.length, "run") + " · " + (hasGroups ? plural(groups.size, "group") + " · " : "") + plural(data.metrics.length, "metric") + " · generated ",
    el("time", { datetime: data.generated_at }, new Date(data.generated_at).toLocaleString()),
  ]));
  if (projects.length > 1) {
    views.header.appendChild(el("label", { className: "project-pick" }, ["project ",
      select("project", [["", "all projects"]].concat(projects.map(p => [p, p])), state.project, v => { state.project = v; state.expanded.clear(); renderAll(); }, "Project")]));
  }
}

function renderSidebar(r) {
  clear(views.sidebar);
  views.sidebar.appendChild(el("a", { href: "#/", className: "nav-all" + (r.page === "all" ? " active" : "") }, "All runs"));
  views.sidebar.appendChild(el("h2", null, "Groups"));
  const list = el("ul", { "data-testid": "group-list", className: "group-list" });
  const byGroup = groupRuns(projectRuns(), ["group"]);
  for (const node of byGroup) {
    const name = node.value === null || node.value === undefined ? null : String(node.value);
    const failed = node.runs.filter(x => x.state === "failed" || x.state === "crashed").length;
    const active = r.page === "group" && r.name === name;
    list.appendChild(el("li", null, el("a", { href: "#/group/" + (name === null ? "" : encodeURIComponent(name)), className: active ? "active" : null, title: node.label },
      [el("span", { className: "label" }, node.label), failed ? el("span", { className: "bad", title: failed + " failed or crashed" }, "!") : null,
        el("span", { className: "count" }, String(node.runs.length))])));
  }
  views.sidebar.appendChild(list);
}

function renderPageHead(r, ctx) {
  clear(views.head);
  if (r.page === "all") {
    views.head.appendChild(el("h1", null, "All runs"));
    return;
  }
  views.head.appendChild(el("nav", { className: "crumbs" }, [el("a", { href: "#/" }, "All runs"), " › group"]));
  views.head.appendChild(el("h1", { "data-testid": "group-title" }, r.name === null ? NONE_LABEL : r.name));
  const all = projectRuns().filter(run => (run.group === undefined ? null : run.group) === r.name);
  if (!all.length) {
    views.head.appendChild(el("p", { className: "empty" }, "No runs in this group."));
    return;
  }
  const cards = el("div", { className: "cards" });
  cards.appendChild(statCard("runs", String(all.length)));
  cards.appendChild(statCard("job types", Array.from(countBy(all, x => displayValue(x.job_type))).map(([k, n]) => k + " ×" + n).join(", ")));
  cards.appendChild(statCard("states", Array.from(countBy(all, x => x.state)).map(([k, n]) => n + " " + k).join(", ")));
  const durations = describe(all.map(x => x.duration).filter(isFiniteNumber), false);
  if (durations.n) cards.appendChild(statCard("mean duration", formatDuration(durations.mean)));
  views.head.appendChild(cards);
  views.head.appendChild(groupSummary(all));
}

function statCard(label, value) {
  return el("div", { className: "card" }, [el("div", { className: "card-label" }, label), el("div", { className: "card-value", title: value }, value)]);
}

function groupSummary(runs) {
  const table = el("table", { className: "summary-table", "data-testid": "group-summary" });
  table.appendChild(el("thead", null, el("tr", null, ["metric", "n", "mean", "median", "min", "max", "std", "95% CI"].map(h => el("th", null, h)))));
  const body = el("tbody");
  for (const k of summaryKeys(runs)) {
    const s = columnStats({ get: r => asNumber(r.summary[k]) }, runs);
    const f = v => (isFiniteNumber(v) ? formatNumber(v) : "–");
    body.appendChild(el("tr", null, [el("td", null, k), el("td", { className: "num" }, String(s.n)), el("td", { className: "num" }, f(s.mean)),
      el("td", { className: "num" }, f(s.median)), el("td", { className: "num" }, f(s.min)), el("td", { className: "num" }, f(s.max)),
      el("td", { className: "num" }, f(s.std)), el("td", { className: "num" }, s.n > 1 ? "[" + f(s.ciLow) + ", " + f(s.ciHigh) + "]" : "–")]));
  }
  table.appendChild(body);
  return table;
}

function renderToolbar() {
  clear(views.toolbar);
  const keys = groupKeys(projectRuns());
  const options = keys.map(k => [k.id, k.label]);
  const toggle = el("button", { type: "button", className: "toggle" + (state.grouped ? " on" : ""), "data-testid": "group-toggle", "aria-pressed": state.grouped ? "true" : "false",
    title: "Turn grouping " + (state.grouped ? "off (one row and one line per run)" : "on"), onclick: () => { state.grouped = !state.grouped; renderAll(); } },
  [el("span", { className: "knob" }), state.grouped ? "Grouped" : "Ungrouped"]);
  views.toolbar.appendChild(toggle);

  const chain = el("div", { className: "group-by" + (state.grouped ? "" : " disabled") });
  chain.appendChild(el("span", { className: "muted" }, "group by"));
  chain.appendChild(select("group-by", options, state.keys[0], v => { state.keys = [v]; state.grouped = true; state.expanded.clear(); renderAll(); }, "Group by"));
  state.keys.slice(1).forEach((key, i) => {
    chain.appendChild(el("span", { className: "chip" }, ["then ", keyLabel(key), el("button", { type: "button", className: "chip-x", "aria-label": "Remove " + keyLabel(key),
      onclick: () => { state.keys.splice(i + 1, 1); state.expanded.clear(); renderAll(); } }, "×")]));
  });
  const rest = options.filter(([id]) => !state.keys.includes(id));
  if (rest.length) {
    chain.appendChild(select("group-by-then", [["", "+ then by…"]].concat(rest), "", v => { if (v) { state.keys.push(v); state.grouped = true; state.expanded.clear(); renderAll(); } }, "Nest groups by another key"));
  }
  views.toolbar.appendChild(chain);

  const filter = el("input", { type: "search", className: "filter", placeholder: "Filter runs…", "data-testid": "runs-filter", "aria-label": "Filter runs", value: state.filter });
  let timer = 0;
  filter.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(() => { state.filter = filter.value; renderViews(); }, 150); });
  views.toolbar.appendChild(filter);
}

function renderTableArea() {
  const ctx = context();
  clear(views.tableArea);
  const wrap = el("div", { className: "table-wrap" });
  if (!ctx.runs.length) wrap.appendChild(el("p", { className: "empty" }, "No runs match."));
  wrap.appendChild(renderRunsTable(ctx));
  if (ctx.grouped && ctx.tree.length) {
    wrap.insertBefore(el("div", { className: "table-actions" }, [
      el("button", { type: "button", onclick: () => { expandAll(ctx.tree); renderTableArea(); } }, "Expand all"),
      el("button", { type: "button", onclick: () => { state.expanded.clear(); renderTableArea(); } }, "Collapse all"),
      el("span", { className: "muted" }, plural(ctx.leaves.length, "group") + " · " + plural(ctx.runs.length, "run") + " · hover an aggregate for min/max/std, click a column's statistic to change it"),
    ]), wrap.firstChild);
  }
  views.tableArea.appendChild(wrap);
  views.tableArea.appendChild(renderComparison(ctx));
  return ctx;
}

function plural(n, word) {
  return n + " " + word + (n === 1 ? "" : "s");
}

function expandAll(nodes) {
  for (const n of nodes) { state.expanded.add(n.id); expandAll(n.children); }
}

/** Table and charts: what changes when grouping, filter, project or route change. */
function renderViews() {
  const ctx = renderTableArea();
  views.chartsTitle.textContent = !ctx.grouped ? "Charts · one line per run"
    : ctx.route.page === "group" ? "Charts · one line per group, its runs faint behind it" : "Charts · one line per group";
  renderCharts(views.charts, ctx);
  return ctx;
}

function renderAll() {
  state.rowLimit = ROW_PAGE;
  const r = route();
  renderHeader();
  renderSidebar(r);
  const ctx = renderViews();
  renderPageHead(r, ctx);
  renderToolbar();
}

layout();
renderAll();
window.addEventListener("hashchange", () => { state.expanded.clear(); renderAll(); window.scrollTo(0, 0); });
let resizeTimer = 0;
window.addEventListener("resize", () => { clearTimeout(resizeTimer); resizeTimer = setTimeout(() => { forgetChartWidths(); renderViews(); }, 200); });
document.documentElement.setAttribute("data-ready", "true");
performance.mark("wandb-interactive");
