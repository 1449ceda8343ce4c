using System.Globalization;
using HyperSearch.Ensembles;
using HyperSearch.Spec;
using Spectre.Console;

namespace HyperSearch.Client.Output;

/// <summary>An ensemble against the best single model, on the test set.</summary>
public static class EnsembleView
{
    public static void Render(IAnsiConsole console, EnsembleReport report)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .Title($"[bold]ensemble[/] ({SpecNames.Of(report.Method)}, top {report.TopK}): {Markup.Escape(string.Join(", ", report.Members.Select(m => $"{m.TrialId} x{m.Weight.ToString("0.##", CultureInfo.InvariantCulture)}")))}");
        table.AddColumns("model", "test_acc", "test_nll");
        table.AddRow("ensemble", Number(report.Test.Accuracy), Number(report.Test.NegativeLogLikelihood));
        table.AddRow($"best single ({Markup.Escape(report.BestSingleTrialId)})", Number(report.BestSingleTest.Accuracy), Number(report.BestSingleTest.NegativeLogLikelihood));
        if (report.Retrained is { } retrained)
        {
            // The same members and weights, each trained again on training + validation images.
            table.AddRow("ensemble, retrained", Number(retrained.Test?.Accuracy), Number(retrained.Test?.NegativeLogLikelihood));
            table.AddRow($"best single, retrained", Number(retrained.BestSingleTest?.Accuracy), Number(retrained.BestSingleTest?.NegativeLogLikelihood));
        }

        if (report.Augmented is { } augmented)
        {
            // The same members and weights; each checkpoint's test images predicted with their mirror images too.
            var name = SpecNames.Of(augmented.Augmentation);
            table.AddRow($"ensemble, {name} at test", Number(augmented.Test.Accuracy), Number(augmented.Test.NegativeLogLikelihood));
            table.AddRow($"best single, {name} at test", Number(augmented.BestSingleTest.Accuracy), Number(augmented.BestSingleTest.NegativeLogLikelihood));
            if (augmented.RetrainedTest is { } retrainedTest)
            {
                table.AddRow($"ensemble, retrained, {name} at test", Number(retrainedTest.Accuracy), Number(retrainedTest.NegativeLogLikelihood));
            }

            if (augmented.RetrainedBestSingleTest is { } retrainedBest)
            {
                table.AddRow($"best single, retrained, {name} at test", Number(retrainedBest.Accuracy), Number(retrainedBest.NegativeLogLikelihood));
            }
        }

        console.Write(table);
        RenderVerdicts(console, report);
        if (report.Retrained?.Problem is { } problem)
        {
            console.MarkupLine($"[yellow]retrained ensemble incomplete:[/] {Markup.Escape(problem)}");
        }

        if (report.ManifestPath.Length > 0)
        {
            console.MarkupLine($"saved: {Markup.Escape(report.ManifestPath)} (hypersearch evaluate reloads it when its members are the built-in trainer's)");
        }
    }

    /// <summary>Why each candidate is in or out, in validation NLL (core/Ensembles/CandidateVerdicts.cs).</summary>
    private static void RenderVerdicts(IAnsiConsole console, EnsembleReport report)
    {
        if (report.Candidates is not { Length: > 0 } candidates)
        {
            return;
        }

        var ensembleNll = Number(report.Validation.NegativeLogLikelihood);
        console.MarkupLine($"selection on validation: ensemble NLL {ensembleNll}, accuracy {Number(report.Validation.Accuracy)}");
        foreach (var c in candidates)
        {
            var alone = $"alone NLL {Number(c.Validation.NegativeLogLikelihood)}, accuracy {Number(c.Validation.Accuracy)}";
            var line = c.IsMember
                ? $"  {c.Id} x{c.Weight.ToString("0.###", CultureInfo.InvariantCulture)}: {alone}"
                    + (c.EnsembleNllIfRemoved is { } without ? $"; the ensemble without it: NLL {Number(without)}" : "")
                : $"  {c.Id} left out: {alone}; mixed in at its best share ({Share(c.AddedShare)}) the ensemble's NLL would be {Number(c.EnsembleNllIfAdded)}, not {ensembleNll}";
            console.MarkupLine(Markup.Escape(line));
        }

        if (report.UnconstrainedValidationNll is { } unconstrained)
        {
            console.MarkupLine(Markup.Escape($"  min_members: the best ensemble with fewer members had NLL {Number(unconstrained)} (this one {ensembleNll})"));
        }
    }

    private static string Share(double? share) => share is { } s && s > 0 ? $"1/{Math.Round(1 / s).ToString(CultureInfo.InvariantCulture)}" : "-";

    private static string Number(double? value) => value?.ToString("F4", CultureInfo.InvariantCulture) ?? "-";
}
