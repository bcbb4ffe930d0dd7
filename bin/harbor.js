#!/usr/bin/env node
// The `harbor` command (and `npm start`, which runs `harbor serve`): runs the compiled JavaScript in
// dist/, compiling it first when it is missing or older than its sources. No TypeScript at run time.
import { ensureServerBuild } from "../scripts/build-server.js";

await ensureServerBuild((line) => process.stderr.write(`${line}\n`));
await import("../dist/cli.js");
