// A run's page (#/run/<id>): who the run is (state, group, job type, times, exit code), its failure message
// in full, its config, its summary and where it ran; the page draws its charts below.

import { clear, el } from "./dom.js";
import { isProblem } from "../data/problems.js";
import { displayValue, formatDuration, plural } from "../data/values.js";
import { groupHref } from "../page-state.js";

/** @typedef {import("../data/report-data.js").Run} Run */
/** @typedef {import("../data/report-data.js").JsonValue} JsonValue */

/**
 * @param {HTMLElement} head
 * @param {Run | null} run null when the report holds no run with that id
 * @param {string} id the id the route asked for
 */
export function renderRunPage(head, run, id) {
  clear(head);
  const page = el("div", { className: "run-page", "data-testid": "run-page" });
  head.appendChild(page);
  if (!run) {
    page.appendChild(el("nav", { className: "crumbs" }, [el("a", { href: "#/" }, "All runs"), " › run"]));
    page.appendChild(el("p", { className: "empty" }, "This report holds no run " + id + "."));
    return;
  }
  page.appendChild(el("nav", { className: "crumbs" }, [el("a", { href: "#/" }, "All runs"), " › group ",
    el("a", { href: groupHref(run.group) }, displayValue(run.group)), " › run"]));
  page.appendChild(el("h1", { "data-testid": "run-title" }, [el("span", { className: "dot state-" + run.state }), run.name]));
  page.appendChild(el("div", { className: "cards" }, [
    card("state", el("span", { className: "pill state-" + run.state }, run.state)),
    card("job type", displayValue(run.job_type)),
    card("project", run.project),
    card("started", el("time", { datetime: run.createdAt }, new Date(run.createdMs).toLocaleString())),
    card("duration", formatDuration(run.duration) || "–"),
    card("exit code", run.exitCode === null ? "–" : String(run.exitCode)),
    card("id", run.id),
  ]));
  if (run.tags.length || run.notes) {
    page.appendChild(el("p", { className: "run-notes" }, [run.tags.length ? "tags: " + run.tags.join(", ") : null, run.tags.length && run.notes ? " · " : null, run.notes]));
  }
  if (run.error !== null || isProblem(run)) {
    page.appendChild(el("section", { className: "run-error-box" }, [
      el("h2", null, "Error"),
      el("pre", { className: "run-error", "data-testid": "run-error" }, run.error ?? "The run " + run.state + " without a message" + (run.exitCode === null ? "." : " (exit code " + run.exitCode + ").")),
    ]));
  }
  // The message is shown in full above; the summary need not repeat it.
  const summary = Array.from(run.summary).filter(([, v]) => run.error === null || typeof v !== "string" || v.trim() !== run.error);
  page.appendChild(el("div", { className: "run-tables" }, [
    valueTable("Config", "run-config", byKey(Array.from(run.config))),
    valueTable("Summary", "run-summary", byKey(summary)),
    valueTable("System", "run-system", systemEntries(run)),
  ]));
}

/**
 * Where the run was recorded, the fields that are known.
 * @param {Run} run
 * @returns {[string, JsonValue][]}
 */
function systemEntries(run) {
  const s = run.system;
  if (!s) return [];
  /** @type {[string, JsonValue][]} */
  const entries = [["host", s.host], ["os", s.os], [".NET", s.dotnet], ["pid", s.pid], ["git commit", s.git_commit],
    ["git branch", s.git_branch], ["git dirty", s.git_dirty], ["CI provider", s.ci_provider], ["CI run", s.ci_run_id]];
  return entries.filter(([, v]) => v !== null && v !== undefined);
}

/**
 * @param {string} label
 * @param {string | Node} value
 */
function card(label, value) {
  return el("div", { className: "card" }, [el("div", { className: "card-label" }, label), el("div", { className: "card-value", title: typeof value === "string" ? value : null }, value)]);
}

/**
 * @param {[string, JsonValue][]} entries
 */
function byKey(entries) {
  return entries.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

/**
 * A two-column table of keys and values in the order given, numbers in full precision.
 * @param {string} title
 * @param {string} testid
 * @param {[string, JsonValue][]} entries
 */
function valueTable(title, testid, entries) {
  const section = el("section", { className: "run-table" }, el("h2", null, title + " · " + plural(entries.length, "value")));
  if (!entries.length) {
    section.appendChild(el("p", { className: "muted" }, "none"));
    return section;
  }
  const body = el("tbody");
  for (const [key, value] of entries) {
    body.appendChild(el("tr", null, [el("th", null, key), el("td", null, typeof value === "number" ? String(value) : displayValue(value))]));
  }
  section.appendChild(el("table", { className: "summary-table", "data-testid": testid }, body));
  return section;
}
