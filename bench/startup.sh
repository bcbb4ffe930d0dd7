#!/usr/bin/env bash
# Start-up and CLI benchmark: `npm run bench:startup` (needs hyperfine: apt-get install -y hyperfine; CI
# does not run it). Times whole commands as users run them, start-up included:
#   harbor --help, harbor route --facts - (facts on stdin)  cold = the first run after a fresh build
#   npm start until it prints "Harbor is running"          first = a fresh clone (web build, server build,
#                                                            new database); later = both built, database there
# The server runs on a copy of this working tree without its builds (node_modules linked, as after
# `npm install`) and on a temporary data folder, so neither this tree's builds nor ./.harbor are touched.
# With BENCH_BASELINE=<git ref> (e.g. the commit before the build step), the same commands are also timed
# for that commit, one after the other with this tree's, so both see the same load.
# Results: the summary at the end, and hyperfine's JSON in bench/out/startup/.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
command -v hyperfine >/dev/null || { echo "bench/startup.sh needs hyperfine: apt-get install -y hyperfine" >&2; exit 2; }

WORK=$(mktemp -d /tmp/harbor-startup-bench.XXXXXX)
OUT=$ROOT/bench/out/startup
STOP="node $ROOT/bench/start-until-ready.js --stopped $WORK/pid"
START="node $ROOT/bench/start-until-ready.js $WORK/pid npm start"
trap '$STOP; rm -rf "$WORK"' EXIT
mkdir -p "$OUT" "$WORK/bin" "$WORK/clone"

# `harbor` on the PATH, as a global install (npm i -g, npm link) puts it.
ln -s "$ROOT/bin/harbor.js" "$WORK/bin/harbor"
export PATH="$WORK/bin:$PATH"
# The fresh clone: tracked and untracked files, no dist/, web/dist/ or .harbor/.
git ls-files -co --exclude-standard -z | tar -c --null -T - | tar -x -C "$WORK/clone"
ln -s "$ROOT/node_modules" "$WORK/clone/node_modules"

run() { # NAME HYPERFINE-ARGS...: one benchmark, exported as bench/out/startup/NAME.json
  local name=$1
  shift
  hyperfine --style basic --export-json "$OUT/$name.json" "$@"
}

echo "before: $(uptime)"
node scripts/build-server.js
BUILD="node scripts/build-server.js"
run help-cold --runs 5 --prepare "$BUILD" -n "harbor --help, cold" "harbor --help"
run help-warm --warmup 3 --runs 20 -n "harbor --help, warm" "harbor --help"
run route-cold --runs 5 --prepare "$BUILD" -n "harbor route --facts -, cold" \
  "harbor route --facts - < bench/route-facts.json"
run route-warm --warmup 3 --runs 20 -n "harbor route --facts -, warm" \
  "harbor route --facts - < bench/route-facts.json"

cd "$WORK/clone"
export PORT=0 LOG_LEVEL=warn HARBOR_DATA_DIR="$WORK/data"
run start-first --runs 3 --prepare "$STOP; rm -rf dist web/dist $HARBOR_DATA_DIR" \
  -n "npm start, first (fresh clone: web build, server build, new database)" "$START"
run start-later --warmup 1 --runs 10 --prepare "$STOP" -n "npm start, later" "$START"

if [ -n "${BENCH_BASELINE:-}" ]; then
  # The baseline commit, with this tree's node_modules and the web build the runs above made.
  mkdir "$WORK/base"
  git -C "$ROOT" archive "$BENCH_BASELINE" | tar -x -C "$WORK/base"
  ln -s "$ROOT/node_modules" "$WORK/base/node_modules"
  ln -s "$WORK/clone/web/dist" "$WORK/base/web/dist"
  cd "$WORK/base"
  run baseline-cli --warmup 1 --runs 10 \
    -n "harbor --help, baseline" "node bin/harbor.js --help" -n "harbor --help, this tree" "harbor --help" \
    -n "harbor route --facts -, baseline" "node bin/harbor.js route --facts - < $ROOT/bench/route-facts.json" \
    -n "harbor route --facts -, this tree" "harbor route --facts - < $ROOT/bench/route-facts.json"
  HARBOR_DATA_DIR="$WORK/base-data" $START >/dev/null
  run baseline-start --runs 6 --prepare "$STOP" \
    -n "npm start, later, baseline" "cd $WORK/base && HARBOR_DATA_DIR=$WORK/base-data $START" \
    -n "npm start, later, this tree" "cd $WORK/clone && $START"
fi
cd "$ROOT"
echo "after: $(uptime)"

node -e '
  const { readFileSync } = require("node:fs");
  const names = ["help-cold", "help-warm", "route-cold", "route-warm", "start-first", "start-later"];
  if (process.argv[2]) names.push("baseline-cli", "baseline-start");
  for (const name of names) {
    for (const r of JSON.parse(readFileSync(`${process.argv[1]}/${name}.json`, "utf8")).results) {
      const s = (x) => `${x.toFixed(3)} s`;
      console.log(`${r.command.padEnd(72)} mean ${s(r.mean)}  median ${s(r.median)}  min ${s(r.min)}  max ${s(r.max)}  (${r.times.length} runs)`);
    }
  }' "$OUT" "${BENCH_BASELINE:-}"
