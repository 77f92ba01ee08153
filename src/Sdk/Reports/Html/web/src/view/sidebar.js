// The sidebar: a link to all runs and one per group, with its run count and a mark when a run failed.

import { clear, el } from "./dom.js";
import { groupRuns } from "../data/grouping.js";

/** @typedef {import("../data/report-data.js").Run} Run */
/** @typedef {import("../page-state.js").Route} Route */

/**
 * @param {HTMLElement} sidebar
 * @param {readonly Run[]} runs the chosen project's runs
 * @param {Route} route
 */
export function renderSidebar(sidebar, runs, route) {
  clear(sidebar);
  sidebar.appendChild(el("a", { href: "#/", className: "nav-all" + (route.page === "all" ? " active" : "") }, "All runs"));
  sidebar.appendChild(el("h2", null, "Groups"));
  const list = el("ul", { "data-testid": "group-list", className: "group-list" });
  for (const node of groupRuns(runs, ["group"])) {
    const name = node.value === null || node.value === undefined ? null : String(node.value);
    const failed = node.runs.filter(x => x.state === "failed" || x.state === "crashed").length;
    const active = route.page === "group" && route.name === name;
    list.appendChild(el("li", null, el("a", { href: "#/group/" + (name === null ? "" : encodeURIComponent(name)), className: active ? "active" : null, title: node.label },
      [el("span", { className: "label" }, node.label), failed ? el("span", { className: "bad", title: failed + " failed or crashed" }, "!") : null,
        el("span", { className: "count" }, String(node.runs.length))])));
  }
  sidebar.appendChild(list);
}
