// Line colours and stroke styles: a chart's lines take colours by their group (so a group keeps its colour
// across charts) and dash patterns by the value of the stroke-by key.

import { el } from "./dom.js";

const PALETTE = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f",
  "#2f4b7c", "#a05195", "#d45087", "#f95d6a", "#ff7c43", "#665191", "#00a6a6", "#7f8c8d", "#2ca02c", "#8c564b", "#17becf"];

/** Dash patterns in CSS pixels (dash, gap, ...): solid first, then ones that stay apart at a glance. */
const DASHES = [[], [8, 4], [2, 3], [12, 4, 2, 4], [4, 6], [16, 6], [2, 3, 2, 3, 8, 3]];

/** @param {number} order */
export function colorFor(order) {
  return PALETTE[order % PALETTE.length];
}

/**
 * The dash pattern of a stroke value's position; [] is a solid line.
 * @param {number} index
 * @returns {number[]}
 */
export function dashFor(index) {
  return DASHES[index % DASHES.length];
}

/** @param {string} hex "#rrggbb" @param {number} alpha */
export function withAlpha(hex, alpha) {
  const n = parseInt(hex.slice(1), 16);
  return "rgba(" + (n >> 16) + "," + ((n >> 8) & 255) + "," + (n & 255) + "," + alpha + ")";
}

/**
 * A short sample of a line in its colour and dash pattern, for legends: a span whose background repeats the
 * dash pattern (the page adds no SVG or image elements, so user text can never be confused with one).
 * @param {number} color
 * @param {number} dash
 */
export function lineSample(color, dash) {
  const sample = el("span", { className: "swatch-line", "aria-hidden": "true" });
  sample.style.background = dashBackground(colorFor(color), dashFor(dash));
  return sample;
}

/**
 * A CSS background drawing the dash pattern horizontally: dashes in the colour, gaps transparent.
 * @param {string} color
 * @param {readonly number[]} pattern
 */
function dashBackground(color, pattern) {
  if (!pattern.length) return color;
  /** @type {string[]} */
  const stops = [];
  let at = 0;
  pattern.forEach((length, i) => {
    const paint = i % 2 === 0 ? color : "transparent";
    stops.push(paint + " " + at + "px " + (at + length) + "px");
    at += length;
  });
  return "repeating-linear-gradient(90deg, " + stops.join(", ") + ")";
}
