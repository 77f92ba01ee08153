// The head of the page: "All runs", or a group's name with cards (runs, job types, states, mean duration), the
// quality gate's verdicts of the group and its trends, the config keys that vary inside it and those that do not,
// and a summary table per metric (n, mean, median, min, max, std, 95% CI); on both, first, the runs that did
// not finish.

import { append, clear, el } from "./dom.js";
import { renderFailures } from "./failures.js";
import { renderGateSection } from "./gate-table.js";
import { gatesOf, trendsOf } from "../data/gates.js";
import { columnStats } from "../data/columns.js";
import { configVariation } from "../data/config-variation.js";
import { countBy, summaryKeys } from "../data/grouping.js";
import { asNumber, isFiniteNumber } from "../data/report-data.js";
import { describe } from "../data/statistics.js";
import { NONE_LABEL, displayValue, formatDuration, formatNumber } from "../data/values.js";

/** @typedef {import("../data/report-data.js").Run} Run */
/** @typedef {import("../data/report-data.js").ReportData} ReportData */
/** @typedef {import("../page-state.js").Route} Route */

/**
 * @param {HTMLElement} head
 * @param {Route} route
 * @param {readonly Run[]} projectRuns the chosen project's runs, unfiltered
 * @param {ReportData} data the verdicts and trends of the quality gate
 */
export function renderPageHead(head, route, projectRuns, data) {
  clear(head);
  if (route.page !== "group") {
    head.appendChild(el("h1", null, "All runs"));
    append(head, renderFailures(projectRuns));
    return;
  }
  head.appendChild(el("nav", { className: "crumbs" }, [el("a", { href: "#/" }, "All runs"), " › group"]));
  head.appendChild(el("h1", { "data-testid": "group-title" }, route.name === null ? NONE_LABEL : route.name));
  const all = projectRuns.filter(run => run.group === route.name);
  append(head, renderFailures(all));
  if (!all.length) {
    head.appendChild(el("p", { className: "empty" }, "No runs in this group."));
    return;
  }
  const cards = el("div", { className: "cards" });
  cards.appendChild(statCard("runs", String(all.length)));
  cards.appendChild(statCard("job types", Array.from(countBy(all, x => displayValue(x.job_type))).map(([k, n]) => k + " ×" + n).join(", ")));
  cards.appendChild(statCard("states", Array.from(countBy(all, x => x.state)).map(([k, n]) => n + " " + k).join(", ")));
  const durations = describe(all.map(x => x.duration).filter(isFiniteNumber), false);
  if (durations.n) cards.appendChild(statCard("mean duration", formatDuration(durations.mean)));
  head.appendChild(cards);
  append(head, renderGateSection(gatesOf(data.gates, all), trendsOf(data.trends, all)));
  head.appendChild(configSection(all));
  head.appendChild(groupSummary(all));
}

/** @param {string} label @param {string} value */
function statCard(label, value) {
  return el("div", { className: "card" }, [el("div", { className: "card-label" }, label), el("div", { className: "card-value", title: value }, value)]);
}

/** Values of a varying key listed before "and n more". */
const SHOWN_VALUES = 6;

/**
 * The config keys that vary inside the group, with their values and how many runs have each, and the ones
 * every run shares.
 * @param {readonly Run[]} runs
 */
function configSection(runs) {
  const { varying, constant } = configVariation(runs);
  const section = el("section", { className: "config-variation", "data-testid": "varying-config", "aria-label": "Config inside this group" });
  section.appendChild(el("h2", null, "Config inside this group"));
  if (!varying.length && !constant.length) {
    section.appendChild(el("p", { className: "muted" }, "The runs have no config."));
    return section;
  }
  if (varying.length) {
    const table = el("table", { className: "summary-table varying" });
    table.appendChild(el("thead", null, el("tr", null, [el("th", { scope: "col" }, "varies"), el("th", { scope: "col" }, "values (runs)")])));
    const body = el("tbody");
    for (const { key, values } of varying) {
      const shown = values.slice(0, SHOWN_VALUES).map(v => displayValue(v.value) + " ×" + v.count);
      if (values.length > SHOWN_VALUES) shown.push("and " + (values.length - SHOWN_VALUES) + " more");
      body.appendChild(el("tr", { "data-key": key }, [el("th", { scope: "row" }, key), el("td", null, values.length + " values: " + shown.join(", "))]));
    }
    table.appendChild(body);
    section.appendChild(table);
  } else {
    section.appendChild(el("p", { className: "muted" }, "No config key varies inside this group."));
  }
  if (constant.length) {
    section.appendChild(el("p", { className: "constant" }, [el("span", { className: "muted" }, "constant: "),
      constant.map(c => c.key + " = " + displayValue(c.value)).join(" · ")]));
  }
  return section;
}

/** @param {readonly Run[]} runs */
function groupSummary(runs) {
  const table = el("table", { className: "summary-table", "data-testid": "group-summary" });
  table.appendChild(el("thead", null, el("tr", null, ["metric", "n", "mean", "median", "min", "max", "std", "95% CI"].map(h => el("th", null, h)))));
  const body = el("tbody");
  /** @param {number} v */
  const f = v => (isFiniteNumber(v) ? formatNumber(v) : "–");
  for (const k of summaryKeys(runs)) {
    const s = columnStats({ get: r => asNumber(r.summary.get(k)) }, runs);
    body.appendChild(el("tr", null, [el("td", null, k), el("td", { className: "num" }, String(s.n)), el("td", { className: "num" }, f(s.mean)),
      el("td", { className: "num" }, f(s.median)), el("td", { className: "num" }, f(s.min)), el("td", { className: "num" }, f(s.max)),
      el("td", { className: "num" }, f(s.std)), el("td", { className: "num" }, s.n > 1 ? "[" + f(s.ciLow) + ", " + f(s.ciHigh) + "]" : "–")]));
  }
  table.appendChild(body);
  return table;
}
