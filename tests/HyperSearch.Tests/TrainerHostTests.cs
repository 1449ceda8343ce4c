using System.Diagnostics;
using HyperSearch.Contracts;
using HyperSearch.Silo.Hosting;
using HyperSearch.Spec;
using HyperSearch.Sweeps;

namespace HyperSearch.Tests;

/// <summary>
/// Each silo's trainer host: work reaches idle slots through the registry's offers alone (every
/// <see cref="TestSilo"/> has its idle-slot poll set to an hour), and a caller reaches one silo's
/// slots through the host the registry lists.
/// </summary>
public sealed class TrainerHostTests
{
    [Fact]
    public async Task NewSweep_ReachesEveryIdleSlotOfEverySiloWithinASecond()
    {
        using var temp = new TempDirectory();
        await using var a = await TestSilo.StartAsync("host-a", 4, temp.Path, configure: SlowSimulated);
        await using var b = await TestSilo.StartAsync("host-b", 4, temp.Path, a.Settings.SiloPort, configure: SlowSimulated);
        var c = await TestSilo.StartAsync("host-c", 4, temp.Path, a.Settings.SiloPort, configure: SlowSimulated);
        var registry = a.Grains.GetGrain<ISweepRegistryGrain>(0);
        var hosts = await registry.GetTrainerHosts();
        Assert.Equal(["host-a", "host-b", "host-c"], hosts.Select(h => h.SiloName));

        var clock = Stopwatch.StartNew();
        await a.Grains.GetGrain<ISweepGrain>("everywhere").Start(Spec(trials: 24));
        var startCall = clock.Elapsed;
        var slots = await BusySlotsAsync(hosts, want: 12, TimeSpan.FromSeconds(10));
        var reached = clock.Elapsed;

        Assert.True(reached < TimeSpan.FromSeconds(1), $"12 idle slots on 3 silos took {reached.TotalMilliseconds:F0} ms to start trials (the start call itself {startCall.TotalMilliseconds:F0} ms)");
        // Each host speaks for its own silo's slots, and every one of them trains the sweep.
        foreach (var (host, silo) in hosts.Zip(new[] { "host-a", "host-b", "host-c" }))
        {
            var own = await host.Host.GetSlots();
            Assert.Equal(Enumerable.Range(0, 4).Select(i => $"{silo}/{i}"), own.Select(s => s.SlotId));
            Assert.All(own, s => Assert.Equal("everywhere", s.SweepId));
        }

        Assert.Equal(12, slots.Select(s => s.TrialNumber).Distinct().Count());

        // A silo that stops says goodbye: no offer goes to it any more.
        await c.DisposeAsync();
        Assert.Equal(["host-a", "host-b"], (await registry.GetTrainerHosts()).Select(h => h.SiloName));
    }

    [Fact]
    public async Task TrialWhoseLeaseLapsed_ReachesTheSlotItTurnedAway()
    {
        using var temp = new TempDirectory();
        var lease = TimeSpan.FromSeconds(1);
        await using var coordinator = await TestSilo.StartAsync("lapse-a", 0, temp.Path, leaseDuration: lease, configure: SlowSimulated);
        var sweep = coordinator.Grains.GetGrain<ISweepGrain>("lapsed");
        await sweep.Start(Spec(trials: 1));

        // A slot that takes the only trial and is never heard of again.
        var ghost = await sweep.Lease("ghost/0");
        Assert.NotNull(ghost);

        // This silo's slot looks for work as it starts, finds none (the trial is out), and is not
        // polled again for an hour: only the sweep's offer, once the lease lapses, can bring it back.
        await using var worker = await TestSilo.StartAsync("lapse-b", 1, temp.Path, coordinator.Settings.SiloPort, lease, SlowSimulated);
        var snapshot = await SweepWaiter.WaitFinishedAsync(sweep, TimeSpan.FromSeconds(30));

        var trial = Assert.Single(snapshot.Trials);
        Assert.Equal((TrialStatus.Completed, 2), (trial.Status, trial.Attempt));
        Assert.Equal(["ghost/0", "lapse-b/0"], trial.SlotHistory);
        Assert.Equal(1, snapshot.LeaseExpiries);
    }

    private static async Task<TrainerSlotStatus[]> BusySlotsAsync(TrainerHostListing[] hosts, int want, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var busy = (await Task.WhenAll(hosts.Select(h => h.Host.GetSlots()))).SelectMany(s => s).Where(s => s.SweepId is not null).ToArray();
            if (busy.Length >= want || DateTime.UtcNow > deadline)
            {
                return busy;
            }

            await Task.Delay(10, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Simulated trials of one 5-second epoch: long enough to still run when the test looks.</summary>
    private static void SlowSimulated(SiloSettings settings)
    {
        settings.Trainer = TrainerKinds.Simulated;
        settings.SimulatedEpochDuration = TimeSpan.FromSeconds(5);
    }

    private static SweepSpec Spec(int trials) => SpecParser.Parse($$"""
        name: hosts
        data: { dataset: synthetic }
        objective: { metric: val_accuracy, mode: max }
        budget: { trials: {{trials}}, max_epochs: 1 }
        search: { strategy: random, seed: 5 }
        space:
          lr: { loguniform: [1.0e-5, 1.0e-1] }
        """);
}
