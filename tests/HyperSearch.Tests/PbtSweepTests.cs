using HyperSearch.Contracts;
using HyperSearch.Silo.Hosting;
using HyperSearch.Spec;
using HyperSearch.Sweeps;

namespace HyperSearch.Tests;

/// <summary>PBT through a real silo: 8 trials on 2 slots take turns, exploit and explore, and every trial's curve holds each epoch once.</summary>
public sealed class PbtSweepTests
{
    [Fact]
    public async Task EightTrialsOnTwoSlots_ExploitExploreAndTakeTurns()
    {
        using var temp = new TempDirectory();
        await using var silo = await TestSilo.StartAsync("pbt", 2, temp.Path, configure: settings =>
        {
            settings.Trainer = TrainerKinds.Simulated;
            settings.SimulatedEpochDuration = TimeSpan.FromMilliseconds(20);
        });
        var sweep = silo.Grains.GetGrain<ISweepGrain>("pbt");
        await sweep.Start(SpecParser.Parse("""
            name: pbt
            data: { dataset: synthetic }
            objective: { metric: val_accuracy, mode: max }
            budget: { trials: 8, max_epochs: 8 }
            search: { strategy: random, seed: 3 }
            scheduler: { type: pbt, interval_epochs: 2, quantile: 0.25, resample_probability: 0.25 }
            space:
              lr: { loguniform: [1.0e-6, 1.0e-1] }
              dropout: { uniform: [0.0, 0.5] }
            """));

        var snapshot = await SweepWaiter.WaitFinishedAsync(sweep, TimeSpan.FromMinutes(2));

        Assert.Equal(SweepStatus.Completed, snapshot.Status);
        Assert.All(snapshot.Trials, t =>
        {
            Assert.Equal(TrialStatus.Completed, t.Status);
            Assert.Equal(Enumerable.Range(1, 8), t.Epochs.Select(e => e.Epoch));
        });
        Assert.Equal(8 * 8, snapshot.EpochsTrained); // every continuation came from a checkpoint: nothing trained twice
        Assert.True(snapshot.Trials.Sum(t => t.Pauses) >= 8, "8 trials on 2 slots take turns");
        var exploited = snapshot.Trials.Where(t => t.Lineage is { Length: > 0 }).ToList();
        Assert.NotEmpty(exploited);
        Assert.All(exploited, t => Assert.Equal(t.Lineage![^1].Parameters["lr"], t.Parameters["lr"]));

        var summary = RunSummary.Build(snapshot, DateTime.UtcNow)["pbt"]!;
        Assert.Equal(exploited.Sum(t => t.Lineage!.Length), (int)summary["exploits"]!);
    }
}
