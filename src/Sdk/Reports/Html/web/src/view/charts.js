// The charts: a bar (metric search, show runs, sections opened or closed), then the metrics the page's runs
// logged by section (see data/sections.js), one card per metric, or per metric and value of the chart-by key.
// Grouped: one line per group (its mean, median, min or max across its runs, bucket by bucket) with a shaded
// band, coloured by group and dashed by the stroke-by key; ungrouped: one line per run.
//
// A page may have thousands of metrics, so cards sit in blocks of a dozen (a grid each, all with the same
// columns), and a block is an empty placeholder of its rows' height until it comes near the window: then its
// cards are put in and drawn. Far from the window again, past a number of charts drawn, a block is emptied
// back to a placeholder of the height it had. LazyPanels watches the blocks: 10,000 metrics are 834 empty
// elements to lay out, not 10,000 cards. A closed section holds no blocks at all. The first cards are drawn
// at once, so a small page is complete when it is ready.

import { clear, el } from "./dom.js";
import { ChartCard } from "./chart-card.js";
import { LazyPanels } from "./lazy-panels.js";
import { changeSettings } from "../data/chart-settings.js";
import { chartSplits, styledSources } from "../data/chart-lines.js";
import { chartSections, metricMatcher } from "../data/sections.js";
import { SeriesCache } from "../data/series.js";
import { runsWithCurves } from "../data/report-data.js";
import { plural } from "../data/values.js";

/** @typedef {import("../page-state.js").ViewContext} ViewContext */
/** @typedef {import("../data/report-data.js").Run} Run */
/** @typedef {import("../data/chart-settings.js").ChartSettings} ChartSettings */
/** @typedef {import("../data/chart-lines.js").ChartSplit} ChartSplit */
/** @typedef {import("../data/sections.js").ChartSection} ChartSection */
/** @typedef {import("./chart-card.js").CardHost} CardHost */

/** Cards drawn as soon as the board is: a screenful and more, so a small page is complete when ready. */
export const EAGER_CHARTS = 24;

/** Charts kept drawn at most; beyond, those far from the window are released as they leave it. */
const MAX_LIVE = 60;

/** Cards per block: a few rows of the grid. */
const BLOCK = 12;

/**
 * The grid's gap and its columns' least width (app.css, .chart-grid), a card's padding and border across
 * (.chart-card), and a drawn card's usual height.
 */
const GAP = 16, COLUMN = 420, CARD_INSET = 2 * 12 + 2 * 1, CARD_HEIGHT = 390;

/**
 * Cards put in, watched, drawn and released together; filled: its cards are in its element; near: it is
 * near the window.
 * @typedef {{ element: HTMLElement, cards: ChartCard[], filled: boolean, near: boolean }} Block
 */

/** Up to this many metrics the search applies at each key stroke; beyond, after a pause in typing. */
const SEARCH_AT_ONCE = 500;
const SEARCH_DELAY_MS = 150;

/**
 * The heading above the charts: what a line is.
 * @param {ViewContext} ctx
 * @param {boolean} showRuns
 */
export function chartsTitle(ctx, showRuns) {
  if (ctx.route.page === "run") return "Charts · this run's metrics";
  if (!ctx.grouped) return "Charts · one line per run";
  return showRuns ? "Charts · one line per group, its runs faint behind it" : "Charts · one line per group";
}

/** The charts section: its bar, sections and cards, and what they can reuse between renders. */
export class ChartBoard {
  /**
   * @param {HTMLElement} container
   * @param {HTMLElement} title the heading above the charts
   * @param {() => void} viewChanged a setting of the charts changed that the URL keeps (the search, a section
   *   opened or closed, a chart's settings): controls that fire no change or input event reach the URL through it
   */
  constructor(container, title, viewChanged) {
    this.container = container;
    this.title = title;
    this.viewChanged = viewChanged;
    this.bar = el("div", { className: "chart-bar" });
    this.body = el("div", { className: "chart-sections" });
    container.appendChild(this.bar);
    container.appendChild(this.body);
    this.cache = new SeriesCache();
    /** @type {ChartCard[]} */
    this.cards = [];
    /** @type {Block[]} */
    this.blocks = [];
    /** @type {LazyPanels<Block>} */
    this.lazy = new LazyPanels((near, far) => this.moved(near, far));
    this.plotWidth = 0;
    /** @type {CardHost | null} */
    this.host = null;
    /** @type {ChartSection[]} */
    this.sections = [];
    /** @type {ChartSplit[]} */
    this.splits = [];
  }

  /** The window was resized: measure the cards again at the next render. */
  forgetWidths() {
    this.plotWidth = 0;
  }

  /** @param {ViewContext} ctx */
  render(ctx) {
    const { state } = ctx;
    const showRuns = ctx.grouped && (state.showRuns ?? ctx.route.page === "group");
    this.title.textContent = chartsTitle(ctx, showRuns);
    // A run's page draws one run: stroke and chart keys have nothing to tell apart.
    const onRun = ctx.route.page === "run";
    // Runs that logged no metric draw nothing: left out before the lines are styled and split. A group without
    // such runs keeps its place, and so its colour.
    const logged = runsWithCurves(ctx.data);
    /** @param {Run} run */
    const draws = run => logged[run.index] === 1;
    const runs = ctx.runs.filter(draws);
    const leaves = ctx.leaves.map(leaf => ({ ...leaf, runs: leaf.runs.filter(draws) }));
    const sources = styledSources(ctx.grouped, leaves, runs, onRun ? "" : state.strokeBy);
    this.splits = chartSplits(sources, runs, onRun ? "" : state.chartBy);
    // Only the metrics these runs logged get a chart: another project's or another group's would be empty.
    this.sections = chartSections(ctx.metrics);
    this.host = { ctx, cache: this.cache, showRuns, width: () => this.width(), change: (metric, change, from) => this.change(metric, change, from) };
    this.renderBar(ctx, showRuns);
    this.renderSections();
  }

  /** Draws the charts again from the same context (the stroke-by or chart-by key changed). */
  rerender() {
    if (this.host) this.render(this.host.ctx);
  }

  /**
   * @param {ViewContext} ctx
   * @param {boolean} showRuns
   */
  renderBar(ctx, showRuns) {
    const { state } = ctx;
    clear(this.bar);
    if (!ctx.metrics.length) return;
    const search = el("input", { type: "search", className: "metric-search", placeholder: "Search metrics…", "data-testid": "metric-search", "aria-label": "Search metrics", value: state.metricSearch });
    let timer = 0;
    const apply = () => { state.metricSearch = search.value; this.renderSections(); this.viewChanged(); };
    search.addEventListener("input", () => {
      clearTimeout(timer);
      if (ctx.metrics.length <= SEARCH_AT_ONCE) apply(); else timer = setTimeout(apply, SEARCH_DELAY_MS);
    });
    const runs = el("input", { type: "checkbox", "data-testid": "show-runs", checked: showRuns, disabled: !ctx.grouped });
    runs.addEventListener("change", () => { state.showRuns = runs.checked; this.rerender(); });
    const sectionsToggle = (/** @type {boolean} */ open) => () => {
      state.collapsedSections = open ? [] : this.sections.map(s => s.name);
      this.renderSections();
      this.viewChanged();
    };
    this.bar.appendChild(search);
    this.bar.appendChild(el("label", { className: "check", title: ctx.grouped ? "Draw each run faintly behind its group's line" : "Turn grouping on: every line is a run already" }, [runs, "show runs"]));
    if (this.sections.length > 1) {
      this.bar.appendChild(el("span", { className: "section-actions" }, [
        el("button", { type: "button", onclick: sectionsToggle(true) }, "Open all sections"),
        el("button", { type: "button", onclick: sectionsToggle(false) }, "Close all"),
      ]));
    }
  }

  /** The sections and their cards, after a render or a change of the search or of which sections are open. */
  renderSections() {
    const host = /** @type {CardHost} */ (this.host);
    const { state, metrics } = host.ctx;
    for (const card of this.cards) card.destroyPlot();
    this.cards = [];
    this.blocks = [];
    this.lazy.clear();
    clear(this.body);
    if (!metrics.length) {
      this.body.appendChild(el("p", { className: "empty" }, "No metrics were logged by these runs."));
      return;
    }
    const matches = metricMatcher(state.metricSearch);
    for (const section of this.sections) {
      const shown = section.metrics.filter(matches);
      if (shown.length) this.body.appendChild(this.section(section, shown));
    }
    if (!this.body.firstChild) this.body.appendChild(el("p", { className: "empty" }, "No metric matches “" + state.metricSearch.trim() + "”."));
    this.showFirst(this.blocks);
  }

  /**
   * A collapsible section: its name and count, and (when open) a card per chart of its shown metrics.
   * @param {ChartSection} section
   * @param {string[]} shown the metrics that match the search
   */
  section(section, shown) {
    const { state } = /** @type {CardHost} */ (this.host).ctx;
    const open = !state.collapsedSections.includes(section.name);
    const count = shown.length === section.metrics.length ? plural(shown.length, "metric") : shown.length + " of " + plural(section.metrics.length, "metric");
    const grid = el("div", { className: "chart-blocks" });
    const summary = el("summary", null, [el("span", { className: "section-name" }, section.name), el("span", { className: "section-count" }, count)]);
    const details = el("details", { className: "chart-section", "data-testid": "chart-section", "data-section": section.name, open }, [summary, grid]);
    /** @param {boolean} closing */
    const remember = closing => {
      state.collapsedSections = closing ? state.collapsedSections.concat(section.name) : state.collapsedSections.filter(name => name !== section.name);
      this.viewChanged();
    };
    // The reader's click is kept at once: the toggle event comes in a task of its own, and a render before it
    // (a search typed right after the click) then draws the section as the reader left it.
    summary.addEventListener("click", () => remember(details.open));
    details.addEventListener("toggle", () => {
      // A render since replaced this section; and the toggle that follows the board's own rendering of an open
      // section changes nothing.
      if (!details.isConnected) return;
      if (details.open === state.collapsedSections.includes(section.name)) remember(!details.open);
      const filled = grid.firstChild !== null;
      if (details.open && !filled) this.showFirst(this.fill(grid, shown));
      else if (!details.open && filled) this.empty(grid);
    });
    if (open) this.fill(grid, shown);
    return details;
  }

  /**
   * Placeholder cards for the metrics' charts, in blocks; a chart-by value none of whose runs logged the
   * metric has none.
   * @param {HTMLElement} container
   * @param {readonly string[]} metrics
   * @returns {Block[]}
   */
  fill(container, metrics) {
    const host = /** @type {CardHost} */ (this.host);
    const { data } = host.ctx;
    /** @type {ChartCard[]} */
    const added = [];
    for (const metric of metrics) {
      const curve = data.curves.get(metric);
      for (const split of this.splits) {
        if (this.splits.length > 1 && !split.sources.some(src => src.runs.some(run => curve?.byRun.has(run.index)))) continue;
        added.push(new ChartCard({ metric, split }, host));
      }
    }
    /** @type {Block[]} */
    const blocks = [];
    for (let i = 0; i < added.length; i += BLOCK) {
      const element = el("div", { className: "chart-grid chart-block" });
      container.appendChild(element);
      blocks.push({ element, cards: added.slice(i, i + BLOCK), filled: false, near: false });
    }
    this.cards.push(...added);
    this.blocks.push(...blocks);
    return blocks;
  }

  /**
   * A closed section's cards are dropped.
   * @param {HTMLElement} container
   */
  empty(container) {
    const dropped = new Set(this.blocks.filter(block => container.contains(block.element)));
    for (const block of dropped) {
      for (const card of block.cards) card.destroyPlot();
      this.lazy.forget(block.element);
    }
    this.blocks = this.blocks.filter(block => !dropped.has(block));
    this.cards = this.blocks.flatMap(block => block.cards);
    clear(container);
  }

  /**
   * Draws the blocks of the first cards at once and leaves the others, empty, to be filled and drawn as they
   * come near the window; an empty block holds the height its rows will have.
   * @param {readonly Block[]} blocks
   */
  showFirst(blocks) {
    const columns = gridColumns(this.body.clientWidth);
    let eager = EAGER_CHARTS;
    for (const block of blocks) {
      if (eager > 0) {
        this.fillBlock(block);
        eager -= block.cards.length;
      } else {
        block.element.style.height = Math.ceil(block.cards.length / columns) * (CARD_HEIGHT + GAP) - GAP + "px";
      }
      this.lazy.observe(block.element, block);
    }
  }

  /**
   * Puts a block's cards in and draws them.
   * @param {Block} block
   */
  fillBlock(block) {
    if (!block.filled) {
      block.element.style.height = "";
      for (const card of block.cards) block.element.appendChild(card.element);
      block.filled = true;
    }
    for (const card of block.cards) if (!card.built) card.show();
  }

  /**
   * Blocks came near the window or left it: fill and draw the new ones; past MAX_LIVE charts drawn, empty
   * filled blocks away from the window, furthest first, back to placeholders of their height.
   * @param {Block[]} near
   * @param {Block[]} far
   */
  moved(near, far) {
    for (const block of near) block.near = true;
    for (const block of far) block.near = false;
    const coming = near.filter(block => !block.filled);
    let excess = this.cards.filter(card => card.built).length + coming.reduce((n, block) => n + block.cards.length, 0) - MAX_LIVE;
    const at = this.blocks.indexOf(near[0] ?? far[0]);
    const away = this.blocks.filter(block => block.filled && !block.near)
      .sort((a, b) => Math.abs(this.blocks.indexOf(b) - at) - Math.abs(this.blocks.indexOf(a) - at));
    // Heights are read before anything changes, so releasing lays the page out once.
    const released = [];
    for (const block of away) {
      if (excess <= 0) break;
      released.push({ block, height: block.element.offsetHeight });
      excess -= block.cards.length;
    }
    for (const { block, height } of released) {
      for (const card of block.cards) card.release();
      clear(block.element);
      block.element.style.height = height + "px";
      block.filled = false;
    }
    for (const block of coming) this.fillBlock(block);
  }

  /**
   * The plots' width: a grid column's less the card's inset, from the sections' width read once per render
   * (or resize). A card's own width is not read: cards off screen are not laid out (content-visibility), and
   * reading one would lay out the page again for every chart drawn.
   */
  width() {
    if (!this.plotWidth) {
      const width = this.body.clientWidth, columns = gridColumns(width);
      this.plotWidth = Math.max(0, Math.floor((width - (columns - 1) * GAP) / columns) - CARD_INSET);
    }
    return this.plotWidth;
  }

  /**
   * A chart's control changed its metric's settings: every chart of the metric follows (its other chart-by
   * values too); the one changed keeps its controls, so focus stays where the reader is.
   * @param {string} metric
   * @param {Partial<ChartSettings>} change
   * @param {ChartCard} from
   */
  change(metric, change, from) {
    const { state } = /** @type {CardHost} */ (this.host).ctx;
    changeSettings(state.chartSettings, metric, change);
    for (const card of this.cards) {
      if (card.panel.metric !== metric || !card.built) continue;
      if (card === from) card.draw(); else card.refresh();
    }
    this.viewChanged();
  }
}

/**
 * How many columns the charts' grid has at a width (repeat(auto-fill, minmax(420px, 1fr)) in app.css).
 * @param {number} width
 */
function gridColumns(width) {
  return Math.max(1, Math.floor((width + GAP) / (COLUMN + GAP)));
}
