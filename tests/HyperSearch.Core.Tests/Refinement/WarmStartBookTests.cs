using HyperSearch.Core.Tests.Sweeps;
using HyperSearch.Search;
using HyperSearch.Spec;
using HyperSearch.Sweeps;

namespace HyperSearch.Core.Tests.Refinement;

/// <summary>The sweep book with seed trials and a warm start: what it leases, what it keeps, and that a restart repeats it.</summary>
public sealed class WarmStartBookTests
{
    [Fact]
    public void SeedTrials_AreLeasedFirst_AndRecordedAsSeeds()
    {
        var spec = SweepBookFixture.SweepSpecWith(trials: 3) with
        {
            SeedTrials = [new SeedTrial(new() { ["lr"] = ParamValue.Of(2e-3) })],
        };
        var book = SweepBookFixture.Book(spec);

        var first = book.Lease("slot-1", SweepBookFixture.T0)!;
        var second = book.Lease("slot-2", SweepBookFixture.T0)!;

        Assert.Equal(2e-3, first.Parameters["lr"].Number);
        Assert.NotEqual(2e-3, second.Parameters["lr"].Number);
        var trials = book.Snapshot().Trials;
        Assert.Equal([ProposalSource.Seed, ProposalSource.Random], trials.Select(t => t.ProposedBy!.Value));
    }

    [Fact]
    public void WarmStart_KeepsTrialsInsideTheSpaceOnly_InThisSweepsOrientation()
    {
        var spec = SweepBookFixture.SweepSpecWith(trials: 4, objective: new ObjectiveSpec("val_loss", ObjectiveMode.Min));
        var earlier = Snapshot("earlier", "val_loss", [(1e-3, 0.4, TrialStatus.Completed), (0.5, 0.1, TrialStatus.Completed), (2e-2, 9, TrialStatus.Diverged), (3e-3, 0.3, TrialStatus.Failed)]);
        var otherMetric = Snapshot("other", "val_accuracy", [(1e-3, 0.9, TrialStatus.Completed)]);

        var kept = WarmStartSelection.From(spec, [earlier, otherMetric]);

        // 0.5 lies outside [1e-4, 0.1]; the failed trial says nothing; the other sweep measured accuracy.
        Assert.Equal([0, 2], kept.Select(k => k.TrialNumber));
        Assert.Equal(-0.4, kept[0].Objective);
        Assert.Equal(double.NegativeInfinity, kept[1].Objective);
        Assert.All(kept, k => Assert.Equal("earlier", k.SweepId));
    }

    [Fact]
    public void WarmStartedTpeBook_ProposesFromTheModel_AndARestartRepeatsIt()
    {
        var spec = SweepBookFixture.SweepSpecWith(trials: 4) with { Search = new SearchSpec(SearchStrategy.Tpe, 11, 3, 3, 3, StartupTrials: 5) };
        var rows = Enumerable.Range(0, 12).Select(i => (Math.Pow(10, -4 + (3.0 * i / 11)), 1 - Math.Abs(i - 4) / 12.0, TrialStatus.Completed)).ToArray();
        var warm = WarmStartSelection.From(spec, [Snapshot("earlier", "val_accuracy", rows)]);
        var state = SweepBook.NewState("s1", spec, SweepBookFixture.T0, warm);

        var lease = new SweepBook(state, SweepBookFixture.Policy).Lease("slot-1", SweepBookFixture.T0)!;
        var cold = SweepBookFixture.Book(spec).Lease("slot-1", SweepBookFixture.T0)!;
        var restarted = new SweepBook(SweepBook.NewState("s1", spec, SweepBookFixture.T0, warm), SweepBookFixture.Policy).Lease("slot-1", SweepBookFixture.T0)!;

        Assert.Equal(12, state.WarmStart!.Count);
        Assert.Equal(ProposalSource.Model, state.Trials[0].ProposedBy);
        Assert.Equal(ProposalSource.Random, Assert.Single(SweepBookFixture.Book(spec) is var b && b.Lease("x", SweepBookFixture.T0) is not null ? b.Snapshot().Trials : []).ProposedBy);
        Assert.NotEqual(cold.Parameters["lr"].Number, lease.Parameters["lr"].Number);
        Assert.Equal(lease.Parameters["lr"].Number, restarted.Parameters["lr"].Number);
    }

    private static SweepSnapshot Snapshot(string id, string metric, (double Lr, double Value, TrialStatus Status)[] rows)
    {
        var spec = SweepBookFixture.SweepSpecWith(trials: rows.Length) with { Objective = new ObjectiveSpec(metric, metric.EndsWith("loss", StringComparison.Ordinal) ? ObjectiveMode.Min : ObjectiveMode.Max) };
        var trials = rows.Select((row, i) => TrialRecord.CreatePending(i, new() { ["lr"] = ParamValue.Of(row.Lr) }) with
        {
            Status = row.Status,
            Epochs = row.Status == TrialStatus.Failed ? [] : [new EpochMetrics(1, new() { [metric] = row.Value }, 1, 1)],
        }).ToArray();
        return new SweepSnapshot(id, spec, SweepStatus.Completed, null, SweepBookFixture.T0, null, rows.Length, 0, trials);
    }
}
