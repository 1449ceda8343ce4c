"""Optuna's samplers on the search benchmark's functions (bench/search.sh runs this with Debian's
python3-optuna): the same loop as bench/HyperSearch.Bench.Search/SearchRun.cs, at most PARALLEL
trials asked and not yet told, the oldest told first. One JSON line per run, like the C# side's.
  /usr/bin/python3 optuna_search.py --samplers tpe,random --seeds 20 --trials 100 --parallel 1,4"""
import argparse, collections, json, sys, time
import optuna
from functions import FUNCTIONS, MINIMA

def sampler(name, seed):
    if name == "tpe":
        return optuna.samplers.TPESampler(seed=seed)  # Optuna's defaults
    if name == "tpe-multivariate":
        return optuna.samplers.TPESampler(seed=seed, multivariate=True, group=True, constant_liar=True)
    if name == "random":
        return optuna.samplers.RandomSampler(seed=seed)
    if name == "cmaes":
        return optuna.samplers.CmaEsSampler(seed=seed)
    raise SystemExit(f"unknown sampler {name}")

def run(function, name, seed, trials, parallel):
    study = optuna.create_study(sampler=sampler(name, seed))
    objective = FUNCTIONS[function]
    in_flight = collections.deque()
    best, regrets = float("inf"), []
    def finish_oldest():
        nonlocal best
        trial, value = in_flight.popleft()
        study.tell(trial, value)
        best = min(best, value)
        regrets.append(round(best - MINIMA[function], 9))
    for _ in range(trials):
        if len(in_flight) >= parallel:
            finish_oldest()
        trial = study.ask()
        in_flight.append((trial, objective(trial)))
    while in_flight:
        finish_oldest()
    return regrets

def main():
    p = argparse.ArgumentParser()
    p.add_argument("--samplers", default="tpe,random")
    p.add_argument("--functions", default=",".join(FUNCTIONS))
    p.add_argument("--seeds", type=int, default=20)
    p.add_argument("--trials", type=int, default=100)
    p.add_argument("--parallel", default="1,4")
    a = p.parse_args()
    optuna.logging.set_verbosity(optuna.logging.ERROR)
    import warnings; warnings.simplefilter("ignore")
    for name in a.samplers.split(","):
        for function in a.functions.split(","):
            for parallel in (int(x) for x in a.parallel.split(",")):
                started = time.time()
                for seed in range(a.seeds):
                    print(json.dumps({"tool": "optuna", "strategy": name, "function": function, "seed": seed,
                                      "parallel": parallel, "regret": run(function, name, seed, a.trials, parallel)}), flush=True)
                print(f"optuna {name} {function} x{parallel}: {time.time() - started:.1f} s", file=sys.stderr)

if __name__ == "__main__":
    main()
