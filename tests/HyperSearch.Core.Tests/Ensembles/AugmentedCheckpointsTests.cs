using HyperSearch.Contracts;
using HyperSearch.Ensembles;
using HyperSearch.Spec;
using HyperSearch.Sweeps;

namespace HyperSearch.Core.Tests.Ensembles;

/// <summary>
/// Test-time augmentation of a built ensemble: which checkpoints are predicted again, and how their
/// predictions become figures (the report's members and weights, worked by hand on two test images).
/// </summary>
public sealed class AugmentedCheckpointsTests
{
    private static readonly int[] Labels = [0, 1];

    // t001 is right on image 0 only, t003 on image 1 only; weighted 3:1 toward t001, image 1 goes wrong.
    private static readonly Dictionary<string, TestPrediction> Predictions = new()
    {
        ["/a/t001/attempt-1"] = new([0.9f, 0.1f, 0.6f, 0.4f], 2, Labels),
        ["/a/t003/attempt-1"] = new([0.4f, 0.6f, 0.1f, 0.9f], 2, Labels),
        ["/a/t001-retrain/attempt-1"] = new([0.8f, 0.2f, 0.3f, 0.7f], 2, Labels),
        ["/a/t003-retrain/attempt-1"] = new([0.7f, 0.3f, 0.2f, 0.8f], 2, Labels),
    };

    private static readonly EnsembleReport Report = new(
        "s1", EnsembleMethod.Greedy, 2,
        [new EnsembleMemberReport("t001", 3, "/a/t001/attempt-1"), new EnsembleMemberReport("t003", 1, "/a/t003/attempt-1")],
        new ScoreReport(0.9, 0.3), new ScoreReport(0.9, 0.3), "t001", new ScoreReport(0.9, 0.3), "/a/m.json",
        BestSingleCheckpointPath: "/a/t001/attempt-1");

    [Fact]
    public void Score_CombinesTheMembersWithTheReportsWeights()
    {
        var checkpoints = new AugmentedCheckpoints(["/a/t001/attempt-1", "/a/t003/attempt-1"], "/a/t001/attempt-1", null, null);

        var augmented = checkpoints.Score(TestTimeAugmentation.Flip, [3, 1], Predictions);

        // Image 0: 0.75 * 0.9 + 0.25 * 0.4 = 0.775 for class 0 (right); image 1: 0.75 * 0.4 + 0.25 * 0.9 = 0.525 for class 1 (right).
        Assert.Equal(1.0, augmented.Test.Accuracy);
        Assert.Equal(-(Math.Log(0.775) + Math.Log(0.525)) / 2, augmented.Test.NegativeLogLikelihood, 6);
        // t001 alone: right on image 0, wrong on image 1.
        Assert.Equal(0.5, augmented.BestSingleTest.Accuracy);
        Assert.Equal(-(Math.Log(0.9) + Math.Log(0.4)) / 2, augmented.BestSingleTest.NegativeLogLikelihood, 6);
        Assert.Null(augmented.RetrainedTest);
        Assert.Null(augmented.RetrainedBestSingleTest);
        Assert.Equal(TestTimeAugmentation.Flip, augmented.Augmentation);
    }

    [Fact]
    public void Score_RetrainedCheckpointsAreScoredWithTheSameWeights()
    {
        var checkpoints = new AugmentedCheckpoints(
            ["/a/t001/attempt-1", "/a/t003/attempt-1"], "/a/t001/attempt-1",
            ["/a/t001-retrain/attempt-1", "/a/t003-retrain/attempt-1"], "/a/t001-retrain/attempt-1");

        var augmented = checkpoints.Score(TestTimeAugmentation.Flip, [3, 1], Predictions);

        // Image 1: 0.75 * 0.7 + 0.25 * 0.8 = 0.725 for class 1.
        Assert.Equal(1.0, augmented.RetrainedTest!.Accuracy);
        Assert.Equal(-(Math.Log(0.775) + Math.Log(0.725)) / 2, augmented.RetrainedTest.NegativeLogLikelihood, 6);
        Assert.Equal(-(Math.Log(0.8) + Math.Log(0.7)) / 2, augmented.RetrainedBestSingleTest!.NegativeLogLikelihood, 6);
    }

    [Fact]
    public void For_NamesEachCheckpointBehindAFigureOnce()
    {
        var checkpoints = AugmentedCheckpoints.For(Report);

        Assert.Equal(["/a/t001/attempt-1", "/a/t003/attempt-1"], checkpoints.Members);
        Assert.Equal("/a/t001/attempt-1", checkpoints.BestSingle);
        // The best single trial is a member: predicted once.
        Assert.Equal(["/a/t001/attempt-1", "/a/t003/attempt-1"], checkpoints.All);
        Assert.Null(checkpoints.RetrainedMembers);
        Assert.Null(checkpoints.RetrainedBestSingle);
    }

    [Fact]
    public void For_RetrainedCheckpointsOnlyWhereTheReportScoredThem()
    {
        var scored = Report with
        {
            Retrained = new RetrainedEnsembleReport(
                new ScoreReport(0.9, 0.3), new ScoreReport(0.9, 0.3), ["/a/t001-retrain/attempt-1", "/a/t003-retrain/attempt-1"], null, "/a/t001-retrain/attempt-1"),
        };
        var incomplete = Report with
        {
            Retrained = new RetrainedEnsembleReport(null, new ScoreReport(0.9, 0.3), ["/a/t001-retrain/attempt-1"], "t003 was not retrained (failed)", "/a/t001-retrain/attempt-1"),
        };

        var full = AugmentedCheckpoints.For(scored);
        var partial = AugmentedCheckpoints.For(incomplete);

        Assert.Equal(["/a/t001-retrain/attempt-1", "/a/t003-retrain/attempt-1"], full.RetrainedMembers!);
        Assert.Equal("/a/t001-retrain/attempt-1", full.RetrainedBestSingle);
        Assert.Equal(4, full.All.Count);
        Assert.Null(partial.RetrainedMembers);
        Assert.Equal("/a/t001-retrain/attempt-1", partial.RetrainedBestSingle);
    }

    [Fact]
    public void MeanWith_AveragesTheTwoViewsRowByRow_AndRejectsAnotherShape()
    {
        var plain = new ProbabilityTable([0.9f, 0.1f, 0.4f, 0.6f], 2, 2);
        var mirrored = new ProbabilityTable([0.5f, 0.5f, 0.8f, 0.2f], 2, 2);

        var mean = plain.MeanWith(mirrored);

        Assert.Equal([0.7f, 0.3f, 0.6f, 0.4f], mean.Values);
        Assert.Equal((2, 2), (mean.Rows, mean.Classes));
        Assert.Throws<ArgumentException>(() => plain.MeanWith(new ProbabilityTable([0.5f, 0.5f], 1, 2)));
    }

    [Fact]
    public void Json_HasTheAugmentedFiguresBesideThePlainOnes()
    {
        var report = Report with { Augmented = new AugmentedEnsembleReport(TestTimeAugmentation.Flip, new ScoreReport(0.94, 0.17), new ScoreReport(0.935, 0.2)) };

        var json = RunSummary.EnsembleJson(report);

        var augmented = json["testTimeAugmentation"]!;
        Assert.Equal("flip", (string)augmented["augmentation"]!);
        Assert.Equal(0.94, (double)augmented["test_accuracy"]!);
        Assert.Equal(0.935, (double)augmented["bestSingle"]!["test_accuracy"]!);
        Assert.Null(augmented["retrained"]);
        // The plain figures stay where they were.
        Assert.Equal(0.9, (double)json["metrics"]!["test_accuracy"]!);
        Assert.Null(RunSummary.EnsembleJson(Report)["testTimeAugmentation"]);
    }
}
