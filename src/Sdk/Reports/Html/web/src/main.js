// The page script's entry point, bundled with everything it imports into the report's one inline script.

import { ReportPage } from "./app.js";
import { parseReportData } from "./data/report-data.js";

const RESIZE_DELAY_MS = 200;

const dataBlock = /** @type {HTMLElement} */ (document.getElementById("wandb-data"));
const page = new ReportPage(/** @type {HTMLElement} */ (document.getElementById("app")), parseReportData(dataBlock.textContent ?? ""));
page.readViewFromUrl();
page.renderAll();
window.addEventListener("hashchange", () => page.navigated());
// Chart controls change settings without redrawing the table: their changes reach the URL from here.
for (const type of ["change", "input"]) document.addEventListener(type, () => page.writeViewToUrl());
let resizeTimer = 0;
window.addEventListener("resize", () => { clearTimeout(resizeTimer); resizeTimer = setTimeout(() => page.resized(), RESIZE_DELAY_MS); });
document.documentElement.setAttribute("data-ready", "true");
performance.mark("wandb-interactive");
