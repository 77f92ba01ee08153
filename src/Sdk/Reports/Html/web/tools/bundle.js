// Bundles the page's modules (src/main.js and all it imports, uPlot included) into one script for the
// report's single inline <script>: `node tools/bundle.js <outfile>`, run by the Wandb.Sdk build.

import { build } from "esbuild";

const outfile = process.argv[2];
if (!outfile) {
  console.error("usage: node tools/bundle.js <outfile>");
  process.exit(2);
}

await build({
  entryPoints: ["src/main.js"],
  outfile,
  bundle: true,
  format: "iife",
  target: "es2020",
  minify: true,
  legalComments: "none",   // uPlot's MIT license is added in full by PageAssets
  logLevel: "warning",
});
