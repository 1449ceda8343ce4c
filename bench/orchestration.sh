#!/usr/bin/env bash
# Orchestration benchmarks (overhead, throughput, utilization, scale; README "Measured figures"), built and run in Release with the simulated trainer; silos are
# hosted in the benchmark's process (the 3-silo runs on Redis: Debian's redis-server on a free port).
#   bench/orchestration.sh                # every figure, about 7 minutes on 2 cores; prints them and
#                                         # writes bench/results/orchestration.json
#   bench/orchestration.sh --quick        # a smoke run of every scenario, about a minute
#   bench/orchestration.sh --only overhead,scale [--scale-slots 100,300,1000] [--out FILE]
#   bench/orchestration.sh --explorer ... # the same with the explorer open on each measured sweep (headless
#                                         # /usr/bin/chromium following its page live)
#   bench/orchestration.sh --only explorer-page [--explorer-trials 10000]
#                                         # the explorer's sweep page at 10,000 trials, timed in the browser
#   bench/orchestration.sh micro          # BenchmarkDotNet: sampling, ASHA at 100,000 results, sweep bookkeeping
# Run it on a quiet machine (see `uptime`): the figures are wall-clock rates, and each records the load average.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
dotnet build bench/HyperSearch.Bench.Orchestration -c Release -nologo -v q >/dev/null
exec dotnet bench/HyperSearch.Bench.Orchestration/bin/Release/net10.0/hypersearch-bench-orchestration.dll "$@"
