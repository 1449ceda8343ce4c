using HyperSearch.Spec;
using HyperSearch.Sweeps;
using static HyperSearch.Core.Tests.Sweeps.SweepBookFixture;

namespace HyperSearch.Core.Tests.Sweeps;

public sealed class SnapshotAndSummaryTests
{
    [Fact]
    public void Best_IsTheCompletedTrialWithTheHighestAccuracy()
    {
        var book = Book(SweepSpecWith(trials: 3));
        RunToCompletion(book, "a/0", T0, accuracy: 0.70);
        RunToCompletion(book, "a/0", T0, accuracy: 0.85);
        var diverged = book.Lease("a/0", T0)!;
        book.Report(diverged.Key, Epoch(1, accuracy: 0.95), T0);
        book.Finish(diverged.Key, new TrialFinish(TrialOutcome.Diverged, null, 2.3, "NaN", true), T0);

        var snapshot = book.Snapshot();

        Assert.Equal(1, snapshot.Best()!.Number);
        Assert.Equal([1, 0, 2], snapshot.Ranked().Select(t => t.Number));
    }

    [Fact]
    public void Best_ForALossObjective_IsTheLowest()
    {
        var book = Book(SweepSpecWith(trials: 2, objective: new ObjectiveSpec("val_loss", ObjectiveMode.Min)));
        var first = book.Lease("a/0", T0)!;
        book.Report(first.Key, Epoch(1, loss: 0.4), T0);
        book.Finish(first.Key, Completed(), T0);
        var second = book.Lease("a/0", T0)!;
        book.Report(second.Key, Epoch(1, loss: 0.3), T0);
        book.Finish(second.Key, Completed(), T0);

        Assert.Equal(1, book.Snapshot().Best()!.Number);
    }

    [Fact]
    public void Summary_CountsTrialsByStatusAndDescribesTheBest()
    {
        var book = Book(SweepSpecWith(trials: 2, maxEpochs: 1));
        RunToCompletion(book, "a/0", T0, accuracy: 0.9);
        book.Finish(book.Lease("a/0", T0)!.Key, new TrialFinish(TrialOutcome.Failed, null, null, "boom", false), T0 + TimeSpan.FromSeconds(5));

        var summary = RunSummary.Build(book.Snapshot(), T0 + TimeSpan.FromSeconds(5));

        Assert.Equal("s1", (string?)summary["sweepId"]);
        Assert.Equal("completed", (string?)summary["status"]);
        Assert.Equal(5.0, (double?)summary["elapsedSeconds"]);
        Assert.Equal(2, (int?)summary["trials"]!["total"]);
        Assert.Equal(1, (int?)summary["trials"]!["completed"]);
        Assert.Equal(1, (int?)summary["trials"]!["failed"]);
        Assert.Equal(1, (int?)summary["epochsTrained"]);
        Assert.Equal("t000", (string?)summary["best"]!["trialId"]);
        Assert.Equal(0.9, (double?)summary["best"]!["metrics"]!["val_accuracy"]);
        Assert.Equal(0.8, (double?)summary["best"]!["metrics"]!["test_accuracy"]);
        Assert.NotNull(summary["best"]!["params"]!["lr"]);
        Assert.True(summary.ContainsKey("ensemble"));
        Assert.Null(summary["ensemble"]);
    }

    [Fact]
    public void Warnings_FlagABestValueAtTheEdgeOfItsRange()
    {
        var spec = SweepSpecWith(trials: 1);
        var state = SweepBook.NewState("s1", spec, T0);
        state.Trials.Add(TrialRecord.CreatePending(0, new() { ["lr"] = ParamValue.Of(0.09) }) with
        {
            Status = TrialStatus.Completed,
            Epochs = [Epoch(1)],
            InitialLoss = 2.31,
        });

        var warnings = RunSummary.Warnings(new SweepBook(state, Policy).Snapshot());

        var warning = Assert.Single(warnings);
        Assert.Contains("best lr lies at the upper edge", warning);
    }

    [Fact]
    public void Warnings_FlagAnInitialLossFarFromLnTen()
    {
        var spec = SweepSpecWith(trials: 1);
        var state = SweepBook.NewState("s1", spec, T0);
        state.Trials.Add(TrialRecord.CreatePending(0, new() { ["lr"] = ParamValue.Of(0.003) }) with
        {
            Status = TrialStatus.Completed,
            Epochs = [Epoch(1)],
            InitialLoss = 7.5,
        });

        var warnings = RunSummary.Warnings(new SweepBook(state, Policy).Snapshot());

        Assert.Contains(warnings, w => w.Contains("ln(10)") && w.Contains("7.50"));
        Assert.DoesNotContain(warnings, w => w.Contains("edge"));
    }
}
