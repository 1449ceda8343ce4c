using System.Globalization;
using HyperSearch.Spec;
using HyperSearch.Sweeps;
using Spectre.Console;

namespace HyperSearch.Client.Output;

/// <summary>Coarse-to-fine's rounds for people: each round's trials and the ranges they were drawn from.</summary>
public static class RoundsView
{
    public static void Render(IAnsiConsole console, SweepSnapshot snapshot)
    {
        if (snapshot.Rounds is not { Length: > 0 } rounds)
        {
            return;
        }

        var table = new Table().Border(TableBorder.Rounded).Title("[bold]coarse-to-fine rounds[/]");
        table.AddColumn("round");
        table.AddColumn("trials");
        table.AddColumn("ranges");
        table.AddColumn("widened");
        foreach (var round in rounds)
        {
            table.AddRow(
                round.Round.ToString(CultureInfo.InvariantCulture),
                Markup.Escape($"{TrialRecord.IdFor(round.FirstTrial)}-{TrialRecord.IdFor(round.FirstTrial + round.Trials - 1)}"),
                Markup.Escape(string.Join(" ", round.Space.Where(p => p.Kind != DistributionKind.Value).Select(Range))),
                Markup.Escape(string.Join(", ", round.Widened.Select(w => $"{w.Parameter} {(w.Upward ? "up" : "down")}"))));
        }

        console.Write(table);
    }

    private static string Range(ParameterSpec parameter) => parameter.Kind == DistributionKind.Choice
        ? $"{parameter.Name}={{{string.Join(",", parameter.Options.Select(o => o.ToString()))}}}"
        : $"{parameter.Name}=[{Format(parameter.Low)}, {Format(parameter.High)}]";

    private static string Format(double value) => value.ToString("G3", CultureInfo.InvariantCulture);
}
