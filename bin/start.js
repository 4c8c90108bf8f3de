#!/usr/bin/env node
// `npm start`: the compiled bot (dist/main.js, built by npm install) when it is up to date, else src/main.ts through tsx.
import { launch } from "./launch.js";

await launch("main", "src/main.ts");
