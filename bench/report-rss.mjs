// Loaded with `node --import` into a measured process: at exit it writes the process's peak RSS (kB) to the file
// named by BENCH_RSS_FILE, so a bench can read a child's peak memory without an outside tool.
import { writeFileSync } from "node:fs";

const out = process.env.BENCH_RSS_FILE;
if (out) process.on("exit", () => writeFileSync(out, String(process.resourceUsage().maxRSS)));
