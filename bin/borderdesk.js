#!/usr/bin/env node
// `npx borderdesk …`: the compiled CLI (dist/cli.js, built by npm install) in this process when it is up to date,
// else the TypeScript through tsx (see launch.js).
import { launch } from "./launch.js";

const cli = await launch("cli", "src/cli.ts");
await cli.runCli(process.argv.slice(2));
