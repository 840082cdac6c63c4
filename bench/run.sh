#!/usr/bin/env bash
# Runs every benchmark and writes BENCHMARKS.md at the repository root.
#   bench/run.sh          full run (a few minutes)
#   bench/run.sh quick    fewer repetitions, for trying changes
#   bench/run.sh quick calls,large   only those sections (coldstart, context, calls, throughput, large, results, sandbox, tasks),
#                         printed to stdout; BENCHMARKS.md is left alone
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# one reactor run: every module writes the classpath file, the bench module (built last) last
./mvnw -q -B -DskipTests package dependency:build-classpath -Dmdep.outputFile="$root/bench/target/classpath.txt" 1>&2

# the reference server, from the npm registry, into an ignored folder
reference=""
if command -v npm >/dev/null 2>&1; then
  if [ ! -f bench/.tools/node_modules/@modelcontextprotocol/server-everything/package.json ]; then
    npm install --silent --no-audit --no-fund --prefix bench/.tools @modelcontextprotocol/server-everything@2026.8.31 1>&2 || true
  fi
  candidate="bench/.tools/node_modules/@modelcontextprotocol/server-everything/dist/index.js"
  [ -f "$candidate" ] && reference="$root/$candidate"
else
  echo "bench: npm not found; the cold-start reference is skipped" >&2
fi

# wrk, the outside load generator of the throughput section: the Debian package, when missing
if ! command -v wrk >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    echo "bench: installing wrk (apt-get install wrk)" >&2
    apt-get install -y -qq wrk >/dev/null 2>&1 || { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq wrk >/dev/null 2>&1; } || true
  fi
  command -v wrk >/dev/null 2>&1 || echo "bench: wrk could not be installed (needs root and apt-get); its throughput rows are skipped" >&2
fi

java -cp "bench/target/classes:$(cat bench/target/classpath.txt)" dev.databricksmcp.bench.BenchMain \
  "$root/server/target/databricks-mcp.jar" "$reference" "$root/BENCHMARKS.md" "${1:-full}" "${2:-}"
