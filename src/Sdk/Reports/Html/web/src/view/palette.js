// Line colours: a chart's sources take them in order, so a group keeps its colour across charts.

const PALETTE = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f",
  "#2f4b7c", "#a05195", "#d45087", "#f95d6a", "#ff7c43", "#665191", "#00a6a6", "#7f8c8d", "#2ca02c", "#8c564b", "#17becf"];

/** @param {number} order */
export function colorFor(order) {
  return PALETTE[order % PALETTE.length];
}

/** @param {string} hex "#rrggbb" @param {number} alpha */
export function withAlpha(hex, alpha) {
  const n = parseInt(hex.slice(1), 16);
  return "rgba(" + (n >> 16) + "," + ((n >> 8) & 255) + "," + (n & 255) + "," + alpha + ")";
}
