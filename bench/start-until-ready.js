// Helper of bench/startup.sh, in plain JavaScript so that it adds no transpiling to what it times.
//   node bench/start-until-ready.js PIDFILE COMMAND...  runs COMMAND (e.g. `npm start`) in its own process
//     group and exits as soon as it prints "Harbor is running", after asking the group to stop (SIGTERM);
//     exits 1 with its output if it ends before that.
//   node bench/start-until-ready.js --stopped PIDFILE   waits until that group has exited (the benchmark's
//     --prepare step, so that shutting down is not timed and the next start finds the data folder free).
import { spawn } from "node:child_process";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";

const READY = /Harbor is running at /;

/** @param {number} pgid */
function groupAlive(pgid) {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

const [first, ...rest] = process.argv.slice(2);
if (first === "--stopped") {
  const pidFile = rest[0] ?? "";
  if (existsSync(pidFile)) {
    const pgid = Number(readFileSync(pidFile, "utf8"));
    while (groupAlive(pgid)) await sleep(20);
    rmSync(pidFile);
  }
} else {
  const [command = "", ...args] = rest;
  const child = spawn(command, args, { detached: true, stdio: ["ignore", "pipe", "pipe"] });
  writeFileSync(first ?? "", String(child.pid));
  let output = "";
  const onData = (/** @type {Buffer} */ data) => {
    output += data;
    if (!READY.test(output)) return;
    process.kill(-(child.pid ?? 0), "SIGTERM");
    process.exit(0);
  };
  child.stdout.on("data", onData);
  child.stderr.on("data", onData);
  child.on("exit", (code) => {
    process.stderr.write(`${command} ${args.join(" ")} exited (${code}) before it was ready:\n${output}`);
    process.exit(1);
  });
}
