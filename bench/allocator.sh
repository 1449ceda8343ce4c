#!/usr/bin/env bash
# What the glibc malloc settings (sdk-torchsharp/Native/NativeAllocator.cs) are worth: bench/specs/allocator-cnn.yaml
# on one slot, alternately without and with GLIBC_TUNABLES, N rounds (default 2); prints each
# run's sweep seconds. The console is run directly (dotnet hypersearch.dll): ./hypersearch would set them.
#   bench/allocator.sh [rounds]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds="${1:-2}"
tunables="glibc.malloc.arena_max=1:glibc.malloc.mmap_max=0:glibc.malloc.trim_threshold=17179869184"
"$root/hypersearch" --help >/dev/null   # builds the console when stale
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
run() {
  local label="$1"; shift
  env "$@" dotnet "$root/client/bin/Release/net10.0/hypersearch.dll" run "$root/bench/specs/allocator-cnn.yaml" \
      --json --slots 1 --state-dir "$work/state-$label-$RANDOM" 2>/dev/null | tail -n 1 \
    | python3 -c "import json, sys; s = json.load(sys.stdin); print(f'$label: sweep {s[\"elapsedSeconds\"]} s, val_accuracy {s[\"best\"][\"metrics\"][\"val_accuracy\"]:.4f}')"
}
for _ in $(seq "$rounds"); do
  run defaults -u GLIBC_TUNABLES
  run tuned "GLIBC_TUNABLES=$tunables"
done
