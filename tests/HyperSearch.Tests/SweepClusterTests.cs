using HyperSearch.Contracts;
using HyperSearch.Sweeps;

namespace HyperSearch.Tests;

/// <summary>Real silos, real trainer grains, real TorchSharp training on a Fashion-MNIST subset.</summary>
public sealed class SweepClusterTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Sweep_RunsEndToEndOnTrainerSlots()
    {
        using var temp = new TempDirectory();
        await using var silo = await TestSilo.StartAsync("solo", slots: 2, temp.Path);
        var sweep = silo.Grains.GetGrain<ISweepGrain>("end-to-end");

        await sweep.Start(Specs.Small(trials: 4, epochs: 2));
        var snapshot = await SweepWaiter.WaitFinishedAsync(sweep, Timeout);

        Assert.Equal(SweepStatus.Completed, snapshot.Status);
        Assert.Equal(SweepEndReason.TrialBudget, snapshot.EndReason);
        Assert.Equal(4, snapshot.Trials.Length);
        Assert.All(snapshot.Trials, trial =>
        {
            Assert.Equal(TrialStatus.Completed, trial.Status);
            Assert.Equal([1, 2], trial.Epochs.Select(e => e.Epoch));
            Assert.InRange(trial.Metric("val_accuracy")!.Value, 0.5, 1.0);
            Assert.NotNull(trial.Test);
            Assert.InRange(trial.Test!["test_accuracy"], 0.5, 1.0);
            Assert.StartsWith("solo/", trial.SlotHistory.Single());
        });
        Assert.Equal(8, snapshot.EpochsTrained);

        // Random search over a log range: four distinct learning rates, all inside it.
        var rates = snapshot.Trials.Select(t => t.Parameters["lr"].Number).ToList();
        Assert.Equal(4, rates.Distinct().Count());
        Assert.All(rates, lr => Assert.InRange(lr, 3.0e-4, 3.0e-3));

        // The sweep is persisted: its state file is on disk.
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(temp.Path, "sweep")));
    }

    [Fact]
    public async Task SecondSilo_JoinsAndItsSlotsTrain()
    {
        using var temp = new TempDirectory();
        await using var first = await TestSilo.StartAsync("first", slots: 1, temp.Path);
        await using var second = await TestSilo.StartAsync("second", slots: 1, temp.Path, primarySiloPort: first.Settings.SiloPort);
        var sweep = first.Grains.GetGrain<ISweepGrain>("two-silos");

        await sweep.Start(Specs.Small(trials: 6, epochs: 2));
        var snapshot = await SweepWaiter.WaitFinishedAsync(sweep, Timeout);

        Assert.All(snapshot.Trials, t => Assert.Equal(TrialStatus.Completed, t.Status));
        var silos = snapshot.Trials.Select(t => t.SlotHistory.Single().Split('/')[0]).ToHashSet();
        Assert.Equal(["first", "second"], silos.Order());
    }

    [Fact]
    public async Task SilentTrainer_LosesItsLeaseAndTheTrialFinishesOnAnotherSlot()
    {
        using var temp = new TempDirectory();
        await using var silo = await TestSilo.StartAsync("live", slots: 1, temp.Path, leaseDuration: TimeSpan.FromSeconds(2));
        var sweep = silo.Grains.GetGrain<ISweepGrain>("lease-expiry");
        await sweep.Start(Specs.Small(trials: 2, epochs: 1));

        // A slot that takes a trial and then never heartbeats nor reports, like a hung trainer.
        var ghostLease = await sweep.Lease("ghost/0");
        Assert.NotNull(ghostLease);

        var snapshot = await SweepWaiter.WaitFinishedAsync(sweep, Timeout);
        var trial = snapshot.Trials[ghostLease!.Key.TrialNumber];
        Assert.Equal(TrialStatus.Completed, trial.Status);
        Assert.Equal(2, trial.Attempt);
        Assert.Equal("ghost/0", trial.SlotHistory[0]);
        Assert.StartsWith("live/", trial.SlotHistory[1]);
        Assert.True(snapshot.LeaseExpiries >= 1);

        // The ghost's late report changes nothing: its attempt is no longer current.
        var late = await sweep.Report(ghostLease.Key, new EpochMetrics(1, new() { ["train_loss"] = 0.1, ["val_loss"] = 0.1, ["val_accuracy"] = 0.99 }, 1, 1));
        Assert.Equal(LeaseDirective.Stop, late);
        Assert.Equal(trial.Epochs.Length, (await sweep.GetSnapshot()).Trials[trial.Number].Epochs.Length);
    }

    [Fact]
    public async Task CancelledSweep_StopsRunningTrialsAndKeepsFinishedOnes()
    {
        using var temp = new TempDirectory();
        await using var silo = await TestSilo.StartAsync("cancel", slots: 1, temp.Path);
        var sweep = silo.Grains.GetGrain<ISweepGrain>("cancelled");
        await sweep.Start(Specs.Small(trials: 20, epochs: 3));

        // Let at least one trial finish, then cancel.
        var deadline = DateTime.UtcNow + Timeout;
        while ((await sweep.GetSnapshot()).Count(TrialStatus.Completed) == 0)
        {
            Assert.True(DateTime.UtcNow < deadline);
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }

        await sweep.Cancel();
        var snapshot = await SweepWaiter.WaitFinishedAsync(sweep, Timeout);

        Assert.Equal(SweepStatus.Cancelled, snapshot.Status);
        Assert.True(snapshot.Count(TrialStatus.Completed) >= 1);
        Assert.True(snapshot.Trials.Length < 20, "no new trials start after a cancel");
        Assert.All(snapshot.Trials, t => Assert.True(t.Status is TrialStatus.Completed or TrialStatus.Cancelled, $"{t.TrialId} is {t.Status}"));
    }
}
