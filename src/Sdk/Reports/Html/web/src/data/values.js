// How the page shows, identifies and orders the values of runs (config values, group names, metrics).

import { isFiniteNumber } from "./report-data.js";

/** @typedef {import("./report-data.js").JsonValue} JsonValue */

export const NONE_LABEL = "(none)";

/**
 * A stable identity for a value: 0.1 and 0.10 are one number after JSON.parse, so they share a group.
 * @param {JsonValue | undefined} v
 */
export function valueId(v) {
  return v === null || v === undefined ? "\u0000none" : typeof v + ":" + (typeof v === "object" ? JSON.stringify(v) : String(v));
}

// One collator for every comparison: String.localeCompare builds one per call, which dominated sorts.
const collator = new Intl.Collator(undefined, { numeric: true });

/**
 * Numbers by value, everything else by its shown text (numeric-aware); missing values sort last.
 * @param {JsonValue | undefined} a
 * @param {JsonValue | undefined} b
 */
export function compareValues(a, b) {
  const an = a === null || a === undefined, bn = b === null || b === undefined;
  if (an || bn) return an === bn ? 0 : an ? 1 : -1;
  if (typeof a === "number" && typeof b === "number") return a - b;
  return collator.compare(displayValue(a), displayValue(b));
}

/** @param {JsonValue | undefined} v */
export function displayValue(v) {
  if (v === null || v === undefined) return NONE_LABEL;
  if (typeof v === "number") return formatNumber(v);
  if (typeof v === "boolean" || typeof v === "string") return String(v);
  return JSON.stringify(v);
}

/** @param {JsonValue | undefined} v */
export function displayValueOrBlank(v) {
  return v === null || v === undefined ? "" : displayValue(v);
}

/** @param {number} v */
export function formatNumber(v) {
  if (isNaN(v)) return "NaN";
  if (!isFinite(v)) return v > 0 ? "∞" : "-∞";
  if (Number.isInteger(v) && Math.abs(v) < 1e9) return String(v);
  const a = Math.abs(v);
  if (a !== 0 && (a >= 1e6 || a < 1e-3)) return v.toExponential(3);
  return String(Number(v.toPrecision(4)));
}

/**
 * Three significant digits: enough to compare groups, narrow enough for the comparison panel.
 * @param {number | null | undefined} v
 */
export function formatShort(v) {
  if (!isFiniteNumber(v)) return "–";
  const a = Math.abs(v);
  if (a !== 0 && (a >= 1e5 || a < 1e-3)) return v.toExponential(2);
  return String(Number(v.toPrecision(3)));
}

/**
 * A duration in the unit that keeps its digits: unit tests take micro- to milliseconds, which "0.00 s" would hide,
 * and training takes minutes to hours.
 * @param {number | null} seconds
 */
export function formatDuration(seconds) {
  if (!isFiniteNumber(seconds)) return "";
  if (seconds === 0) return "0 s";
  // Rounded first, so 0.9996 s reads "1.00 s", not "1000 ms".
  const micro = Number((seconds * 1e6).toPrecision(3));
  if (Math.abs(micro) < 1000) return micro + " µs";
  const milli = Number((seconds * 1e3).toPrecision(3));
  if (Math.abs(milli) < 1000) return milli + " ms";
  // The bounds are those of the rounding, so 9.996 s reads "10.0 s" and 59.96 s "1m 0s", never "60.0 s" or "1m 60s".
  if (seconds < 9.995) return seconds.toFixed(2) + " s";
  if (seconds < 59.95) return seconds.toFixed(1) + " s";
  const total = Math.round(seconds), m = Math.floor(total / 60);
  if (m < 60) return m + "m " + (total % 60) + "s";
  return Math.floor(m / 60) + "h " + (m % 60) + "m";
}

/** @param {number} n @param {string} word */
export function plural(n, word) {
  return n + " " + word + (n === 1 ? "" : "s");
}

/**
 * A moment as local date and minutes, "2026-11-29 16:35": short enough for the sidebar, sortable by eye.
 * @param {number} ms milliseconds since the epoch
 */
export function formatTime(ms) {
  if (!isFinite(ms)) return "";
  const d = new Date(ms);
  /** @param {number} n */
  const two = n => String(n).padStart(2, "0");
  return d.getFullYear() + "-" + two(d.getMonth() + 1) + "-" + two(d.getDate()) + " " + two(d.getHours()) + ":" + two(d.getMinutes());
}
