using HyperSearch.Explorer.Charts;
using HyperSearch.Spec;
using HyperSearch.Sweeps;

namespace HyperSearch.Explorer.Pages;

/// <summary>
/// ASHA / Hyperband rungs, from the spec and the trials: at each rung epoch (grace x factor^k), how
/// many trials got there and how many were stopped there.
/// </summary>
public static class RungsSection
{
    public static string? Render(SweepSpec spec, IReadOnlyList<TrialRecord> trials)
    {
        if (spec.Scheduler.Type is not (SchedulerType.Asha or SchedulerType.Hyperband) || spec.Scheduler.ReductionFactor < 2)
        {
            return null;
        }

        var rungs = new List<int>();
        for (var epoch = Math.Max(1, spec.Scheduler.GraceEpochs); epoch < spec.Budget.MaxEpochs; epoch *= spec.Scheduler.ReductionFactor)
        {
            rungs.Add(epoch);
        }

        rungs.Add(spec.Budget.MaxEpochs);
        var bars = new List<(string, double, string)>();
        var rows = new System.Text.StringBuilder();
        for (var i = 0; i < rungs.Count; i++)
        {
            var rung = rungs[i];
            var next = i + 1 < rungs.Count ? rungs[i + 1] : int.MaxValue;
            var reached = trials.Count(t => t.Epochs.Length >= rung);
            var stopped = trials.Count(t => t.Status == TrialStatus.Pruned && t.Epochs.Length >= rung && t.Epochs.Length < next);
            bars.Add(($"epoch {rung}", reached, $"{reached} reached, {stopped} stopped here"));
            rows.Append($"<tr data-rung=\"{rung}\"><td>{rung}</td><td>{reached}</td><td>{stopped}</td></tr>");
        }

        return BarChart.Render("rungs", bars, $"{SpecNames.Of(spec.Scheduler.Type)} rungs (grace {spec.Scheduler.GraceEpochs}, reduction factor {spec.Scheduler.ReductionFactor})")
            + $"<table class=\"small\"><thead><tr><th>rung (epoch)</th><th>trials reached</th><th>stopped there</th></tr></thead><tbody>{rows}</tbody></table>";
    }
}
