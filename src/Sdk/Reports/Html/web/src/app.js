// The page: layout, and which views redraw when the reader changes something. Every change goes through
// three entry points: renderAll (grouping, project, route), renderViews (filter, window size: table and
// charts) and renderTableArea (sort, open groups, more rows, column statistic, compared metric). A run's
// page (#/run/<id>) replaces the toolbar and the table with the run's details and draws its charts.

import { el, clear } from "./view/dom.js";
import { ChartBoard } from "./view/charts.js";
import { renderComparison } from "./view/comparison.js";
import { renderOmittedNote } from "./view/omitted-note.js";
import { renderPageHead } from "./view/group-head.js";
import { renderHeader } from "./view/header.js";
import { renderRunPage } from "./view/run-page.js";
import { renderRunsTable } from "./view/runs-table.js";
import { renderSidebar } from "./view/sidebar.js";
import { renderToolbar } from "./view/toolbar.js";
import { renderTableActions } from "./view/table-actions.js";
import { defaultColumnIds, shownColumns, tableColumns } from "./data/columns.js";
import { groupKeys, groupRuns, leafGroups, runMatches } from "./data/grouping.js";
import { metricsOf } from "./data/report-data.js";
import { ROW_PAGE, hasGroups, initialState, parseRoute } from "./page-state.js";
import { applyViewQuery, dropUnknownChartKeys, splitHash, viewQuery } from "./view-url.js";

/** @typedef {import("./data/report-data.js").ReportData} ReportData */
/** @typedef {import("./data/report-data.js").Run} Run */
/** @typedef {import("./data/grouping.js").GroupNode} GroupNode */
/** @typedef {import("./page-state.js").Route} Route */
/** @typedef {import("./page-state.js").ViewContext} ViewContext */

/** Groupings of one set of runs kept for reuse; each holds every run once, in its groups. */
const KEPT_GROUPINGS = 6;

export class ReportPage {
  /**
   * @param {HTMLElement} root
   * @param {ReportData} data
   */
  constructor(root, data) {
    this.data = data;
    this.hasGroups = hasGroups(data);
    this.state = initialState(data);
    /** @type {WeakMap<Run[], { cols: import("./data/columns.js").Column[], defaults: Set<string> }>} */
    this.columnCache = new WeakMap();
    /** @type {WeakMap<Run[], Map<string, GroupNode[]>>} */
    this.treeCache = new WeakMap();
    /** @type {{ key: string, runs: Run[] } | null} */
    this.visible = null;
    this.header = el("header", { className: "topbar" });
    this.sidebar = el("aside", { className: "sidebar" });
    this.head = el("section", { className: "page-head" });
    this.omittedArea = el("section", { className: "omitted-area" });
    this.toolbar = el("section", { className: "toolbar" });
    this.tableArea = el("section", { className: "table-area" });
    this.chartsTitle = el("h2", { className: "section-title" }, "Charts");
    const charts = el("section", { className: "charts" });
    // The comparison goes under the charts: beside the table it squeezed the table's columns.
    this.compareArea = el("section", { className: "compare-area" });
    this.charts = new ChartBoard(charts, this.chartsTitle, () => this.writeViewToUrl());
    clear(root);
    root.appendChild(this.header);
    root.appendChild(el("div", { className: "layout" }, [this.sidebar,
      el("main", { className: "main" }, [this.head, this.omittedArea, this.toolbar, this.tableArea, this.chartsTitle, charts, this.compareArea])]));
  }

  route() {
    return parseRoute(location.hash);
  }

  projectRuns() {
    const { project } = this.state;
    return project ? this.data.runs.filter(r => r.project === project) : this.data.runs;
  }

  /** @param {Route} route */
  visibleRuns(route) {
    const needle = this.state.filter.trim().toLowerCase();
    // The same runs as the last time are the same array: the columns, trees and figures kept for it stay valid.
    const key = JSON.stringify([this.state.project, route, needle]);
    if (this.visible?.key !== key) this.visible = { key, runs: this.selectRuns(route, needle) };
    return this.visible.runs;
  }

  /**
   * @param {Route} route
   * @param {string} needle the filter, lower case
   */
  selectRuns(route, needle) {
    // A run's page shows that run whatever the project picker and the filter say.
    if (route.page === "run") return this.data.runs.filter(run => run.id === route.id);
    let runs = this.projectRuns();
    if (route.page === "group") runs = runs.filter(run => run.group === route.name);
    return needle ? runs.filter(run => runMatches(run, needle)) : runs;
  }

  /** @returns {ViewContext} */
  context() {
    const { state } = this;
    const route = this.route();
    const runs = this.visibleRuns(route);
    const grouped = state.grouped && route.page !== "run";
    const tree = grouped ? this.treeOf(runs, state.keys) : [];
    // A lone group has nothing to hide behind: open it (a group page, or a filter that leaves one group).
    if (tree.length === 1) state.expanded.add(tree[0].id);
    const { cols, defaults } = this.columnsOf(runs);
    return {
      data: this.data, state, route, runs, metrics: metricsOf(this.data, runs), tree, grouped, leaves: grouped ? leafGroups(tree, "") : [],
      cols, shown: shownColumns(cols, state.columns ?? defaults), redrawTable: () => this.renderTableArea(),
    };
  }

  /**
   * The columns of these runs and the default ones, computed once per set of runs: without a filter the page's
   * runs are one array, and at 100,000 runs a regroup or a sort would otherwise scan every run's config and
   * summary again.
   * @param {Run[]} runs
   */
  columnsOf(runs) {
    let found = this.columnCache.get(runs);
    if (!found) {
      const cols = tableColumns(runs);
      found = { cols, defaults: defaultColumnIds(cols, runs, this.data) };
      this.columnCache.set(runs, found);
    }
    return found;
  }

  /**
   * The runs grouped by the keys, kept per set of runs and keys: sorting, opening groups and the table's other
   * redraws then reuse the groups and the figures computed for them (columns.js), and so does going back to
   * an earlier grouping. A few groupings are kept; a filter makes a new set of runs, and with it new trees.
   * @param {Run[]} runs
   * @param {readonly string[]} keys
   */
  treeOf(runs, keys) {
    let trees = this.treeCache.get(runs);
    if (!trees) { trees = new Map(); this.treeCache.set(runs, trees); }
    const id = keys.join("\u0000");
    let tree = trees.get(id);
    if (!tree) {
      if (trees.size >= KEPT_GROUPINGS) trees.delete(trees.keys().next().value ?? "");
      tree = groupRuns(runs, keys);
      trees.set(id, tree);
    }
    return tree;
  }

  /** Table and comparison: what changes with sorting, opening groups or the compared metric. */
  renderTableArea() {
    const ctx = this.context();
    clear(this.tableArea);
    clear(this.compareArea);
    if (ctx.route.page === "run") return ctx;
    const wrap = el("div", { className: "table-wrap" });
    if (!ctx.runs.length) wrap.appendChild(el("p", { className: "empty" }, "No runs match."));
    this.tableArea.appendChild(renderTableActions(ctx, {
      expandAll: () => { expandAll(this.state.expanded, ctx.tree); this.renderTableArea(); },
      collapseAll: () => { this.state.expanded.clear(); this.renderTableArea(); },
    }));
    this.tableArea.appendChild(wrap);
    renderRunsTable(ctx, wrap);
    this.compareArea.appendChild(renderComparison(ctx));
    this.writeViewToUrl();
    return ctx;
  }

  /** Table and charts: what changes when grouping, filter, project or route change. */
  renderViews() {
    this.charts.render(this.renderTableArea());
  }

  renderAll() {
    const { state } = this;
    state.rowLimit = ROW_PAGE;
    const route = this.route();
    const run = route.page === "run" ? this.data.runs.find(r => r.id === route.id) ?? null : null;
    renderHeader(this.header, this.data, this.projectRuns(), this.hasGroups, state.project, project => {
      state.project = project; state.expanded.clear(); this.renderAll();
    });
    const activeGroup = route.page === "group" ? { name: route.name } : run ? { name: run.group } : null;
    const summarised = this.data.omitted ? this.data.omitted.summaryOnly.filter(g => !state.project || g.projects.includes(state.project)) : [];
    renderSidebar(this.sidebar, this.projectRuns(), activeGroup, route.page === "all", summarised);
    this.toolbar.hidden = this.tableArea.hidden = route.page === "run";
    renderOmittedNote(this.omittedArea, this.data, route, state.project);
    this.renderViews();
    if (route.page === "run") {
      renderRunPage(this.head, run, route.id);
      clear(this.toolbar);
    } else {
      renderPageHead(this.head, route, this.projectRuns(), this.data);
      this.renderToolbar();
    }
  }

  renderToolbar() {
    renderToolbar(this.toolbar, this.projectRuns(), this.state, { regroup: () => this.regrouped(), refilter: () => this.renderViews(), rechart: () => this.charts.rerender() });
  }

  /**
   * The grouping changed: the table, the charts and the toolbar's chain of keys follow; the header and the
   * sidebar (runs by `group`, whatever the table groups by) stay as they are.
   */
  regrouped() {
    this.state.rowLimit = ROW_PAGE;
    this.renderViews();
    this.renderToolbar();
  }

  /**
   * The view into the URL, after the route. A change of the reader's is a new history entry, so back and forward
   * step through views (their hashchange reads the view back: navigated). The entries the page wrote are
   * marked in history.state; a link followed (no view, no mark) keeps the page's view and gets it written in.
   */
  writeViewToUrl() {
    const { route, query: current } = splitHash(location.hash);
    const query = viewQuery(this.state, initialState(this.data));
    const marked = typeof history.state?.view === "string";
    if (current === query && marked) return;
    const url = query ? (route || "#/") + "?" + query : location.hash ? route : location.href;
    if (current !== query && (current !== "" || marked)) history.pushState({ view: query }, "", url);
    else history.replaceState({ view: query }, "", url);
  }

  /** The URL's view replaces the page's: a link with a view opened, or an entry of the page's own gone back to. */
  readViewFromUrl() {
    const { query } = splitHash(location.hash);
    if (!query && typeof history.state?.view !== "string") return;
    applyViewQuery(this.state, initialState(this.data), query);
    if (this.state.strokeBy || this.state.chartBy) dropUnknownChartKeys(this.state, new Set(groupKeys(this.projectRuns()).map(k => k.id)));
  }

  /** The route changed: a new page starts with its groups closed, at the top. */
  navigated() {
    this.readViewFromUrl();
    this.state.expanded.clear();
    this.renderAll();
    window.scrollTo(0, 0);
  }

  /** The window was resized: charts take their cards' new widths. */
  resized() {
    this.charts.forgetWidths();
    this.renderViews();
  }
}

/**
 * @param {Set<string>} expanded
 * @param {readonly GroupNode[]} nodes
 */
function expandAll(expanded, nodes) {
  for (const n of nodes) { expanded.add(n.id); expandAll(expanded, n.children); }
}
