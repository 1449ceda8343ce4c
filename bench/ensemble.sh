#!/usr/bin/env bash
# Ensemble benchmark: runs bench/specs/ensemble-cnn.yaml (10 CNN trials on 10,000 Fashion-MNIST
# images, 4 epochs each, 2 slots) and prints the best single model's and the ensemble's test
# accuracy and negative log-likelihood. Takes a few minutes on 2 cores.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
"$root/hypersearch" run "$root/bench/specs/ensemble-cnn.yaml" --json --slots 2 > summary.json 2> run.log || { cat run.log >&2; exit 1; }
mkdir -p "$root/bench/results"
tail -n 1 summary.json > "$root/bench/results/ensemble.json"
python3 - "$root/bench/results/ensemble.json" <<'PY'
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
PY
