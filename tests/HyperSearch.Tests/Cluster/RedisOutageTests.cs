using HyperSearch.Client.Cluster;
using HyperSearch.Contracts;
using HyperSearch.Spec;
using HyperSearch.Sweeps;

namespace HyperSearch.Tests.Cluster;

/// <summary>
/// Redis stopped for 20 s in the middle of a sweep on two silo processes, then started again on
/// its own data: the sweep completes with every trial run to its end once, and the trials finished
/// before the outage keep their results.
/// </summary>
public sealed class RedisOutageTests
{
    private const int Trials = 24;

    [Fact]
    public async Task RedisStoppedFor20Seconds_MidSweep_LosesNothing()
    {
        using var temp = new TempDirectory();
        using var redis = await RedisServer.StartAsync(temp.Path);
        // A lease longer than the outage: slots that cannot heartbeat meanwhile keep their trials.
        string[] simulated = ["--trainer", "simulated", "--SimulatedEpochDuration", "00:00:01"];
        using var s1 = await SiloProcess.StartAsync("s1", redis.Connection, temp.Path, slots: 2, lease: TimeSpan.FromSeconds(40), extraArgs: simulated);
        using var s2 = await SiloProcess.StartAsync("s2", redis.Connection, temp.Path, slots: 2, lease: TimeSpan.FromSeconds(40), extraArgs: simulated);
        await using var client = await ClusterConnection.ConnectAsync($"{s1.Gateway},{s2.Gateway}", TestContext.Current.CancellationToken);
        var sweep = client.Grains.GetGrain<ISweepGrain>("redis-outage");
        await sweep.Start(SpecParser.Parse($$"""
            name: outage
            data: { dataset: synthetic }
            objective: { metric: val_accuracy, mode: max }
            budget: { trials: {{Trials}}, max_epochs: 2 }
            search: { strategy: random, seed: 11 }
            space:
              lr: { loguniform: [1.0e-5, 1.0e-1] }
            """));

        var before = await SweepWaiter.WaitForAsync(sweep, s => s.Count(TrialStatus.Completed) >= 4 ? s : null, TimeSpan.FromMinutes(1));
        redis.Stop();
        var during = await sweep.GetSnapshot();
        await Task.Delay(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);
        await redis.RestartAsync();
        var final = await SweepWaiter.WaitFinishedAsync(sweep, TimeSpan.FromMinutes(2));

        Assert.InRange(during.Count(TrialStatus.Completed), 4, Trials - 8);
        Assert.True(final.Status == SweepStatus.Completed, $"{final.Status}\n{s1.Log}\n{s2.Log}");
        Assert.Equal(Trials, final.Trials.Length);
        Assert.All(final.Trials, t =>
        {
            Assert.Equal(TrialStatus.Completed, t.Status);
            Assert.Equal([1, 2], t.Epochs.Select(e => e.Epoch));
        });
        foreach (var earlier in before.Trials.Where(t => t.Status == TrialStatus.Completed))
        {
            Assert.Equal(earlier.Epochs.Select(e => e.Values["val_accuracy"]), final.Trials[earlier.Number].Epochs.Select(e => e.Values["val_accuracy"]));
        }

        // Both silos trained after the outage: neither was evicted while Redis was gone.
        var lastSilos = final.Trials.OrderByDescending(t => t.FinishOrder).Take(8).Select(t => t.SlotHistory[^1].Split('/')[0]).ToHashSet();
        Assert.Equal(["s1", "s2"], lastSilos.Order());
    }
}
