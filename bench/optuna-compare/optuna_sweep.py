#!/usr/bin/python3
"""The Optuna side of bench/optuna-compare.sh: the same training code (examples/command-pytorch/train.py's
train()), the same space, budget and early stopping as sweep.yaml, run the way Optuna parallelizes:
worker processes sharing one study in an SQLite file.

  /usr/bin/python3 bench/optuna-compare/optuna_sweep.py --seed 1 --trials 16 --workers 2 --epochs 4 [--sampler random|tpe]

Prints one JSON line: wall seconds, best value, trial counts, epochs trained, the best trial's test accuracy.
"""

import argparse
import json
import math
import multiprocessing
import os
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "examples", "command-pytorch"))

import optuna  # noqa: E402
import train as example  # noqa: E402  (examples/command-pytorch/train.py)


def suggest(trial):
    """sweep.yaml's space."""
    return {
        "model": "mlp",
        "lr": trial.suggest_float("lr", 1e-4, 1e-1, log=True),
        "weight_decay": trial.suggest_float("weight_decay", 1e-6, 1e-2, log=True),
        "dropout": trial.suggest_float("dropout", 0.0, 0.5),
        "hidden": trial.suggest_categorical("hidden", [128, 256, 512]),
    }


def worker(storage, study_name, trials, epochs, seed, sampler_name, index):
    # Each trial's seed differs, as HyperSearch's do; data loaded once per worker, as Optuna users do.
    sampler = optuna.samplers.RandomSampler(seed=seed + index) if sampler_name == "random" \
        else optuna.samplers.TPESampler(seed=seed + index)
    study = optuna.load_study(study_name=study_name, storage=storage, sampler=sampler,
                              pruner=optuna.pruners.SuccessiveHalvingPruner(min_resource=1, reduction_factor=2))
    data = example.load(example.DEFAULT_DATA, 10000, 2000, 10000)

    def objective(trial):
        params = suggest(trial)
        best_value = [-math.inf]
        pruned = [False]  # should_prune answers once per rung: a second call at the same step says no

        def report(epoch, figures):
            value = figures["val_accuracy"]
            if math.isfinite(value):
                best_value[0] = max(best_value[0], value)
            trial.set_user_attr("epochs", epoch)
            trial.report(value, epoch)
            pruned[0] = trial.should_prune()
            return not pruned[0]

        best = example.train(params, epochs, trial.number, data, report, threads=1)
        if best is not None:
            trial.set_user_attr("test_accuracy", best["test_accuracy"])
        if pruned[0]:
            raise optuna.TrialPruned()
        return best_value[0] if math.isfinite(best_value[0]) else float("nan")

    optuna.logging.set_verbosity(optuna.logging.WARNING)
    study.optimize(objective, n_trials=trials)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--seed", type=int, default=11)
    p.add_argument("--trials", type=int, default=16)
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--epochs", type=int, default=4)
    p.add_argument("--sampler", choices=["random", "tpe"], default="random")
    args = p.parse_args()

    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as directory:
        storage = "sqlite:///" + os.path.join(directory, "study.db")
        study = optuna.create_study(study_name="compare", storage=storage, direction="maximize")
        share = [args.trials // args.workers + (1 if i < args.trials % args.workers else 0) for i in range(args.workers)]
        processes = [multiprocessing.Process(target=worker, args=(storage, "compare", n, args.epochs, args.seed, args.sampler, i))
                     for i, n in enumerate(share)]
        for process in processes:
            process.start()
        for process in processes:
            process.join()
        elapsed = time.perf_counter() - started
        trials = study.get_trials(deepcopy=False)
        states = [t.state for t in trials]
        complete = [t for t in trials if t.state == optuna.trial.TrialState.COMPLETE and t.value is not None and math.isfinite(t.value)]
        best = max(complete, key=lambda t: t.value) if complete else None
        print(json.dumps({
            "tool": "optuna %s (%s sampler, successive halving)" % (optuna.__version__, args.sampler),
            "seed": args.seed,
            "elapsedSeconds": round(elapsed, 1),
            "trials": len(trials),
            "completed": states.count(optuna.trial.TrialState.COMPLETE),
            "pruned": states.count(optuna.trial.TrialState.PRUNED),
            "failed": states.count(optuna.trial.TrialState.FAIL),
            "epochsTrained": sum(t.user_attrs.get("epochs", 0) for t in trials),
            "bestValAccuracy": best.value if best else None,
            "bestTestAccuracy": best.user_attrs.get("test_accuracy") if best else None,
        }))
    return 0 if all(p.exitcode == 0 for p in processes) else 1


if __name__ == "__main__":
    sys.exit(main())
