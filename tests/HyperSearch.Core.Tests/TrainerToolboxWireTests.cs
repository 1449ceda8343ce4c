using HyperSearch.Contracts;
using HyperSearch.Sdk;
using HyperSearch.Search;
using HyperSearch.Spec;
using HyperSearch.Sweeps;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using static HyperSearch.Core.Tests.Sweeps.SweepBookFixture;

namespace HyperSearch.Core.Tests;

/// <summary>What the trainer toolbox adds to the wire: diagnostics, events, checkpoint paths and the preflight.</summary>
public sealed class TrainerToolboxWireTests
{
    private static readonly Serializer Serializer = new ServiceCollection()
        .AddSerializer()
        .BuildServiceProvider()
        .GetRequiredService<Serializer>();

    [Fact]
    public void EpochMetricsAndTrialFinish_CarryDiagnosticsEventsAndCheckpoint()
    {
        var metrics = new EpochMetrics(1, new() { ["train_loss"] = 0.5, ["val_loss"] = 0.6, ["val_accuracy"] = 0.8 }, 1000, 1, new() { ["update_ratio.fc1"] = 1e-3, ["lr"] = 0.01 }, [new TrialEvent(TrialEventKind.InitialLoss, 1, "far off")]);
        var finish = new TrialFinish(TrialOutcome.Completed, new() { ["test_accuracy"] = 0.8 }, 2.3, null, true, [new TrialEvent(TrialEventKind.Note, 1, "e1"), new TrialEvent(TrialEventKind.UpdateRatio, 2, "e2")], "/artifacts/s/t000/attempt-1");

        var metricsCopy = Roundtrip(metrics);
        var finishCopy = Roundtrip(finish);

        Assert.Equal(1e-3, metricsCopy.Diagnostics!["update_ratio.fc1"]);
        Assert.Equal([new TrialEvent(TrialEventKind.InitialLoss, 1, "far off")], metricsCopy.Events!);
        Assert.Equal(0.8, finishCopy.Test!["test_accuracy"]);
        Assert.Equal(0.6, metricsCopy.Get("val_loss"));
        Assert.Equal([new TrialEvent(TrialEventKind.Note, 1, "e1"), new TrialEvent(TrialEventKind.UpdateRatio, 2, "e2")], finishCopy.Events!);
        Assert.Equal("/artifacts/s/t000/attempt-1", finishCopy.CheckpointPath);
        // Older senders leave the new fields out.
        Assert.Null(Roundtrip(new EpochMetrics(1, new() { ["train_loss"] = 0.5, ["val_loss"] = 0.6, ["val_accuracy"] = 0.8 }, 1000, 1)).Diagnostics);
    }

    [Fact]
    public void SweepBook_RecordsEventsAndCheckpointAndLeasesTheObjective()
    {
        var book = Book(SweepSpecWith(trials: 1, maxEpochs: 1, objective: new ObjectiveSpec("val_loss", ObjectiveMode.Min)));
        var lease = book.Lease("a/0", T0)!;
        book.Report(lease.Key, new EpochMetrics(1, new() { ["train_loss"] = 0.5, ["val_loss"] = 0.5, ["val_accuracy"] = 0.8 }, 1000, 1, new() { ["lr"] = 0.1 }, null), T0);

        book.Finish(lease.Key, new TrialFinish(TrialOutcome.Completed, null, 2.3, null, true, [new TrialEvent(TrialEventKind.UpdateRatio, 1, "too low")], "/a/s1/t000/attempt-1"), T0);

        var trial = book.Snapshot().Trials.Single();
        Assert.Equal("val_loss", lease.ObjectiveMetric);
        Assert.Equal([new TrialEvent(TrialEventKind.UpdateRatio, 1, "too low")], trial.Events!);
        Assert.Equal("/a/s1/t000/attempt-1", trial.CheckpointPath);
        var json = RunSummary.TrialJson(trial);
        Assert.Equal("/a/s1/t000/attempt-1", (string?)json["checkpoint"]);
        Assert.Equal(0.1, (double)json["diagnostics"]!["lr"]!);
        Assert.Equal("update_ratio (epoch 1): too low", (string?)json["events"]![0]);
        Assert.Contains(RunSummary.Warnings(book.Snapshot()), w => w.Contains("update-to-weight", StringComparison.Ordinal));
    }

    [Fact]
    public void PreflightPlan_TakesMiddlesAndFirstChoicesThenTheTopLearningRate()
    {
        var spec = SpecParser.Parse(TestSpecs.DesignExample, TestSpecs.Lenient);

        var candidates = PreflightPlan.Candidates(spec);

        Assert.Equal(2, candidates.Count);
        var first = candidates[0];
        Assert.Equal(1e-3, first["lr"].Number, 12);          // geometric middle of [1e-5, 1e-1]
        Assert.Equal("sgd", first["optimizer"].Text);        // first choice
        Assert.False(first.ContainsKey("momentum"));          // its condition (momentum/nesterov) does not hold
        Assert.Equal([256L], first["hidden"].Items!);         // model is mlp, the first choice
        Assert.Equal(0.25, first["dropout"].Number, 12);
        Assert.Equal(0.1, candidates[1]["lr"].Number, 12);   // then the top of the lr range
        Assert.Equal("sgd", candidates[1]["optimizer"].Text);

        var request = Roundtrip(new PreflightRequest([.. candidates], spec.Data!, 42, 20, 300));
        Assert.Equal(2, request.Candidates.Length);
        Assert.Equal(0.1, request.Candidates[1]["lr"].Number, 12);
    }

    [Fact]
    public void PreflightPlan_FixedLearningRate_GivesOneCandidate()
    {
        var spec = SpecParser.Parse(TestSpecs.Minimal(space: "lr: { value: 0.01 }\nkernel: { int: [3, 6] }"), TestSpecs.Lenient);

        var candidate = Assert.Single(PreflightPlan.Candidates(spec));

        Assert.Equal(5L, (long)candidate["kernel"].Number); // (3 + 6) / 2 rounded half up
    }

    private static T Roundtrip<T>(T value) => Serializer.Deserialize<T>(Serializer.SerializeToArray(value))!;
}
