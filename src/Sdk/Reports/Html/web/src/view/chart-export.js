// A chart's downloads: its CSV, and a PNG of the chart as drawn with its title and legend on white. Files are
// made in the page (a Blob behind a download link): the page makes no request, even to save a file.

import { el } from "./dom.js";
import { colorFor, dashFor } from "./palette.js";

/** @typedef {import("uplot")} uPlot */
/** @typedef {{ label: string, color: number, dash: number }} PngEntry */

/**
 * Saves a blob as a file through a download link.
 * @param {string} name
 * @param {Blob} blob
 */
export function downloadFile(name, blob) {
  const url = URL.createObjectURL(blob);
  const link = el("a", { href: url, download: name, hidden: true });
  document.body.appendChild(link);
  link.click();
  link.remove();
  // The download has started from the URL by the time the next task runs; then the blob can go.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/**
 * The chart's canvas under its title, on white, with one legend entry per line below.
 * @param {uPlot} u
 * @param {string} title
 * @param {readonly PngEntry[]} entries
 * @returns {Promise<Blob>}
 */
export function chartPng(u, title, entries) {
  const plot = u.ctx.canvas;
  const ratio = plot.width / Math.max(1, u.width);
  const pad = 12 * ratio, titleHeight = 28 * ratio, lineHeight = 18 * ratio;
  const shown = entries.slice(0, 20);
  const canvas = el("canvas");
  canvas.width = plot.width + 2 * pad;
  canvas.height = titleHeight + plot.height + shown.length * lineHeight + 2 * pad;
  const g = /** @type {CanvasRenderingContext2D} */ (canvas.getContext("2d"));
  g.fillStyle = "#fff";
  g.fillRect(0, 0, canvas.width, canvas.height);
  g.fillStyle = "#1f2430";
  g.textBaseline = "middle";
  g.font = "600 " + 15 * ratio + "px system-ui, sans-serif";
  g.fillText(title, pad, pad + titleHeight / 2, canvas.width - 2 * pad);
  g.drawImage(plot, pad, pad + titleHeight);
  g.font = 12 * ratio + "px system-ui, sans-serif";
  shown.forEach((entry, i) => {
    const y = pad + titleHeight + plot.height + (i + 0.5) * lineHeight;
    g.strokeStyle = colorFor(entry.color);
    g.lineWidth = 2.5 * ratio;
    g.setLineDash(dashFor(entry.dash).map(d => d * ratio));
    g.beginPath(); g.moveTo(pad, y); g.lineTo(pad + 22 * ratio, y); g.stroke();
    g.fillText(entry.label, pad + 30 * ratio, y, canvas.width - 2 * pad - 30 * ratio);
  });
  return new Promise((resolve, reject) => canvas.toBlob(blob => (blob ? resolve(blob) : reject(new Error("The chart could not be drawn as PNG."))), "image/png"));
}
