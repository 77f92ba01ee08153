// Live data for the page as `dotnet wandb ui` serves it (docs/cli.md). The server marks the page with
// <meta name="wandb-live" content="<version>"> and announces each new version of the store's data as a
// server-sent event on /api/events; this module then fetches /api/data and hands the parsed data to the
// page, which renders it again keeping what the reader chose. A report opened from a file has an empty
// mark and never makes a request (its Content-Security-Policy would refuse one anyway).

import { parseReportData } from "./data/report-data.js";

/** @typedef {import("./data/report-data.js").ReportData} ReportData */

/** While the reader types into a field, new data waits this long between looks, so a redraw never eats keystrokes. */
const TYPING_RETRY_MS = 500;

/**
 * Starts following the server's data when the page is served live; does nothing for a report file.
 * @param {(data: ReportData) => void} apply renders the page again from new data
 */
export function followLiveData(apply) {
  const mark = document.querySelector('meta[name="wandb-live"]');
  const shown = Number(mark?.getAttribute("content") || NaN);
  if (!Number.isFinite(shown)) return;
  let current = shown;
  let wanted = shown;
  let busy = false;
  document.documentElement.setAttribute("data-live-version", String(current));

  const update = async () => {
    if (busy || wanted <= current) return;
    if (isTyping()) { setTimeout(update, TYPING_RETRY_MS); return; }
    busy = true;
    const version = wanted;
    try {
      const response = await fetch("/api/data?v=" + version, { credentials: "same-origin", cache: "no-store" });
      if (response.ok) {
        apply(parseReportData(await response.text()));
        current = version;
        document.documentElement.setAttribute("data-live-version", String(current));
      }
    } finally {
      busy = false;
    }
    // A version announced while this one was fetched follows at once.
    if (wanted > current) update();
  };

  const events = new EventSource("/api/events");
  events.onmessage = event => {
    const version = Number(event.data);
    if (Number.isFinite(version) && version > wanted) { wanted = version; update(); }
  };
}

function isTyping() {
  const active = document.activeElement;
  return active instanceof HTMLInputElement && (active.type === "text" || active.type === "search");
}
