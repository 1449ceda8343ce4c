using HyperSearch.Search;
using HyperSearch.Spec;
using HyperSearch.Sweeps;
using static HyperSearch.Core.Tests.Sweeps.SweepBookFixture;

namespace HyperSearch.Core.Tests.Sweeps;

/// <summary>Population Based Training on the book: 8 trials on 2 slots, exploit and explore every 2 epochs.</summary>
public sealed class PbtTests
{
    private static SweepSpec Spec() =>
        SweepSpecWith(trials: 8, maxEpochs: 6) with { Scheduler = new SchedulerSpec(SchedulerType.Pbt, 1, 3, IntervalEpochs: 2, Quantile: 0.25, ResampleProbability: 0.25) };

    /// <summary>A learning curve that rewards lr near 1e-2 (the space is [1e-4, 1e-1]) and grows with the epoch.</summary>
    private static double Score(TrialLease lease, int epoch) =>
        0.9 - (0.1 * Math.Abs(Math.Log10(lease.Parameters["lr"].Number) + 2)) + (0.01 * epoch);

    /// <summary>Two slots taking turns until the sweep has nothing left; every lease, in order.</summary>
    private static List<TrialLease> RunToEnd(SweepBook book)
    {
        var leases = new List<TrialLease>();
        var idle = 0;
        for (var turn = 0; idle < 2 && turn < 1000; turn++)
        {
            var lease = book.Lease($"s/{turn % 2}", T0);
            if (lease is null)
            {
                idle++;
                continue;
            }

            idle = 0;
            leases.Add(lease);
            var epoch = (lease.ResumeFrom?[0].Epoch ?? 0) + 1;
            LeaseDirective directive;
            do
            {
                var checkpoint = $"/store/{lease.Key.TrialNumber}/resume-{lease.Key.Attempt}/epoch-{epoch}";
                directive = book.Report(lease.Key, Epoch(epoch, Score(lease, epoch)) with { ResumeCheckpoint = epoch < lease.MaxEpochs ? checkpoint : null }, T0);
                epoch++;
            }
            while (directive == LeaseDirective.Continue && epoch <= lease.MaxEpochs);

            book.Finish(lease.Key, epoch > lease.MaxEpochs ? Completed() : new TrialFinish(TrialOutcome.Stopped, null, null, null, true), T0);
        }

        return leases;
    }

    [Fact]
    public void EightTrialsOnTwoSlots_ExploitExploreAndEveryTrialsEpochsAddUp()
    {
        var book = Book(Spec());

        var leases = RunToEnd(book);

        Assert.Equal(SweepStatus.Completed, book.State.Status);
        var trials = book.State.Trials;
        Assert.Equal(8, trials.Count);
        Assert.All(trials, t =>
        {
            Assert.Equal(TrialStatus.Completed, t.Status);
            Assert.Equal([1, 2, 3, 4, 5, 6], t.Epochs.Select(e => e.Epoch)); // each epoch once, whoever's state it continued
        });
        Assert.Equal(8 * 6, book.State.EpochsTrained);
        Assert.True(trials.Sum(t => t.Pauses) >= 8, "the population took turns on two slots");

        var exploited = trials.Where(t => t.Lineage is { Length: > 0 }).ToList();
        Assert.NotEmpty(exploited);
        foreach (var trial in exploited)
        {
            Assert.NotNull(trial.InitialParameters);
            foreach (var step in trial.Lineage!)
            {
                Assert.Contains(step.Epoch, new[] { 2, 4 });
                Assert.NotEqual(trial.Number, step.Donor);

                // Its next attempt continued from the donor's checkpoint of that epoch, with the explored parameters.
                var next = leases.First(l => l.Key.TrialNumber == trial.Number && l.ResumeFrom?[0].Epoch == step.Epoch && l.ResumeFrom[0].Path.StartsWith($"/store/{step.Donor}/", StringComparison.Ordinal));
                Assert.Equal(step.Parameters["lr"].Number, next.Parameters["lr"].Number);
            }
        }

        // Explore moved lr (x0.8 or x1.2 of the donor's, or a fresh draw) within its range.
        Assert.All(exploited.SelectMany(t => t.Lineage!), step => Assert.InRange(step.Parameters["lr"].Number, 1e-4, 1e-1));
        var summary = RunSummary.Build(book.Snapshot(), T0)["pbt"]!;
        Assert.Equal(exploited.Sum(t => t.Lineage!.Length), (int)summary["exploits"]!);
        Assert.Equal(8, summary["trials"]!.AsObject().Count);
        Assert.Equal(trials[exploited[0].Number].Lineage!.Length, summary["trials"]![exploited[0].TrialId]!["lineage"]!.AsArray().Count);
    }

    [Fact]
    public void SameSeedAndResults_SameLineage()
    {
        var first = Book(Spec());
        var second = Book(Spec());
        RunToEnd(first);
        RunToEnd(second);

        Assert.Equal(
            first.State.Trials.Select(t => string.Join(";", (t.Lineage ?? []).Select(s => $"{s.Epoch}<-{s.Donor}:{s.Parameters["lr"].Number:R}"))),
            second.State.Trials.Select(t => string.Join(";", (t.Lineage ?? []).Select(s => $"{s.Epoch}<-{s.Donor}:{s.Parameters["lr"].Number:R}"))));
    }

    [Fact]
    public void Exploit_OnlyTheBottomQuantile_FromATopTrialWithThatEpochsCheckpoint()
    {
        var pbt = new PbtScheduler(intervalEpochs: 2, quantile: 0.25, resampleProbability: 0.25, seed: 1, []);
        for (var trial = 0; trial < 8; trial++)
        {
            pbt.OnReport(trial, 2, trial / 10.0); // trial 7 best, trial 0 worst
        }

        HashSet<int> all = [.. Enumerable.Range(0, 8)];
        Assert.Contains(pbt.Exploit(0, 2, all), new int?[] { 6, 7 });
        Assert.Contains(pbt.Exploit(1, 2, all), new int?[] { 6, 7 });
        Assert.Null(pbt.Exploit(2, 2, all)); // not in the bottom quarter
        Assert.Equal(6, pbt.Exploit(0, 2, new HashSet<int> { 6 })); // 7's checkpoint of epoch 2 is gone
        Assert.Null(pbt.Exploit(0, 2, new HashSet<int> { 5 }));
        Assert.Null(pbt.Exploit(0, 3, all)); // not an interval epoch
    }

    [Fact]
    public void Explore_PerturbsRangesByAFifthInTheirScale_AndKeepsFixedValuesAndParents()
    {
        ParameterSpec[] space =
        [
            new("lr", DistributionKind.LogUniform, 1e-4, 1e-1, [], []),
            new("dropout", DistributionKind.Uniform, 0.0, 0.5, [], []),
            new("layers", DistributionKind.Int, 1, 4, [], []),
            new("optimizer", DistributionKind.Choice, 0, 0, [ParamValue.Of("sgd"), ParamValue.Of("momentum")], []),
            new("momentum", DistributionKind.Uniform, 0.5, 0.99, [], [new ParameterCondition("optimizer", [ParamValue.Of("momentum")])]),
            new("model", DistributionKind.Value, 0, 0, [ParamValue.Of("mlp")], []),
        ];
        var donor = new Dictionary<string, ParamValue>
        {
            ["lr"] = ParamValue.Of(1e-2), ["dropout"] = ParamValue.Of(0.45), ["layers"] = ParamValue.OfInteger(2),
            ["optimizer"] = ParamValue.Of("momentum"), ["momentum"] = ParamValue.Of(0.9), ["model"] = ParamValue.Of("mlp"),
        };

        for (var seed = 0; seed < 50; seed++)
        {
            var explored = PbtExplorer.Explore(donor, space, resampleProbability: 0, new Random(seed));

            Assert.Contains(explored["lr"].Number, new[] { 1e-2 * 0.8, 1e-2 * 1.2 });
            Assert.Contains(explored["dropout"].Number, new[] { 0.45 * 0.8, 0.5 }); // 0.54 is clamped to the bound
            Assert.Contains(explored["layers"].Number, new[] { 1.0, 3.0 });
            Assert.Equal("momentum", explored["optimizer"].Text); // momentum depends on it
            Assert.Equal("mlp", explored["model"].Text);
        }

        var resampled = Enumerable.Range(0, 50).Select(seed => PbtExplorer.Explore(donor, space, resampleProbability: 1, new Random(seed))["lr"].Number).ToList();
        Assert.All(resampled, lr => Assert.InRange(lr, 1e-4, 1e-1));
        Assert.True(resampled.Distinct().Count() > 40, "resampling draws afresh");
    }
}
