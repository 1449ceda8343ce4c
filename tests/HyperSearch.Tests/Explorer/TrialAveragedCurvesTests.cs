using HyperSearch.Explorer.Data;
using HyperSearch.Explorer.Pages;
using HyperSearch.Spec;
using HyperSearch.Sweeps;

namespace HyperSearch.Tests.Explorer;

/// <summary>A trial trained with <c>ema</c> shows the averaged weights' validation curves on the same charts as the raw ones (explorer/Pages/TrialBody.cs).</summary>
public sealed class TrialAveragedCurvesTests
{
    private static EpochMetrics Epoch(int epoch, double accuracy, double? averaged) => new(
        epoch, new Dictionary<string, double> { ["val_accuracy"] = accuracy, ["val_loss"] = 1 - accuracy }, 1000, 1,
        Diagnostics: averaged is { } a ? new Dictionary<string, double> { ["ema_val_accuracy"] = a, ["ema_val_loss"] = 1 - a } : null);

    private static string Render(params EpochMetrics[] epochs)
    {
        var spec = Specs.Small(trials: 1);
        var trial = TrialRecord.CreatePending(0, new Dictionary<string, ParamValue> { ["lr"] = ParamValue.Of(1e-3) }) with { Status = TrialStatus.Completed, Epochs = epochs };
        var data = new SweepData(SweepSummaries.Of(SweepBook.NewState("s1", spec, DateTime.UtcNow), 0), new SweepOverview(spec, null), [trial], null);
        return TrialBody.Render(data, trial);
    }

    [Fact]
    public void AveragedFigures_AreDrawnBesideTheRawOnes()
    {
        var html = Render(Epoch(1, 0.80, 0.82), Epoch(2, 0.84, 0.85));

        Assert.Contains("ema_val_accuracy, val_accuracy", html); // one accuracy chart holds both
        Assert.Contains("ema_val_loss, val_loss", html);
    }

    [Fact]
    public void WithoutAveraging_OnlyTheRawCurvesAreDrawn() =>
        Assert.DoesNotContain("ema_val", Render(Epoch(1, 0.80, null), Epoch(2, 0.84, null)));
}
