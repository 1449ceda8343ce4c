#!/usr/bin/env bash
# A silo's memory over a 20,000-trial sweep of zero-length trials (README "Measured figures"): one
# standalone silo process with the simulated trainer and state files, 8 slots; its resident memory
# sampled every 1,000 trials (bench/HyperSearch.Bench.Orchestration/MemoryScenario.cs). Prints RSS
# at 5,000 and at 20,000 trials and writes bench/results/memory.json. A few minutes on 2 cores.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
dotnet build bench/HyperSearch.Bench.Orchestration -c Release -nologo -v q >/dev/null
exec dotnet bench/HyperSearch.Bench.Orchestration/bin/Release/net10.0/hypersearch-bench-orchestration.dll --only memory --out bench/results/memory.json "$@"
