#!/usr/bin/env bash
# Search benchmark: HyperSearch's searchers (core/Search, in process, no training) against Optuna's
# samplers on the same functions (bench/search-compare/functions.py mirrors
# bench/HyperSearch.Bench.Search/TestFunctions.cs): Branin (2-d), Rosenbrock (4-d, log-scaled
# inputs), Ackley (5-d), Levy (6-d), Styblinski-Tang (8-d) and a mixed 7-parameter network space
# (choice, conditional, log-scale and integer parameters). Each run is 100 trials, sequential and
# 4 in flight (the oldest finishing first); the table gives the median regret over the seeds at 30,
# 60 and 100 trials, and docs/search-regret.png draws the median regret curves.
#
#   bench/search.sh                      20 seeds, HyperSearch random/tpe/gp, Optuna random/tpe
#   BENCH_SEEDS=5 BENCH_HS="tpe,gp" BENCH_OPTUNA="tpe" bench/search.sh
#
# Needs Debian's python3-optuna and python3-matplotlib (run with /usr/bin/python3). Writes
# bench/results/search.md (the table) and docs/search-regret.png.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
for p in python3-optuna python3-matplotlib; do
  dpkg -s "$p" >/dev/null 2>&1 || { echo "needs Debian's $p: apt-get install --no-install-recommends $p" >&2; exit 2; }
done
seeds="${BENCH_SEEDS:-20}"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT

dotnet build bench/HyperSearch.Bench.Search -c Release -nologo -v quiet >/dev/null
start=$(date +%s)
bench/HyperSearch.Bench.Search/bin/Release/net10.0/hypersearch-bench-search \
  --strategies "${BENCH_HS:-random,tpe,gp}" --seeds "$seeds" --trials 100 --parallel 1,4 > "$work/runs.jsonl"
(cd bench/search-compare && /usr/bin/python3 optuna_search.py --samplers "${BENCH_OPTUNA:-random,tpe}" \
  --seeds "$seeds" --trials 100 --parallel 1,4) >> "$work/runs.jsonl"
echo "runs took $(( $(date +%s) - start )) s" >&2

/usr/bin/python3 bench/search-compare/report.py "$work/runs.jsonl" --png docs/search-regret.png | tee bench/results/search.md
