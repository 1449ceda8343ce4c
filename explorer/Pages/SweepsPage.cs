using System.Text;
using HyperSearch.Explorer.Data;
using HyperSearch.Sweeps;

namespace HyperSearch.Explorer.Pages;

/// <summary>The sweeps of the cluster: status, progress against each budget, best so far.</summary>
public static class SweepsPage
{
    public static async Task<string> BodyAsync(SweepFeeds feeds, CancellationToken cancellationToken)
    {
        var listings = await feeds.ListAsync();
        var summaries = new List<SweepSummary>();
        foreach (var listing in listings.OrderByDescending(l => l.CreatedUtc))
        {
            // A summary per sweep: a few hundred bytes each, however large the sweep.
            summaries.Add(await feeds.For(listing.SweepId).SummaryAsync(cancellationToken));
        }

        var parents = summaries.Where(s => s.Parent is not null).ToDictionary(s => s.SweepId, s => s.Parent!);
        var rows = new StringBuilder();
        foreach (var s in summaries)
        {
            rows.Append($"<tr class=\"sweep-row\" data-sweep=\"{Html.E(s.SweepId)}\" data-status=\"{s.Status.ToWireName()}\">")
                .Append($"<td><a href=\"/sweeps/{Uri.EscapeDataString(s.SweepId)}\">{Html.E(s.Name)}</a><div class=\"muted\">{Html.E(s.SweepId)}</div>{Refines(s, parents)}</td>")
                .Append($"<td><span class=\"badge {s.Status.ToWireName()}\">{s.Status.ToWireName()}</span></td>")
                .Append($"<td>{Budgets(s)}</td>")
                .Append($"<td class=\"best\">{(s.BestValue is { } b ? $"{Html.E(s.ObjectiveMetric)} {Html.N(b)} <span class=\"muted\">({TrialRecord.IdFor(s.BestTrial!.Value)})</span>" : "-")}</td>")
                .Append($"<td class=\"muted\">{s.CreatedUtc:u}</td></tr>");
        }

        var table = listings.Length == 0
            ? "<p class=\"empty\">No sweeps yet: start one with <code>hypersearch run SPEC</code>.</p>"
            : $"<table class=\"sweeps\"><thead><tr><th>sweep</th><th>status</th><th>progress</th><th>best so far</th><th>created (UTC)</th></tr></thead><tbody>{rows}</tbody></table>";
        return $"<h1>Sweeps</h1>{table}";
    }

    /// <summary>
    /// For a sweep written by <c>hypersearch refine</c>: its round in the chain (counted through the
    /// parents this cluster knows) and a link to the sweep it refines.
    /// </summary>
    public static string Refines(SweepSummary s, IReadOnlyDictionary<string, string> parents)
    {
        if (s.Parent is not { } parent)
        {
            return "";
        }

        int round = 2;
        var seen = new HashSet<string> { s.SweepId };
        for (var id = parent; parents.TryGetValue(id, out var next) && seen.Add(id); id = next)
        {
            round++;
        }

        return $"<div class=\"muted refines\" data-round=\"{round}\">round {round}, refines {ParentLink(parent)}</div>";
    }

    public static string ParentLink(string parent) =>
        $"<a class=\"parent\" data-parent=\"{Html.E(parent)}\" href=\"/sweeps/{Uri.EscapeDataString(parent)}\">{Html.E(parent)}</a>";

    /// <summary>Progress against each budget the spec sets: trials, epochs, time.</summary>
    public static string Budgets(SweepSummary s)
    {
        var parts = new StringBuilder(Html.Progress("trials", s.Finished, s.TrialBudget, $"{s.Finished} / {s.TrialBudget} finished, {s.Count(TrialStatus.Running)} running"));
        if (s.EpochBudget is { } epochs)
        {
            parts.Append(Html.Progress("epochs", s.EpochsTrained, epochs, $"{s.EpochsTrained} / {epochs}"));
        }

        if (s.TimeLimit is { } limit)
        {
            var elapsed = (s.FinishedUtc ?? DateTime.UtcNow) - s.CreatedUtc;
            parts.Append(Html.Progress("time", elapsed.TotalSeconds, limit.TotalSeconds, $"{elapsed.TotalMinutes:F1} / {limit.TotalMinutes:F0} min"));
        }

        return parts.ToString();
    }
}
