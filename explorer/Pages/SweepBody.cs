using System.Text;
using HyperSearch.Explorer.Charts;
using HyperSearch.Explorer.Data;
using HyperSearch.Sweeps;

namespace HyperSearch.Explorer.Pages;

/// <summary>
/// A sweep's page body, the same served live and written into a report. Live, the scatter shows the
/// chosen pair and the page asks for another; a report holds every pair of numeric parameters.
/// </summary>
public static class SweepBody
{
    private const int MaxReportMarks = 200_000;

    /// <summary>Trials drawn in the charts that give an impression only; beyond it they show a sample (and say so).</summary>
    private const int SampledCharts = 2000;

    public static string Render(SweepData data, string? x, string? y, bool report)
    {
        var s = data.Summary;
        var spec = data.Overview.Spec ?? throw new InvalidOperationException($"sweep {s.SweepId} has no spec");
        var values = new TrialValues(spec, data.Trials);
        var status = s.Status.ToWireName();
        var html = new StringBuilder();
        html.Append($"<div class=\"sweep-head\" data-version=\"{s.Version}\"><h1>{Html.E(s.Name)} <span class=\"badge {status}\" id=\"sweep-status\">{status}</span></h1>")
            .Append($"<div class=\"muted\">{Html.E(s.SweepId)} · {Html.E(SpecNamesOf(spec))} · objective {Html.E(spec.Objective.Metric)} ({(s.Maximize ? "max" : "min")}){(s.EndReason is { } r ? " · ended: " + Html.E(ReasonNames.Of(r)) : "")}{(spec.Parent is { } parent ? " · refines " + SweepsPage.ParentLink(parent) : "")}</div>");
        if (!report)
        {
            html.Append("<div class=\"actions\"><button data-action=\"cancel\">Cancel</button><button data-action=\"pause\">Pause</button><button data-action=\"resume\">Resume</button><span id=\"action-result\" class=\"muted\"></span></div>");
        }

        html.Append("</div>");
        html.Append("<div class=\"counts\">")
            .Append(string.Concat(Enum.GetValues<TrialStatus>().Select(t => $"<span class=\"count\" data-status=\"{t.ToWireName()}\"><b>{s.Count(t)}</b> {t.ToWireName()}</span>")))
            .Append($"<span class=\"count\" data-status=\"total\"><b>{s.TrialCount}</b> trials</span>")
            .Append($"<span class=\"count best\">best {(s.BestValue is { } b ? $"{Html.E(spec.Objective.Metric)} <b>{Html.N(b)}</b> ({TrialRecord.IdFor(s.BestTrial!.Value)})" : "-")}</span></div>");
        html.Append(SweepsPage.Budgets(s));
        if (s.StoreProblem is { } problem)
        {
            html.Append($"<p class=\"warning\">The sweep's state cannot be written ({Html.E(problem)}): no new trial starts until a write succeeds.</p>");
        }

        html.Append(Html.Section("warnings", "Warnings and sanity events", InsightSections.Events(data.Snapshot())));
        html.Append(Html.Section("trials", "Trials",
            "<div class=\"table-tools\"><label>status <select id=\"status-filter\"><option value=\"\">all</option>"
            + string.Concat(Enum.GetValues<TrialStatus>().Select(t => $"<option>{t.ToWireName()}</option>"))
            + "</select></label> <span id=\"table-count\" class=\"muted\"></span></div><table id=\"trial-table\" class=\"trials\"></table>"
            + $"<script type=\"application/json\" id=\"trial-data\">{TrialTableData.Json(data)}</script>"));
        html.Append(Html.Section("curves", "Learning curves", CurveChart.Trials(values, $"{spec.Objective.Metric} per epoch, one line per trial (pruned and diverged: dashed, × where they stopped)")));
        html.Append(Html.Section("scatter", "Parameters against each other and the objective", Scatters(values, x, y, report)));
        var sample = values.Sample(SampledCharts);
        html.Append(Html.Section("parallel", "Parallel coordinates", ParallelChart.Render(sample, SampleNote(sample, values))));
        html.Append(Html.Section("importance", "Parameter importance", InsightSections.Importance(spec, data.Trials)));
        if (InsightSections.Proposals(spec, data.Trials) is { } proposals)
        {
            html.Append(Html.Section("proposals", "Who proposed the trials", proposals));
        }

        if (InsightSections.Rounds(data.Overview.Rounds) is { } rounds)
        {
            html.Append(Html.Section("rounds", "Coarse-to-fine rounds", rounds));
        }

        if (RungsSection.Render(spec, data.Trials) is { } rungs)
        {
            html.Append(Html.Section("rungs", "Scheduler rungs", rungs));
        }

        html.Append(Html.Section("ensemble", "Ensemble", InsightSections.Ensemble(data.Ensemble, spec)));
        return html.ToString();
    }

    private static string SpecNamesOf(HyperSearch.Spec.SweepSpec spec) =>
        $"{HyperSearch.Spec.SpecNames.Of(spec.Search.Strategy)} search, {HyperSearch.Spec.SpecNames.Of(spec.Scheduler.Type)} scheduler";

    private static string Scatters(TrialValues values, string? x, string? y, bool report)
    {
        var numeric = values.Numeric;
        var choices = values.Varying.Append(values.Objective).ToList();
        x = x is not null && choices.Contains(x) ? x : numeric.ElementAtOrDefault(0) ?? values.Varying.FirstOrDefault() ?? values.Objective;
        y = y is not null && choices.Contains(y) ? y : numeric.ElementAtOrDefault(1) ?? values.Objective;
        var html = new StringBuilder("<div class=\"scatter-tools\">");
        html.Append(Select("scatter-x", choices, x)).Append(" × ").Append(Select("scatter-y", choices, y)).Append("</div><div id=\"scatter-pairs\">");
        if (report)
        {
            // Offline there is nobody to draw another pair: every pair of the choices is in the file,
            // one shown; a large sweep gets the default pair only, to keep the file a few MB.
            var everyPair = values.Trials.Count * choices.Count * (choices.Count - 1) <= MaxReportMarks;
            foreach (var a in choices)
            {
                foreach (var b in choices.Where(b => b != a && (everyPair || (a == x && b == y))))
                {
                    html.Append($"<div class=\"pair\" data-pair=\"{Html.E(a)}|{Html.E(b)}\"{(a == x && b == y ? "" : " hidden")}>{ScatterChart.Render(values, a, b)}</div>");
                }
            }
        }
        else
        {
            html.Append(Pair(values, x, y));
        }

        var sample = values.Sample(SampledCharts);
        html.Append($"</div><h3>Each parameter against the objective</h3><p class=\"muted\">{Html.E(SampleNote(sample, values))}</p><div class=\"small-multiples\">");
        foreach (var name in values.Varying)
        {
            html.Append(ScatterChart.Render(sample, name, values.Objective, width: 360, height: 240));
        }

        return html.Append("</div>").ToString();
    }

    private static string? SampleNote(TrialValues sample, TrialValues all) => sample.Trials.Count == all.Trials.Count
        ? null
        : $"{sample.Trials.Count:N0} of {all.Trials.Count:N0} trials drawn: the best tenth of them and an even sample of the rest";

    public static string Pair(TrialValues values, string x, string y) =>
        $"<div class=\"pair\" data-pair=\"{Html.E(x)}|{Html.E(y)}\">{ScatterChart.Render(values, x, y, $"{x} × {y}, coloured by {values.Objective} (bright: best)")}</div>";

    private static string Select(string id, IEnumerable<string> options, string selected) =>
        $"<select id=\"{id}\">{string.Concat(options.Select(o => $"<option{(o == selected ? " selected" : "")}>{Html.E(o)}</option>"))}</select>";
}
