#!/usr/bin/env python3
"""Renders a few panels of hypersearch-overview.json as one PNG, from a live Prometheus.

The pictures in docs/ come from it: each panel's own PromQL (with $job, $sweep and
$__rate_interval filled in as Grafana would) is run through Prometheus' HTTP API, and drawn
in Grafana's dark colours. Needs Debian's python3-matplotlib.

    python3 dashboards/preview.py --prometheus http://127.0.0.1:9090 --minutes 15 \
        --out docs/monitoring-overview.png
"""
import argparse
import json
import os
import re
import time
import urllib.parse
import urllib.request

import matplotlib

matplotlib.use("Agg")
import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
from datetime import datetime  # noqa: E402

PANELS = [
    "Trials by status",
    "Queued and running trials",
    "Best objective value",
    "Busy slots per silo",
    "Training throughput",
    "Trials started and ended per minute",
]
COLOURS = ["#73BF69", "#F2CC0C", "#8AB8FF", "#FF780A", "#F2495C", "#5794F2", "#B877D9", "#FADE2A"]
BACKGROUND, PANEL, TEXT, GRID = "#111217", "#181b1f", "#ccccdc", "#2c3235"


def query(base, path, **params):
    url = f"{base}/api/v1/{path}?{urllib.parse.urlencode(params)}"
    with urllib.request.urlopen(url, timeout=30) as response:
        body = json.load(response)
    if body["status"] != "success":
        raise RuntimeError(f"{url}: {body}")
    return body["data"]["result"]


def substitute(expr, values):
    return re.sub(r"\$\{(\w+)\}|\$(\w+)", lambda m: values[m.group(1) or m.group(2)], expr)


def legend(fmt, labels):
    return re.sub(r"\{\{\s*(\w+)\s*\}\}", lambda m: labels.get(m.group(1), ""), fmt) or "value"


def style(ax, title):
    ax.set_facecolor(PANEL)
    ax.set_title(title, color=TEXT, loc="left", fontsize=11, pad=8)
    ax.tick_params(colors=TEXT, labelsize=8)
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.grid(True, color=GRID, linewidth=0.6)
    ax.set_axisbelow(True)


def draw_stat(ax, panel, base, values, end):
    names, numbers = [], []
    for target in panel["targets"]:
        for series in query(base, "query", query=substitute(target["expr"], values), time=end):
            names.append(legend(target["legendFormat"], series["metric"]))
            numbers.append(float(series["value"][1]))
    bars = ax.barh(names, numbers, color=[COLOURS[i % len(COLOURS)] for i in range(len(names))])
    for bar, number in zip(bars, numbers):
        ax.text(bar.get_width(), bar.get_y() + bar.get_height() / 2, f" {number:g}", va="center", color=TEXT, fontsize=9)
    ax.invert_yaxis()


def draw_timeseries(ax, panel, base, values, start, end, step):
    i = 0
    for target in panel["targets"]:
        for series in query(base, "query_range", query=substitute(target["expr"], values), start=start, end=end, step=step):
            times = [datetime.fromtimestamp(float(t)) for t, _ in series["values"]]
            numbers = [float(v) for _, v in series["values"]]
            ax.plot(times, numbers, color=COLOURS[i % len(COLOURS)], linewidth=1.6, label=legend(target["legendFormat"], series["metric"]))
            i += 1
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%H:%M"))
    if i:
        ax.legend(loc="upper left", fontsize=7, facecolor=PANEL, edgecolor=GRID, labelcolor=TEXT, ncol=2)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--prometheus", default="http://127.0.0.1:9090")
    parser.add_argument("--minutes", type=float, default=15)
    parser.add_argument("--end", type=float, help="unix time the charts end at (default: now)")
    parser.add_argument("--job", default="hypersearch-silo")
    parser.add_argument("--rate-interval", default="1m")
    parser.add_argument("--out", default="monitoring-overview.png")
    args = parser.parse_args()

    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "hypersearch-overview.json")) as f:
        dashboard = json.load(f)
    panels = {p["title"]: p for p in dashboard["panels"] if p["type"] != "row"}
    values = {"job": args.job, "sweep": ".*", "instance": ".*", "__rate_interval": args.rate_interval,
              "__range": args.rate_interval, "__interval": "15s", "datasource": "prometheus"}
    end = args.end or time.time()
    start = end - args.minutes * 60
    step = max(1.0, args.minutes * 60 / 300)

    fig, axes = plt.subplots(2, 3, figsize=(16, 7.5), facecolor=BACKGROUND)
    for ax, title in zip(axes.flat, PANELS):
        panel = panels[title]
        style(ax, title)
        if panel["type"] == "stat":
            draw_stat(ax, panel, args.prometheus, values, end)
        else:
            draw_timeseries(ax, panel, args.prometheus, values, start, end, step)
    fig.suptitle(dashboard["title"], color=TEXT, x=0.01, ha="left", fontsize=14)
    fig.tight_layout(rect=(0, 0, 1, 0.96))
    fig.savefig(args.out, dpi=100, facecolor=BACKGROUND)
    print(args.out)


if __name__ == "__main__":
    main()
