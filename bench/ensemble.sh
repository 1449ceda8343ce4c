#!/usr/bin/env bash
# Ensemble benchmark: runs bench/specs/ensemble-cnn.yaml (10 CNN trials on 10,000 Fashion-MNIST
# images, 4 epochs each, 2 slots) and prints the best single model's and the ensemble's test
# accuracy and negative log-likelihood. Takes a few minutes on 2 cores.
#   bench/ensemble.sh --retrain   # the same with ensemble.retrain: the top 5 trained again on the
#                                 # 10,000 + 5,000 validation images, scored both ways (results: ensemble-retrain.json)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
spec="$root/bench/specs/ensemble-cnn.yaml"
result="$root/bench/results/ensemble.json"
if [ "${1:-}" = "--retrain" ]; then
  sed 's/^ensemble: { top_k: 5, method: greedy }$/ensemble: { top_k: 5, method: greedy, retrain: true }/' "$spec" > "$work/spec.yaml"
  grep -q 'retrain: true' "$work/spec.yaml" || { echo "could not add retrain: true to $spec" >&2; exit 1; }
  spec="$work/spec.yaml"
  result="$root/bench/results/ensemble-retrain.json"
fi
cd "$work"
"$root/hypersearch" run "$spec" --json --slots 2 > summary.json 2> run.log || { cat run.log >&2; exit 1; }
mkdir -p "$root/bench/results"
tail -n 1 summary.json > "$result"
python3 - "$result" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
e = s["ensemble"]
b = e["bestSingle"]
print(f"machine: {open('/proc/cpuinfo').read().count('processor')} cores; sweep {s['sweepId']} in {s['elapsedSeconds']} s")
print(f"{'model':<28}{'test_acc':>10}{'test_nll':>10}")
print(f"{'best single (' + b['trialId'] + ')':<28}{b['test_accuracy']:>10.4f}{b['test_nll']:>10.4f}")
members = ', '.join(f"{m} x{w:.2f}" for m, w in e['weights'].items())
print(f"{'ensemble (' + e['method'] + ')':<28}{e['metrics']['test_accuracy']:>10.4f}{e['metrics']['test_nll']:>10.4f}   {members}")
print(f"gain: {100 * (e['metrics']['test_accuracy'] - b['test_accuracy']):+.2f} accuracy points, {e['metrics']['test_nll'] - b['test_nll']:+.4f} NLL")
r = e.get("retrained")
if r:
    if r["bestSingle"]:
        print(f"{'best single, retrained':<28}{r['bestSingle']['test_accuracy']:>10.4f}{r['bestSingle']['test_nll']:>10.4f}")
    if r["test_accuracy"] is not None:
        print(f"{'ensemble, retrained':<28}{r['test_accuracy']:>10.4f}{r['test_nll']:>10.4f}")
    if r["problem"]:
        print(f"retrained ensemble incomplete: {r['problem']}")
PY
