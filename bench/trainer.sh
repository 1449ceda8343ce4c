#!/usr/bin/env bash
# Trainer benchmarks (docs/design.md "Reference models for benchmarks"), built and run in Release.
#   bench/trainer.sh                 # throughput: trainer vs bare TorchSharp loop, MLP and CNN
#   bench/trainer.sh accuracy        # test accuracy of a good CNN configuration on Fashion-MNIST
#   bench/trainer.sh command         # per-trial overhead of a command trial (start to first report, stop to reaped)
#   options: --model mlp|cnn (throughput: one of them) --threads N (2) --rounds N (2) --epochs N (accuracy, 12) --trials N (command, 50) --json
# Needs Debian's dataset-fashion-mnist. Run it on a quiet machine: the figures are wall-clock rates.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# glibc malloc settings that make CPU convolutions several times faster (sdk-torchsharp/Native/NativeAllocator.cs).
export GLIBC_TUNABLES="${GLIBC_TUNABLES:+$GLIBC_TUNABLES:}glibc.malloc.arena_max=1:glibc.malloc.mmap_max=0:glibc.malloc.trim_threshold=17179869184"
exec dotnet run --project "$root/bench/HyperSearch.Bench.Trainer" -c Release -- "$@"
