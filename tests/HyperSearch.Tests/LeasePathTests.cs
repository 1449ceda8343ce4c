using HyperSearch.Contracts;
using HyperSearch.Silo.Telemetry;
using HyperSearch.Silo.Training;
using HyperSearch.Sweeps;

namespace HyperSearch.Tests;

/// <summary>
/// The lease path's short cuts: many slots' messages in one call, a finish that brings the
/// slot's next trial, epoch reports stored by a later write. Sweep grains on a silo with no slots,
/// driven by hand, then read back by a fresh silo from the same state directory.
/// </summary>
public sealed class LeasePathTests
{
    private static readonly TrialFinish Completed = new(TrialOutcome.Completed, new() { ["test_accuracy"] = 0.8, ["test_loss"] = 0.5 }, 2.3, null, Retryable: true);

    private static readonly EpochMetrics FirstEpoch = new(1, new() { ["train_loss"] = 0.9, ["val_loss"] = 0.8, ["val_accuracy"] = 0.6 }, 100, 1);

    [Fact]
    public async Task Exchange_GivesEachAskingSlotItsOwnTrialInOrder_AndStoresThem()
    {
        using var temp = new TempDirectory();
        TrialLease?[] leases;
        await using (var silo = await TestSilo.StartAsync("batch", 0, temp.Path))
        {
            var sweep = silo.Grains.GetGrain<ISweepGrain>("leased-together");
            await sweep.Start(Specs.Small(trials: 3));
            var replies = await sweep.Exchange(new[] { "x/0", "x/1", "x/2", "x/3" }.Select(slot => new SlotMessage(slot, WantsNext: true)).ToArray());
            leases = replies.Select(r => r.Next).ToArray();
        }

        // Three trials for the first three slots, none left for the fourth.
        Assert.Equal([0, 1, 2], leases.Take(3).Select(l => l!.Key.TrialNumber));
        Assert.Null(leases[3]);

        await using var again = await TestSilo.StartAsync("batch", 0, temp.Path);
        var stored = await again.Grains.GetGrain<ISweepGrain>("leased-together").GetSnapshot();
        Assert.Equal(["x/0", "x/1", "x/2"], stored.Trials.Select(t => t.SlotId));
        Assert.All(stored.Trials, t => Assert.Equal(TrialStatus.Running, t.Status));
    }

    [Fact]
    public async Task Finish_WithItsSlot_BringsTheSlotsNextTrial_AndStoresTheReportsBeforeIt()
    {
        using var temp = new TempDirectory();
        await using (var silo = await TestSilo.StartAsync("chain", 0, temp.Path))
        {
            var sweep = silo.Grains.GetGrain<ISweepGrain>("chained");
            await sweep.Start(Specs.Small(trials: 2, epochs: 1));
            var first = (await sweep.Lease("x/0"))!;
            Assert.Equal(LeaseDirective.Continue, await sweep.Report(first.Key, new EpochMetrics(1, new() { ["train_loss"] = 0.9, ["val_loss"] = 0.8, ["val_accuracy"] = 0.7 }, 100, 1)));

            var next = await sweep.Finish(first.Key, Completed, nextSlotId: "x/0");
            Assert.NotNull(next);
            Assert.Equal(1, next!.Key.TrialNumber);

            // The budget is spent: the last finish brings nothing, asked or not.
            Assert.Null(await sweep.Finish(next.Key, Completed, nextSlotId: "x/0"));
        }

        await using var again = await TestSilo.StartAsync("chain", 0, temp.Path);
        var stored = await again.Grains.GetGrain<ISweepGrain>("chained").GetSnapshot();
        Assert.Equal(SweepStatus.Completed, stored.Status);
        Assert.All(stored.Trials, t => Assert.Equal((TrialStatus.Completed, "x/0"), (t.Status, t.SlotId)));

        // The epoch report (answered without waiting for a write) was stored with the finish.
        Assert.Equal(0.7, stored.Trials[0].Metric("val_accuracy"));
    }

    [Fact]
    public async Task Exchange_AppliesEachSlotsMessageInOrder()
    {
        await using var started = await OneSweep.StartAsync("mixed", trials: 4, epochs: 2);
        var sweep = started.Sweep;
        var a = (await sweep.Lease("x/0"))!;
        var b = (await sweep.Lease("x/1"))!;
        var stale = a.Key with { Attempt = 7 };

        var replies = await sweep.Exchange(
        [
            new SlotMessage("x/0", a.Key, Epoch: FirstEpoch),
            new SlotMessage("x/1", b.Key, Finish: Completed, WantsNext: true),
            new SlotMessage("x/9", stale, Epoch: FirstEpoch),
            new SlotMessage("x/2", WantsNext: true),
            new SlotMessage("x/0", a.Key),
            new SlotMessage("x/9", stale),
        ]);

        Assert.Equal(LeaseDirective.Continue, replies[0].Directive);
        Assert.Null(replies[0].Next);
        Assert.Equal(2, replies[1].Next!.Key.TrialNumber);
        Assert.Equal(LeaseDirective.Stop, replies[2].Directive);
        Assert.Equal(3, replies[3].Next!.Key.TrialNumber);

        // A trial key alone is a heartbeat: the current attempt goes on, a stale one is told to stop.
        Assert.Equal((LeaseDirective.Continue, (TrialLease?)null), (replies[4].Directive, replies[4].Next));
        Assert.Equal(LeaseDirective.Stop, replies[5].Directive);

        var snapshot = await sweep.GetSnapshot();
        Assert.Equal([1], snapshot.Trials[0].Epochs.Select(e => e.Epoch));
        Assert.Equal(
            [(TrialStatus.Running, "x/0"), (TrialStatus.Completed, "x/1"), (TrialStatus.Running, "x/1"), (TrialStatus.Running, "x/2")],
            snapshot.Trials.Select(t => (t.Status, t.SlotId)));
    }

    [Fact]
    public async Task Finish_WithoutASlot_LeasesNothing()
    {
        await using var started = await OneSweep.StartAsync("unchained", trials: 3, epochs: 1);
        var sweep = started.Sweep;
        var first = (await sweep.Lease("x/0"))!;

        Assert.Null(await sweep.Finish(first.Key, Completed));
        var snapshot = await sweep.GetSnapshot();
        Assert.Equal([TrialStatus.Completed], snapshot.Trials.Select(t => t.Status));
    }

    [Fact]
    public void TrainerSlot_TakesOneClaimAtATime()
    {
        using var worker = new TrainerSlot("w/0", (_, _) => throw new InvalidOperationException("no trial starts here"), () => false, _ => { });

        Assert.True(worker.TryReserve());
        Assert.False(worker.TryReserve());
        worker.Release();
        Assert.True(worker.TryReserve());
        Assert.Null(worker.Current);
    }

    /// <summary>A started sweep on its own slotless silo and state directory, all gone on dispose.</summary>
    private sealed class OneSweep(TempDirectory temp, TestSilo silo, ISweepGrain sweep) : IAsyncDisposable
    {
        public ISweepGrain Sweep => sweep;

        public static async Task<OneSweep> StartAsync(string name, int trials, int epochs)
        {
            var temp = new TempDirectory();
            var silo = await TestSilo.StartAsync(name, 0, temp.Path);
            var sweep = silo.Grains.GetGrain<ISweepGrain>(name);
            await sweep.Start(Specs.Small(trials, epochs));
            return new OneSweep(temp, silo, sweep);
        }

        public async ValueTask DisposeAsync()
        {
            await silo.DisposeAsync();
            temp.Dispose();
        }
    }
}
