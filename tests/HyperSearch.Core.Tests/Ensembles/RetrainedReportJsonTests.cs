using HyperSearch.Ensembles;
using HyperSearch.Spec;
using HyperSearch.Sweeps;

namespace HyperSearch.Core.Tests.Ensembles;

/// <summary>The run summary's <c>ensemble.retrained</c>: present with its figures, null when nothing was retrained.</summary>
public sealed class RetrainedReportJsonTests
{
    private static readonly EnsembleReport Report = new(
        "s1", EnsembleMethod.Average, 2,
        [new EnsembleMemberReport("t001", 0.5, "/a/t001/attempt-1"), new EnsembleMemberReport("t003", 0.5, "/a/t003/attempt-1")],
        new ScoreReport(0.90, 0.30), new ScoreReport(0.89, 0.31), "t001", new ScoreReport(0.88, 0.33), "/a/m.json");

    [Fact]
    public void Retrained_FiguresAndCheckpointsAreInTheJson()
    {
        var retrained = Report with
        {
            Retrained = new RetrainedEnsembleReport(new ScoreReport(0.91, 0.27), new ScoreReport(0.895, 0.29), ["/a/t001-retrain/attempt-1", "/a/t003-retrain/attempt-1"], null),
        };

        var json = RunSummary.EnsembleJson(retrained)["retrained"]!;

        Assert.Equal(0.91, (double)json["test_accuracy"]!);
        Assert.Equal(0.27, (double)json["test_nll"]!);
        Assert.Equal(0.895, (double)json["bestSingle"]!["test_accuracy"]!);
        Assert.Equal("""["/a/t001-retrain/attempt-1","/a/t003-retrain/attempt-1"]""", json["checkpoints"]!.ToJsonString());
        Assert.Null(json["problem"]);
    }

    [Fact]
    public void Retrained_Incomplete_SaysWhyAndHasNoFigure()
    {
        var incomplete = Report with { Retrained = new RetrainedEnsembleReport(null, null, [], "t003 was not retrained (failed: out of memory)") };

        var json = RunSummary.EnsembleJson(incomplete)["retrained"]!;

        Assert.Null(json["test_accuracy"]);
        Assert.Null(json["bestSingle"]);
        Assert.Equal("t003 was not retrained (failed: out of memory)", (string)json["problem"]!);
    }

    [Fact]
    public void NotRetrained_IsNull() =>
        Assert.Null(RunSummary.EnsembleJson(Report)["retrained"]);
}
