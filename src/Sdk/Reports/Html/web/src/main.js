// The page script's entry point, bundled with everything it imports into the report's one inline script.

import { ReportPage } from "./app.js";
import { parseReportData } from "./data/report-data.js";
import { followLiveData } from "./live.js";

const RESIZE_DELAY_MS = 200;

const root = /** @type {HTMLElement} */ (document.getElementById("app"));
const dataBlock = /** @type {HTMLElement} */ (document.getElementById("wandb-data"));
let page = new ReportPage(root, parseReportData(dataBlock.textContent ?? ""));
page.readViewFromUrl();
page.renderAll();
window.addEventListener("hashchange", () => page.navigated());
// Chart controls change settings without redrawing the table: their changes reach the URL from here.
for (const type of ["change", "input"]) document.addEventListener(type, () => page.writeViewToUrl());
let resizeTimer = 0;
window.addEventListener("resize", () => { clearTimeout(resizeTimer); resizeTimer = setTimeout(() => page.resized(), RESIZE_DELAY_MS); });
// Served live by `dotnet wandb ui`: new data makes a new page that keeps the reader's choices and place.
followLiveData(data => {
  const next = new ReportPage(root, data);
  const state = page.state;
  if (!page.hasGroups && next.hasGroups) state.grouped = true;   // runs gained groups: group as a fresh page would
  next.state = state;
  const scroll = window.scrollY;
  page = next;
  page.renderAll();
  window.scrollTo(0, scroll);
});
document.documentElement.setAttribute("data-ready", "true");
performance.mark("wandb-interactive");
