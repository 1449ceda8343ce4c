using System.Globalization;
using HyperSearch.Spec;
using HyperSearch.Sweeps;
using Spectre.Console;

namespace HyperSearch.Client.Output;

/// <summary>The ranked table of a sweep's trials, best first.</summary>
public static class TrialTable
{
    public static void Render(IAnsiConsole console, SweepSnapshot snapshot)
    {
        var metric = snapshot.Spec?.Objective.Metric ?? "val_accuracy";
        var table = new Table().Border(TableBorder.Rounded).Title($"[bold]{Markup.Escape(snapshot.Name)}[/] ({Markup.Escape(snapshot.SweepId)})");
        table.AddColumn("#");
        table.AddColumn("trial");
        table.AddColumn("status");
        table.AddColumn(new TableColumn("epochs").RightAligned());
        table.AddColumn(new TableColumn("val_acc").RightAligned());
        table.AddColumn(new TableColumn("val_loss").RightAligned());
        table.AddColumn(new TableColumn("test_acc").RightAligned());
        table.AddColumn("parameters");
        table.AddColumn("note");

        // Fixed values (`value:`) are the same in every trial: say them once, not in every row.
        var fixedNames = snapshot.Spec?.Space.Where(p => p.Kind == DistributionKind.Value).Select(p => p.Name).ToHashSet() ?? [];
        var rank = 0;
        foreach (var trial in snapshot.Ranked())
        {
            var last = trial.LastEpoch;
            table.AddRow(
                (++rank).ToString(CultureInfo.InvariantCulture),
                trial.TrialId,
                StatusMarkup(trial.Status),
                trial.Epochs.Length.ToString(CultureInfo.InvariantCulture),
                Number(last?.ValAccuracy),
                Number(last?.ValLoss),
                Number(trial.Test?.Accuracy),
                Markup.Escape(string.Join(" ", trial.Parameters.Where(p => !fixedNames.Contains(p.Key)).Select(p => $"{p.Key}={p.Value}"))),
                Markup.Escape(Note(trial)));
        }

        console.Write(table);
        RoundsView.Render(console, snapshot);
        if (snapshot.Spec is { } spec && fixedNames.Count > 0)
        {
            console.MarkupLine($"fixed: {Markup.Escape(string.Join(" ", spec.Space.Where(p => fixedNames.Contains(p.Name)).Select(p => $"{p.Name}={p.Options[0]}")))}");
        }

        console.MarkupLine($"objective: {Markup.Escape(metric)} ({snapshot.Spec?.Objective.Mode.ToString().ToLowerInvariant()}); {snapshot.EpochsTrained} epochs trained; {Markup.Escape(snapshot.EndReason ?? snapshot.Status.ToString().ToLowerInvariant())}");
    }

    public static string StatusMarkup(TrialStatus status) => status switch
    {
        TrialStatus.Completed => "[green]completed[/]",
        TrialStatus.Pruned => "[yellow]pruned[/]",
        TrialStatus.Diverged => "[red]diverged[/]",
        TrialStatus.Failed => "[red]failed[/]",
        TrialStatus.Cancelled => "[grey]cancelled[/]",
        TrialStatus.Running => "[blue]running[/]",
        _ => "pending",
    };

    /// <summary>The trial's message and its sanity-check events (divergence is already the message).</summary>
    public static string Note(TrialRecord trial) => string.Join("; ", new[] { trial.Message }
        .Concat(trial.Events?.Where(e => !e.StartsWith("diverged", StringComparison.Ordinal)) ?? [])
        .Where(part => !string.IsNullOrEmpty(part)));

    private static string Number(double? value) => value is { } v ? v.ToString("F4", CultureInfo.InvariantCulture) : "-";
}
