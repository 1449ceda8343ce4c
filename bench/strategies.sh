#!/usr/bin/env bash
# Strategy benchmark: random vs coarse-to-fine vs ASHA vs TPE+ASHA on Fashion-MNIST, at equal trial
# counts (the specs in bench/specs/ share data, budget and space). Each sweep runs through the real
# console, `./hypersearch run SPEC --json`, with an embedded silo; the table reads each run's summary.
#
#   bench/strategies.sh [SEED ...]      default seed: the specs' own (42)
#   BENCH_STRATEGIES="asha asha-paper" bench/strategies.sh 42 1 2   # today's ASHA against the paper's (mode: pause)
#
# Prints one row per strategy and seed: best validation accuracy, epochs trained (all trials
# together), trials completed / pruned / diverged, and wall time. Needs jq and Debian's
# dataset-fashion-mnist.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
specs="$root/bench/specs"
read -r -a strategies <<< "${BENCH_STRATEGIES:-random coarse-to-fine asha tpe-asha}"
slots="${BENCH_SLOTS:-2}"

command -v jq >/dev/null || { echo "strategies.sh: needs jq (apt-get install jq)" >&2; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

seeds=("$@")
[ ${#seeds[@]} -eq 0 ] && seeds=(42)

# Build once up front, so the first strategy's wall time is training, not compiling.
"$root/hypersearch" --help >/dev/null

rows=()
for seed in "${seeds[@]}"; do
  for strategy in "${strategies[@]}"; do
    spec="$work/$strategy-$seed.yaml"
    sed -E "s/seed: [0-9-]+/seed: $seed/" "$specs/$strategy.yaml" > "$spec"
    echo "== $strategy (seed $seed)" >&2
    start=$(date +%s.%N)
    "$root/hypersearch" run "$spec" --json --slots "$slots" --state-dir "$work/state-$strategy-$seed" \
      > "$work/$strategy-$seed.out" 2> "$work/$strategy-$seed.err" \
      || { echo "strategies.sh: $strategy failed; its output:" >&2; tail -20 "$work/$strategy-$seed.err" >&2; exit 1; }
    end=$(date +%s.%N)
    summary="$(tail -n 1 "$work/$strategy-$seed.out")"
    rows+=("$(jq -r --arg s "$strategy" --arg seed "$seed" --arg wall "$(echo "$end - $start" | bc)" \
      '[$s, $seed, (.best.metrics.val_accuracy * 1000 | round / 1000 | tostring), (.epochsTrained | tostring),
        "\(.trials.completed)/\(.trials.pruned)/\(.trials.diverged)", ($wall | tonumber * 10 | round / 10 | tostring)] | @tsv' <<<"$summary")")
  done
done

{
  printf 'strategy\tseed\tbest_val_acc\tepochs\tdone/pruned/diverged\twall_s\n'
  printf '%s\n' "${rows[@]}"
} | column -t -s $'\t'
