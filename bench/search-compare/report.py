"""Reads the search benchmark's JSON lines (HyperSearch's and Optuna's) and prints the median regret
per function, tool/strategy and budget, sequential and in parallel, as a Markdown table; with --png
draws the median regret curves.
  /usr/bin/python3 report.py RESULTS.jsonl [--png docs/search-regret.png] [--budgets 30,60,100]"""
import argparse, collections, json, statistics

def main():
    p = argparse.ArgumentParser()
    p.add_argument("results")
    p.add_argument("--png")
    p.add_argument("--budgets", default="30,60,100")
    a = p.parse_args()
    budgets = [int(b) for b in a.budgets.split(",")]
    runs = collections.defaultdict(list)  # (function, parallel, label) -> [regret curve]
    for line in open(a.results):
        if line.strip():
            r = json.loads(line)
            runs[(r["function"], r["parallel"], f'{r["tool"]} {r["strategy"]}')].append(r["regret"])
    functions = list(dict.fromkeys(k[0] for k in runs))
    labels = list(dict.fromkeys(k[2] for k in runs))
    parallels = sorted({k[1] for k in runs})
    def median_at(curves, b):
        return statistics.median(c[min(b, len(c)) - 1] for c in curves)
    header = "| function | strategy | " + " | ".join(f"x{q} @{b}" for q in parallels for b in budgets) + " |"
    print(header)
    print("|" + "---|" * (2 + len(parallels) * len(budgets)))
    for f in functions:
        for label in labels:
            cells = []
            for q in parallels:
                for b in budgets:
                    curves = runs.get((f, q, label))
                    cells.append(f"{median_at(curves, b):.4g}" if curves else "-")
            seeds = len(runs.get((f, parallels[0], label), []))
            print(f"| {f} | {label} ({seeds} seeds) | " + " | ".join(cells) + " |")
    if a.png:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        cols = 3
        rows = (len(functions) + cols - 1) // cols
        fig, axes = plt.subplots(rows, cols, figsize=(5 * cols, 3.6 * rows))
        for ax, f in zip(axes.flat, functions):
            for i, label in enumerate(labels):
                for q in parallels:
                    curves = runs.get((f, q, label))
                    if not curves:
                        continue
                    n = min(len(c) for c in curves)
                    med = [statistics.median(c[t] for c in curves) for t in range(n)]
                    ax.plot(range(1, n + 1), [max(m, 1e-9) for m in med], color=f"C{i}",
                            linestyle="-" if q == 1 else "--", label=f"{label} x{q}")
            ax.set_yscale("log")
            ax.set_title(f)
            ax.set_xlabel("trials")
            ax.set_ylabel("median regret")
        for ax in list(axes.flat)[len(functions):]:
            ax.axis("off")
        handles, names = axes.flat[0].get_legend_handles_labels()
        fig.legend(handles, names, loc="lower center", ncol=min(4, len(names)), fontsize=8)
        fig.tight_layout(rect=(0, 0.08, 1, 1))
        fig.savefig(a.png, dpi=90)

if __name__ == "__main__":
    main()
