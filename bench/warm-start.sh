#!/usr/bin/env bash
# What a warm start is worth: on each function of the search benchmark (bench/search.sh), a cold TPE
# search against a TPE search warm-started from an earlier coarse search of the same function
# (PRIOR random trials, another seed), as `warm_start:` feeds one (core/Search/PriorKnowledgeSearcher.cs).
# The table (kept in bench/results/warm-start.md) gives, over the seeds, the trials each needs to reach the
# cold search's final best. In process, no training, no Python.
#
#   bench/warm-start.sh                  20 seeds, 100 trials, a prior of 50 random trials
#   BENCH_SEEDS=5 BENCH_PRIOR=30 bench/warm-start.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
dotnet build bench/HyperSearch.Bench.Search -c Release -nologo -v quiet >/dev/null
start=$(date +%s)
bench/HyperSearch.Bench.Search/bin/Release/net10.0/hypersearch-bench-search \
  --warm-start "${BENCH_PRIOR:-50}" --seeds "${BENCH_SEEDS:-20}" --trials "${BENCH_TRIALS:-100}"
echo "took $(( $(date +%s) - start )) s" >&2
