/**
 * Prints how much of the beat and of the calendar the curated timeline covers:
 * `npm run timeline:coverage` (add `--missing` to list the month-days without an event, `--json` for the raw figures).
 */
import path from "node:path";
import { loadGazetteer, loadTimeline } from "../src/gazetteer/load.ts";
import { renderCoverage, timelineCoverage } from "../src/gazetteer/coverage.ts";
import { defaultDataDir } from "../src/store/seed.ts";

const ids = new Set(loadGazetteer(path.join(defaultDataDir, "gazetteer")).map((e) => e.value.id));
const events = loadTimeline(path.join(defaultDataDir, "timeline"), ids).map((e) => e.value);
const coverage = timelineCoverage(events);
if (process.argv.includes("--json")) console.log(JSON.stringify(coverage, null, 2));
else {
  console.log(renderCoverage(coverage));
  if (process.argv.includes("--missing")) console.log(`missing month-days: ${coverage.monthDaysMissing.join(" ")}`);
}
