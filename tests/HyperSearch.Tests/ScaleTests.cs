using HyperSearch.Contracts;
using HyperSearch.Silo.Hosting;
using HyperSearch.Spec;
using HyperSearch.Sweeps;

namespace HyperSearch.Tests;

/// <summary>
/// Many simulated slots on two silos pulling zero-length trials from one sweep: every trial runs
/// exactly once and every slot gets work. Correctness is asserted strictly; speed only against a
/// floor far below what an idle machine does (about 1,000 trials/s here), so a loaded CI machine passes.
/// </summary>
public sealed class ScaleTests
{
    private const int SlotsPerSilo = 100;
    private const int Trials = 2000;

    [Fact]
    public async Task SimulatedSlots_RunEveryTrialExactlyOnce_AndNoSlotStarves()
    {
        using var temp = new TempDirectory();
        await using var first = await TestSilo.StartAsync("scale-a", SlotsPerSilo, temp.Path, configure: Simulated);
        await using var second = await TestSilo.StartAsync("scale-b", SlotsPerSilo, temp.Path, first.Settings.SiloPort, configure: Simulated);
        var sweep = first.Grains.GetGrain<ISweepGrain>("scale");

        var started = DateTime.UtcNow;
        await sweep.Start(ZeroLengthSpec(Trials));
        var snapshot = await SweepWaiter.WaitFinishedAsync(sweep, TimeSpan.FromMinutes(4));
        var seconds = (DateTime.UtcNow - started).TotalSeconds;

        Assert.Equal(SweepStatus.Completed, snapshot.Status);
        Assert.Equal(SweepEndReason.TrialBudget, snapshot.EndReason);
        Assert.Equal(Enumerable.Range(0, Trials), snapshot.Trials.Select(t => t.Number));
        Assert.All(snapshot.Trials, trial =>
        {
            Assert.Equal(TrialStatus.Completed, trial.Status);
            Assert.Equal(1, trial.Attempt);
            Assert.Single(trial.SlotHistory);
            Assert.Equal([1], trial.Epochs.Select(e => e.Epoch));
        });
        Assert.Equal(Trials, snapshot.EpochsTrained);
        Assert.Equal(0, snapshot.LeaseExpiries);
        Assert.Equal(Enumerable.Range(1, Trials), snapshot.Trials.Select(t => t.FinishOrder).Order());

        // No slot starves: each of the 200 ran some of the trials.
        var perSlot = snapshot.Trials.GroupBy(t => t.SlotId!).ToDictionary(g => g.Key, g => g.Count());
        var slots = new[] { "scale-a", "scale-b" }.SelectMany(silo => Enumerable.Range(0, SlotsPerSilo).Select(i => $"{silo}/{i}"));
        Assert.All(slots, slot => Assert.True(perSlot.GetValueOrDefault(slot) > 0, $"slot {slot} ran no trial"));

        // Speed, loosely: an idle 2-core machine does 2,000 in about 2-4 s.
        Assert.True(Trials / seconds > 20, $"{Trials} trials took {seconds:F1} s");
    }

    [Fact]
    public async Task NewSweep_ReachesEveryIdleSlotOfEverySilo_WithoutPolling()
    {
        // No idle-slot poll (TestSilo sets it to an hour) and heartbeats every 2.5 minutes at best:
        // only the registry's offer to each silo's host, and the next lease that comes with each
        // finish, can get this sweep done within the timeout.
        static void Quiet(SiloSettings settings)
        {
            Simulated(settings);
            settings.PollInterval = TimeSpan.FromHours(1);
            settings.LeaseDuration = TimeSpan.FromMinutes(10);
        }

        using var temp = new TempDirectory();
        await using var first = await TestSilo.StartAsync("offer-a", 20, temp.Path, configure: Quiet);
        await using var second = await TestSilo.StartAsync("offer-b", 20, temp.Path, first.Settings.SiloPort, configure: Quiet);
        var sweep = first.Grains.GetGrain<ISweepGrain>("offered");

        await sweep.Start(ZeroLengthSpec(400));
        var snapshot = await SweepWaiter.WaitFinishedAsync(sweep, TimeSpan.FromSeconds(60));

        Assert.Equal(SweepStatus.Completed, snapshot.Status);
        Assert.All(snapshot.Trials, trial => Assert.Equal((TrialStatus.Completed, 1), (trial.Status, trial.Attempt)));
        var slots = snapshot.Trials.Select(t => t.SlotId!).ToHashSet();
        Assert.Equal(40, slots.Count);
    }

    [Fact]
    public async Task SimulatedSweep_IsPersistedInPages_AndResumesAfterARestart()
    {
        using var temp = new TempDirectory();
        SweepSnapshot before;
        await using (var silo = await TestSilo.StartAsync("pages", 8, temp.Path, configure: Simulated))
        {
            var sweep = silo.Grains.GetGrain<ISweepGrain>("paged");
            await sweep.Start(ZeroLengthSpec(100));
            before = await SweepWaiter.WaitFinishedAsync(sweep, TimeSpan.FromMinutes(2));
        }

        // 100 trials: four pages of 32 beside the header (each in two slot files, KEY.0.state and KEY.1.state).
        var pages = Directory.GetFiles(Path.Combine(temp.Path, "sweep-trials")).Select(f => Path.GetFileName(f)[..^".0.state".Length]).Distinct();
        Assert.Equal(4, pages.Count());
        await using var again = await TestSilo.StartAsync("pages", 0, temp.Path, configure: Simulated);
        var after = await again.Grains.GetGrain<ISweepGrain>("paged").GetSnapshot();

        Assert.Equal(SweepStatus.Completed, after.Status);
        Assert.Equal(before.Trials.Select(t => (t.Number, t.Status, t.FinishOrder, t.Parameters["lr"].Number)),
            after.Trials.Select(t => (t.Number, t.Status, t.FinishOrder, t.Parameters["lr"].Number)));
        Assert.Equal(before.EpochsTrained, after.EpochsTrained);
    }

    [Fact]
    public async Task SimulatedSweep_OnRedis_ResumesFromItsPagesAfterEverySiloRestarts()
    {
        using var temp = new TempDirectory();
        using var redis = await Cluster.RedisServer.StartAsync(temp.Path);
        void OnRedis(SiloSettings settings)
        {
            Simulated(settings);
            settings.Redis = redis.Connection;
        }

        SweepSnapshot before;
        await using (var silo = await TestSilo.StartAsync("redis-a", 8, temp.Path, configure: OnRedis))
        {
            var sweep = silo.Grains.GetGrain<ISweepGrain>("paged-on-redis");
            await sweep.Start(ZeroLengthSpec(100));
            before = await SweepWaiter.WaitFinishedAsync(sweep, TimeSpan.FromMinutes(2));
        }

        await using var again = await TestSilo.StartAsync("redis-b", 2, temp.Path, configure: OnRedis);
        var after = await again.Grains.GetGrain<ISweepGrain>("paged-on-redis").GetSnapshot();

        Assert.Equal(SweepStatus.Completed, after.Status);
        Assert.Equal(before.Trials.Select(t => (t.Number, t.Status, t.FinishOrder)), after.Trials.Select(t => (t.Number, t.Status, t.FinishOrder)));
    }

    private static void Simulated(SiloSettings settings)
    {
        settings.Trainer = TrainerKinds.Simulated;
        settings.SimulatedEpochDuration = TimeSpan.Zero;
    }

    private static SweepSpec ZeroLengthSpec(int trials) => SpecParser.Parse($$"""
        name: scale
        data: { dataset: synthetic }
        objective: { metric: val_accuracy, mode: max }
        budget: { trials: {{trials}}, max_epochs: 1 }
        search: { strategy: random, seed: 3 }
        space:
          lr: { loguniform: [1.0e-5, 1.0e-1] }
        """);
}
