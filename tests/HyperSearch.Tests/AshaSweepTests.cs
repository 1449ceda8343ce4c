using HyperSearch.Contracts;
using HyperSearch.Spec;
using HyperSearch.Sweeps;

namespace HyperSearch.Tests;

/// <summary>ASHA on real trainer grains: the "stop" in the reply to an epoch report really ends training early.</summary>
public sealed class AshaSweepTests
{
    private const int Trials = 9;
    private const int MaxEpochs = 4;

    // One trial at a time, so reports reach the rungs in a fixed order and the run is repeatable.
    // The lr range spans five decades: the low end barely learns, the high end diverges.
    private static readonly string Yaml = $$"""
        name: asha
        data:
          dataset: fashion-mnist
          train_subset: 1000
          validation: 500
        objective: { metric: val_accuracy, mode: max }
        budget: { trials: {{Trials}}, max_epochs: {{MaxEpochs}}, parallelism: 1 }
        search: { strategy: random, seed: 3 }
        scheduler: { type: asha, grace_epochs: 1, reduction_factor: 3 }
        space:
          lr: { loguniform: [1.0e-5, 1.0] }
          optimizer: { choice: [sgd] }
          batch_size: { choice: [64] }
          hidden: { choice: [[64]] }
        """;

    [Fact]
    public async Task AshaSweep_PrunedTrialsStopEarlyOnTheirTrainers()
    {
        using var temp = new TempDirectory();
        await using var silo = await TestSilo.StartAsync("asha", slots: 2, temp.Path);
        var sweep = silo.Grains.GetGrain<ISweepGrain>("asha-sweep");

        await sweep.Start(SpecParser.Parse(Yaml));
        var snapshot = await SweepWaiter.WaitFinishedAsync(sweep, TimeSpan.FromMinutes(4));

        Assert.Equal(SweepStatus.Completed, snapshot.Status);
        Assert.Equal(Trials, snapshot.Trials.Length);
        var pruned = snapshot.Trials.Where(t => t.Status == TrialStatus.Pruned).ToList();
        Assert.NotEmpty(pruned);

        // ASHA's rungs are at epochs 1 and 3: a pruned trial's trainer stopped right there.
        var rungs = new[] { 1, 3 };
        Assert.All(pruned, trial =>
        {
            Assert.Contains(trial.Epochs.Length, rungs);
            Assert.True(trial.Epochs.Length < MaxEpochs);
            Assert.Equal(trial.Epochs.Length, trial.Epochs[^1].Epoch);
        });
        Assert.Contains(snapshot.Trials, t => t.Status == TrialStatus.Completed && t.Epochs.Length == MaxEpochs);
        Assert.True(snapshot.EpochsTrained < Trials * MaxEpochs, $"{snapshot.EpochsTrained} epochs trained");
        Assert.Equal(snapshot.Trials.Sum(t => t.Epochs.Length), snapshot.EpochsTrained);
    }
}
