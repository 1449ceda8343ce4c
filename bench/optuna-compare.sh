#!/usr/bin/env bash
# HyperSearch + examples/command-pytorch/train.py against Optuna + the same training code
# (bench/optuna-compare/optuna_sweep.py imports its train()), on the same sweep: 16 random trials
# of the reference MLP (10,000 Fashion-MNIST images, at most 4 epochs), 2 at a time, successive
# halving with eta 2 from epoch 1. Wall time and best validation accuracy side by side, per seed.
#   bench/optuna-compare.sh [SEED ...]          (default: 11 12 13)
#   OPTUNA_SAMPLER=tpe bench/optuna-compare.sh  (Optuna's default TPE sampler instead of random)
#   ONE_SHOT=1 bench/optuna-compare.sh          (HyperSearch starts a process per trial, not a persistent worker per slot)
# Needs Debian's python3-torch and python3-optuna. Writes bench/results/optuna-compare.json.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
for p in python3-torch python3-optuna dataset-fashion-mnist; do
  dpkg -s "$p" >/dev/null 2>&1 || { echo "needs Debian's $p: apt-get install --no-install-recommends $p" >&2; exit 2; }
done
seeds=("$@"); [ ${#seeds[@]} -gt 0 ] || seeds=(11 12 13)
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
results="$root/bench/results/optuna-compare.json"
: > "$work/rows"

for seed in "${seeds[@]}"; do
  # The spec with this seed and its workdir made absolute (the copy lives in a temporary folder).
  sed -e "s/seed: 11/seed: $seed/" -e "s|workdir: .*|workdir: $root/examples/command-pytorch|" \
    -e "${ONE_SHOT:+s|persistent: true|persistent: false|}" \
    bench/optuna-compare/sweep.yaml > "$work/sweep-$seed.yaml"
  started=$(date +%s.%N)
  ./hypersearch run "$work/sweep-$seed.yaml" --json --slots 2 --state-dir "$work/state-$seed" 2>/dev/null | tail -n 1 > "$work/hs.json"
  ended=$(date +%s.%N)
  mode=$(grep -q '^ *persistent: *true' "$work/sweep-$seed.yaml" && echo persistent || echo one-shot)
  /usr/bin/python3 - "$work/hs.json" "$seed" "$started" "$ended" "$mode" >> "$work/rows" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
t = s["trials"]
e = s.get("ensemble") or {}
print(json.dumps({
    "tool": "hypersearch (random, ASHA, %s)" % sys.argv[5], "seed": int(sys.argv[2]),
    "elapsedSeconds": s["elapsedSeconds"], "processSeconds": round(float(sys.argv[4]) - float(sys.argv[3]), 1),
    "trials": t["total"], "completed": t["completed"], "pruned": t["pruned"], "failed": t["failed"] + t["diverged"],
    "epochsTrained": s["epochsTrained"], "bestValAccuracy": s["best"]["metrics"]["val_accuracy"],
    "bestTestAccuracy": (e.get("bestSingle") or {}).get("test_accuracy"),
    "ensembleTestAccuracy": (e.get("metrics") or {}).get("test_accuracy"),
}))
PY
  started=$(date +%s.%N)
  /usr/bin/python3 bench/optuna-compare/optuna_sweep.py --seed "$seed" --sampler "${OPTUNA_SAMPLER:-random}" 2>/dev/null > "$work/optuna.json"
  ended=$(date +%s.%N)
  /usr/bin/python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); r["processSeconds"]=round(float(sys.argv[3])-float(sys.argv[2]),1); print(json.dumps(r))' \
    "$work/optuna.json" "$started" "$ended" >> "$work/rows"
  tail -n 2 "$work/rows" >&2
done

/usr/bin/python3 - "$work/rows" "$results" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
json.dump({"rows": rows}, open(sys.argv[2], "w"), indent=1)
print("%-45s %5s %8s %8s %7s %6s %9s %9s" % ("tool", "seed", "wall s", "process", "epochs", "pruned", "best val", "its test"))
for r in rows:
    print("%-45s %5d %8.1f %8.1f %7d %6d %9.4f %9s" % (r["tool"], r["seed"], r["elapsedSeconds"], r["processSeconds"],
          r["epochsTrained"], r["pruned"], r["bestValAccuracy"] or float("nan"),
          "%.4f" % r["bestTestAccuracy"] if r.get("bestTestAccuracy") is not None else "-"))
PY
