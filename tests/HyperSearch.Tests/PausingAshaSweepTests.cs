using HyperSearch.Contracts;
using HyperSearch.Silo.Hosting;
using HyperSearch.Spec;
using HyperSearch.Sweeps;

namespace HyperSearch.Tests;

/// <summary>Paper ASHA (scheduler mode pause) through a real silo: paused trials are promoted later and continue from their checkpoints.</summary>
public sealed class PausingAshaSweepTests
{
    [Fact]
    public async Task PauseMode_PromotesPausedTrialsFromTheirCheckpoints()
    {
        using var temp = new TempDirectory();
        await using var silo = await TestSilo.StartAsync("paper-asha", 2, temp.Path, configure: settings =>
        {
            settings.Trainer = TrainerKinds.Simulated;
            settings.SimulatedEpochDuration = TimeSpan.FromMilliseconds(20);
        });
        var sweep = silo.Grains.GetGrain<ISweepGrain>("paper-asha");
        await sweep.Start(SpecParser.Parse("""
            name: paper-asha
            data: { dataset: synthetic }
            objective: { metric: val_accuracy, mode: max }
            budget: { trials: 18, max_epochs: 9 }
            search: { strategy: random, seed: 5 }
            scheduler: { type: asha, grace_epochs: 1, reduction_factor: 3, mode: pause }
            space:
              lr: { loguniform: [1.0e-5, 1.0e-1] }
            """));

        var snapshot = await SweepWaiter.WaitFinishedAsync(sweep, TimeSpan.FromMinutes(2));

        Assert.Equal(SweepStatus.Completed, snapshot.Status);
        Assert.DoesNotContain(snapshot.Trials, t => t.Status == TrialStatus.Paused);
        var promoted = snapshot.Trials.Where(t => t.Promotions > 0).ToList();
        Assert.NotEmpty(promoted);
        Assert.Contains(snapshot.Trials, t => t.Status == TrialStatus.Completed && t.Epochs.Length == 9);
        Assert.All(snapshot.Trials, t => Assert.Equal(Enumerable.Range(1, t.Epochs.Length), t.Epochs.Select(e => e.Epoch)));
        Assert.All(promoted, t => Assert.Equal(t.Promotions, t.ResumedFrom?.Length ?? 0)); // every promotion continued from a checkpoint
        Assert.All(snapshot.Trials.Where(t => t.Status == TrialStatus.Pruned), t => Assert.Contains(t.Epochs.Length, new[] { 1, 3 }));

        // Checkpoints after every epoch: nothing was trained twice.
        Assert.Equal(snapshot.Trials.Sum(t => t.Epochs.Length), snapshot.EpochsTrained);
    }
}
