#!/usr/bin/env bash
# The cluster fault tests (a silo SIGKILLed mid-trial; every silo stopped and started again, both on
# a real Redis with real silo processes) run again and again, each run in a fresh test process, to
# show they pass every time rather than usually.
#   bench/fault-loop.sh [RUNS]     # default 20; about 1-2 minutes a run on 2 cores
# Prints one line per run and "N of RUNS runs passed"; the log of a failed run is kept in /tmp.
# Needs what the tests need (Debian's redis-server and dataset-fashion-mnist, see run-tests).
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
runs="${1:-20}"
dotnet build tests/HyperSearch.Tests -c Release -nologo -v quiet >/dev/null || { echo "build failed"; exit 1; }
cd tests/HyperSearch.Tests/bin/Release/net10.0
passed=0
for i in $(seq 1 "$runs"); do
  started=$(date +%s)
  log="$(mktemp /tmp/fault-loop-run-$i.XXXXXX)"
  if dotnet HyperSearch.Tests.dll -class HyperSearch.Tests.Cluster.ClusterFaultTests >"$log" 2>&1; then
    passed=$((passed + 1))
    echo "run $i: passed in $(( $(date +%s) - started )) s"
    rm -f "$log"
  else
    echo "run $i: FAILED in $(( $(date +%s) - started )) s (log: $log)"
  fi
done
echo "$passed of $runs runs passed"
[ "$passed" -eq "$runs" ]
