using System.Text;
using HyperSearch.Explorer.Charts;
using HyperSearch.Explorer.Data;
using HyperSearch.Sweeps;

namespace HyperSearch.Explorer.Pages;

/// <summary>
/// One trial: its parameters, its metrics per epoch, its layers' update-to-weight ratios (the trainer's
/// <c>update_ratio.*</c> diagnostics; cs231n's rule of thumb puts a healthy ratio near 1e-3), its
/// events and its checkpoint.
/// </summary>
public static class TrialBody
{
    private const string UpdateRatioPrefix = "update_ratio.";

    /// <summary>The averaged weights' validation figures (trainer/Training/WeightAverage.cs), drawn beside the raw ones.</summary>
    private const string AveragedPrefix = "ema_";

    public static string Render(SweepData data, TrialRecord trial)
    {
        var spec = data.Overview.Spec!;
        var status = trial.Status.ToWireName();
        var html = new StringBuilder();
        html.Append($"<p><a href=\"/sweeps/{Uri.EscapeDataString(data.Summary.SweepId)}\">← {Html.E(data.Summary.Name)}</a></p>")
            .Append($"<h1>{trial.TrialId} <span class=\"badge {status}\">{status}</span></h1>")
            .Append($"<p class=\"muted\">attempt {trial.Attempt} · {trial.Epochs.Length} of {spec.Budget.MaxEpochs} epochs{(trial.ProposedBy is { } source ? " · proposed by " + ProposalTally.NameOf(source) : "")}{(trial.Message is null ? "" : " · " + Html.E(trial.Message))}</p>");

        var parameters = string.Concat(trial.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"<tr><td>{Html.E(p.Key)}</td><td>{Html.E(p.Value.ToString())}</td></tr>"));
        var figures = string.Concat((trial.LastEpoch?.Values ?? []).Concat(trial.Test ?? []).Select(m => $"<tr><td>{Html.E(m.Key)}</td><td>{Html.N(m.Value)}</td></tr>"));
        html.Append(Html.Section("params", "Parameters and figures",
            $"<div class=\"two\"><table class=\"small params\"><tbody>{parameters}</tbody></table><table class=\"small figures\"><tbody>{figures}</tbody></table></div>"));

        // The averaged weights' figures (the built-in trainer's ema: diagnostics ema_val_*) share the raw ones' charts.
        var averaged = trial.Epochs.SelectMany(e => (IEnumerable<string>?)e.Diagnostics?.Keys ?? []).Where(k => k.StartsWith(AveragedPrefix, StringComparison.Ordinal));
        var metrics = trial.Epochs.SelectMany(e => e.Values.Keys).Concat(averaged).Distinct().OrderBy(k => k, StringComparer.Ordinal).ToList();
        var curves = new StringBuilder("<div class=\"small-multiples\">");
        foreach (var group in metrics.GroupBy(m => m.Contains("loss", StringComparison.Ordinal) ? "loss" : m.Contains("acc", StringComparison.Ordinal) ? "accuracy" : m))
        {
            var series = group.Select((m, i) => new CurveChart.Series(m, m, status, Points(trial, e => e.Values.TryGetValue(m, out var v) ? v : e.Diagnostics?.GetValueOrDefault(m, double.NaN) ?? double.NaN), Palette.Ramp(i / Math.Max(1.0, group.Count() - 1)))).ToList();
            curves.Append(CurveChart.Render("metric", group.Key, series, spec.Budget.MaxEpochs, title: string.Join(", ", group)));
        }

        html.Append(Html.Section("metrics", "Metrics per epoch", curves.Append("</div>").ToString()));

        var layers = trial.Epochs.SelectMany(e => (IEnumerable<string>?)e.Diagnostics?.Keys ?? []).Where(k => k.StartsWith(UpdateRatioPrefix, StringComparison.Ordinal)).Distinct().OrderBy(k => k, StringComparer.Ordinal).ToList();
        var ratioSeries = layers.Select((k, i) => new CurveChart.Series(k[UpdateRatioPrefix.Length..], k[UpdateRatioPrefix.Length..], status,
            Points(trial, e => e.Diagnostics?.GetValueOrDefault(k, double.NaN) ?? double.NaN), Palette.Ramp(i / Math.Max(1.0, layers.Count - 1)))).ToList();
        html.Append(Html.Section("update-ratios", "Update-to-weight ratio per layer", layers.Count == 0
            ? "<p class=\"muted\">This trainer reported no update ratios.</p>"
            : CurveChart.Render("ratios", "update / weight", ratioSeries, spec.Budget.MaxEpochs, logY: true, title: "per layer, log scale; the line marks 1e-3", reference: 1e-3)));

        var events = trial.Epochs.SelectMany(e => (e.Events ?? []).Select(v => $"<li>epoch {e.Epoch}: {Html.E(v.ToString())}</li>"))
            .Concat((trial.Events ?? []).Select(v => $"<li>{Html.E(v.ToString())}</li>")).Distinct().ToList();
        html.Append(Html.Section("events", "Events", events.Count == 0 ? "<p class=\"muted\">None.</p>" : $"<ul class=\"events\">{string.Concat(events)}</ul>"));
        html.Append(Html.Section("checkpoint", "Checkpoint", trial.CheckpointPath is { } path ? $"<code>{Html.E(path)}</code>" : "<p class=\"muted\">None stored.</p>"));
        return html.ToString();
    }

    private static List<(int Epoch, double Value)> Points(TrialRecord trial, Func<EpochMetrics, double> value) =>
        trial.Epochs.Select(e => (e.Epoch, value(e))).Where(p => double.IsFinite(p.Item2)).ToList();
}
