using System.Globalization;
using HyperSearch.Sdk;
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
        var columns = MetricColumns(snapshot, metric);
        foreach (var column in columns)
        {
            table.AddColumn(new TableColumn(Markup.Escape(column.Name)).RightAligned());
        }

        table.AddColumn("parameters");
        table.AddColumn("note");

        // Fixed values (`value:`) are the same in every trial: say them once, not in every row.
        var fixedNames = snapshot.Spec?.Space.Where(p => p.Kind == DistributionKind.Value).Select(p => p.Name).ToHashSet() ?? [];
        var rank = 0;
        foreach (var trial in snapshot.Ranked())
        {
            string[] row =
            [
                (++rank).ToString(CultureInfo.InvariantCulture),
                trial.TrialId,
                StatusMarkup(trial.Status),
                trial.Epochs.Length.ToString(CultureInfo.InvariantCulture),
                .. columns.Select(column => Number(column.Test ? TestFigure(trial, column.Name) : trial.Metric(column.Name))),
                Markup.Escape(string.Join(" ", trial.Parameters.Where(p => !fixedNames.Contains(p.Key)).Select(p => $"{p.Key}={p.Value}"))),
                Markup.Escape(Note(trial)),
            ];
            table.AddRow(row);
        }

        console.Write(table);
        RoundsView.Render(console, snapshot);
        if (snapshot.Spec is { } spec && fixedNames.Count > 0)
        {
            console.MarkupLine($"fixed: {Markup.Escape(string.Join(" ", spec.Space.Where(p => fixedNames.Contains(p.Name)).Select(p => $"{p.Name}={p.Options[0]}")))}");
        }

        console.MarkupLine($"objective: {Markup.Escape(metric)} ({(snapshot.Spec?.Objective.Mode is { } mode ? SpecNames.Of(mode) : null)}); {snapshot.EpochsTrained} epochs trained; {Markup.Escape(ReasonNames.Of(snapshot.EndReason) ?? snapshot.Status.ToWireName())}");
    }

    public static string StatusMarkup(TrialStatus status) => status switch
    {
        TrialStatus.Completed => "[green]completed[/]",
        TrialStatus.Pruned => "[yellow]pruned[/]",
        TrialStatus.Diverged => "[red]diverged[/]",
        TrialStatus.Failed => "[red]failed[/]",
        TrialStatus.Cancelled => "[grey]cancelled[/]",
        TrialStatus.Running => "[blue]running[/]",
        TrialStatus.Paused => "[grey]paused[/]",
        _ => "pending",
    };

    /// <summary>The trial's message and its sanity-check events (divergence is already the message).</summary>
    public static string Note(TrialRecord trial) => string.Join("; ", new[] { trial.Message }
        .Concat(SanityEvents(trial).Select(e => e.ToString()))
        .Where(part => !string.IsNullOrEmpty(part)));

    /// <summary>The events worth a line of their own: all but divergence, which the status and message already say.</summary>
    public static IEnumerable<TrialEvent> SanityEvents(TrialRecord trial) => trial.Events?.Where(e => e.Kind != TrialEventKind.Diverged) ?? [];

    /// <summary>
    /// The trainer's metrics worth a column: the objective, then the other names the trials report (at
    /// most <see cref="MaxMetricColumns"/> in all), then the first test figure any trial has.
    /// </summary>
    private static List<(string Name, bool Test)> MetricColumns(SweepSnapshot snapshot, string objective)
    {
        var names = new[] { objective }
            .Concat(snapshot.Trials.SelectMany(t => t.LastEpoch?.Values.Keys ?? Enumerable.Empty<string>()))
            .Distinct(StringComparer.Ordinal)
            .Take(MaxMetricColumns)
            .Select(name => (name, false))
            .ToList();
        if (snapshot.Trials.SelectMany(t => t.Test?.Keys ?? Enumerable.Empty<string>()).FirstOrDefault() is { } test)
        {
            names.Add((test, true));
        }

        return names;
    }

    private const int MaxMetricColumns = 3;

    private static double? TestFigure(TrialRecord trial, string name) => trial.Test is { } test && test.TryGetValue(name, out var value) ? value : null;

    private static string Number(double? value) => value is { } v ? v.ToString("F4", CultureInfo.InvariantCulture) : "-";
}
