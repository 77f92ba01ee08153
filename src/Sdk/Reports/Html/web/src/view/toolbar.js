// The toolbar: the grouping toggle, the group-by chain (a key, then nested keys), "everything except" a
// config key, the charts' stroke-by and chart-by keys (Aim's grouping modes), and the filter box.

import { clear, el, select } from "./dom.js";
import { configKeys, exceptKey, exceptedKey, groupKeys, keyLabel } from "../data/grouping.js";

/** @typedef {import("../data/report-data.js").Run} Run */
/** @typedef {import("../page-state.js").PageState} PageState */

/** Typing pauses this long before the filter applies, so each key stroke does not redraw every chart. */
const FILTER_DELAY_MS = 150;

/**
 * @param {HTMLElement} toolbar
 * @param {readonly Run[]} runs the chosen project's runs
 * @param {PageState} state
 * @param {{ regroup: () => void, refilter: () => void, rechart: () => void }} on regroup: the grouping changed; refilter: the filter
 *   did; rechart: how the charts split their lines did
 */
export function renderToolbar(toolbar, runs, state, on) {
  clear(toolbar);
  /** @type {[string, string][]} */
  const options = groupKeys(runs).map(k => [k.id, k.label]);
  const regroupByKeys = () => { state.grouped = true; state.expanded.clear(); on.regroup(); };
  // "Everything except k" is offered by its own list; once chosen, the group-by list shows it too.
  /** @type {[string, string][]} */
  const chosen = state.keys.filter(k => exceptedKey(k) !== null).map(k => [k, keyLabel(k)]);

  toolbar.appendChild(el("button", { type: "button", className: "toggle" + (state.grouped ? " on" : ""), "data-testid": "group-toggle", "aria-pressed": state.grouped ? "true" : "false",
    title: "Turn grouping " + (state.grouped ? "off (one row and one line per run)" : "on"), onclick: () => { state.grouped = !state.grouped; on.regroup(); } },
  [el("span", { className: "knob" }), state.grouped ? "Grouped" : "Ungrouped"]));

  const chain = el("div", { className: "group-by" + (state.grouped ? "" : " disabled") });
  chain.appendChild(el("span", { className: "muted" }, "group by"));
  chain.appendChild(select("group-by", options.concat(chosen), state.keys[0], v => { state.keys = [v]; regroupByKeys(); }, "Group by"));
  state.keys.slice(1).forEach((key, i) => {
    chain.appendChild(el("span", { className: "chip" }, ["then ", keyLabel(key), el("button", { type: "button", className: "chip-x", "aria-label": "Remove " + keyLabel(key),
      onclick: () => { state.keys.splice(i + 1, 1); state.expanded.clear(); on.regroup(); } }, "×")]));
  });
  const rest = options.filter(([id]) => !state.keys.includes(id));
  if (rest.length) {
    chain.appendChild(select("group-by-then", [["", "+ then by…"], ...rest], "", v => { if (v) { state.keys.push(v); regroupByKeys(); } }, "Nest groups by another key"));
  }
  const config = configKeys(runs);
  if (config.length > 1) {
    /** @type {[string, string][]} */
    const except = [["", "everything except…"], ...config.map(k => /** @type {[string, string]} */ ([exceptKey(k), "everything except config." + k]))];
    chain.appendChild(select("group-except", except, "", v => { if (v) { state.keys = [v]; regroupByKeys(); } },
      "Group by every config key that varies except one (the seeds or folds of a configuration together)"));
  }
  toolbar.appendChild(chain);

  /** @type {[string, string][]} */
  const lineKeys = [["", "none"], ...options];
  toolbar.appendChild(el("div", { className: "chart-keys" }, [
    el("label", null, [el("span", { className: "muted" }, "stroke by "), select("stroke-by", lineKeys, state.strokeBy, v => { state.strokeBy = v; on.rechart(); },
      "Stroke style: a dash pattern per value of this key")]),
    el("label", null, [el("span", { className: "muted" }, "charts by "), select("chart-by", lineKeys, state.chartBy, v => { state.chartBy = v; on.rechart(); },
      "One chart per value of this key")]),
  ]));

  const filter = el("input", { type: "search", className: "filter", placeholder: "Filter runs…", "data-testid": "runs-filter", "aria-label": "Filter runs", value: state.filter });
  let timer = 0;
  filter.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(() => { state.filter = filter.value; on.refilter(); }, FILTER_DELAY_MS); });
  toolbar.appendChild(filter);
}
