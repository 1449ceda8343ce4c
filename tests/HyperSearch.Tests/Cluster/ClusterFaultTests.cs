using HyperSearch.Client.Cluster;
using HyperSearch.Contracts;
using HyperSearch.Spec;
using HyperSearch.Sweeps;

namespace HyperSearch.Tests.Cluster;

/// <summary>
/// Silo processes sharing a real Redis: a silo SIGKILLed mid-sweep, and every silo stopped and
/// started again. Every trial must end accounted for exactly once, with earlier results intact.
/// </summary>
public sealed class ClusterFaultTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(4);

    /// <summary>Trials of a few seconds each, so a test can catch one running on a chosen silo.</summary>
    private static SweepSpec SlowerSpec(int trials) => SpecParser.Parse(Specs.SmallYaml(trials, epochs: 3).Replace("train_subset: 1000", "train_subset: 20000"));

    [Fact]
    public async Task KilledSilo_ItsTrialsRunAgainElsewhereAndNothingIsCountedTwice()
    {
        using var temp = new TempDirectory();
        using var redis = await RedisServer.StartAsync(temp.Path);
        using var s1 = await SiloProcess.StartAsync("s1", redis.Connection, temp.Path);
        using var s2 = await SiloProcess.StartAsync("s2", redis.Connection, temp.Path);
        using var s3 = await SiloProcess.StartAsync("s3", redis.Connection, temp.Path);
        await using var client = await ClusterConnection.ConnectAsync($"{s1.Gateway},{s2.Gateway}", TestContext.Current.CancellationToken);
        var sweep = client.Grains.GetGrain<ISweepGrain>("kill-a-silo");
        await sweep.Start(SlowerSpec(trials: 6));

        // Wait until s3 trains something, then pull the plug.
        var victim = await WaitForAsync(sweep, s => s.Trials.FirstOrDefault(t => t.Status == TrialStatus.Running && t.SlotId!.StartsWith("s3/") && t.Epochs.Length >= 1));
        s3.Kill();

        var snapshot = await SweepWaiter.WaitFinishedAsync(sweep, Timeout);

        Assert.Equal(SweepStatus.Completed, snapshot.Status);
        Assert.Equal(6, snapshot.Trials.Length);
        Assert.All(snapshot.Trials, t =>
        {
            Assert.Equal(TrialStatus.Completed, t.Status);
            Assert.Equal([1, 2, 3], t.Epochs.Select(e => e.Epoch));
        });
        var rerun = snapshot.Trials[victim.Number];
        Assert.Equal(victim.Attempt + 1, rerun.Attempt);
        Assert.StartsWith("s3/", rerun.SlotHistory[0]);
        Assert.DoesNotContain("s3/", rerun.SlotHistory[^1]);
        Assert.True(snapshot.LeaseExpiries >= 1);

        // Each completed trial's three epochs counted once, plus whatever the lost attempt trained.
        Assert.InRange(snapshot.EpochsTrained, 18, 18 + 3);
    }

    [Fact]
    public async Task AllSilosStopped_TheSweepContinuesFromRedisWhenTheyReturn()
    {
        using var temp = new TempDirectory();
        using var redis = await RedisServer.StartAsync(temp.Path);
        var sweepId = "full-restart";
        TrialRecord[] before;
        {
            using var s1 = await SiloProcess.StartAsync("a1", redis.Connection, temp.Path);
            using var s2 = await SiloProcess.StartAsync("a2", redis.Connection, temp.Path);
            await using var client = await ClusterConnection.ConnectAsync($"{s1.Gateway},{s2.Gateway}", TestContext.Current.CancellationToken);
            var sweep = client.Grains.GetGrain<ISweepGrain>(sweepId);
            await sweep.Start(SlowerSpec(trials: 6));
            var snapshot = await WaitForAsync(sweep, s => s.Count(TrialStatus.Completed) >= 2 ? s : null);
            s1.Kill();
            s2.Kill();
            before = snapshot.Trials.Where(t => t.Status == TrialStatus.Completed).ToArray();
        }

        using var b1 = await SiloProcess.StartAsync("b1", redis.Connection, temp.Path);
        using var b2 = await SiloProcess.StartAsync("b2", redis.Connection, temp.Path);
        // The new silos first settle the dead ones' membership entries, then open for clients.
        await using var again = await ClusterConnection.ConnectAsync($"{b1.Gateway},{b2.Gateway}", TestContext.Current.CancellationToken, TimeSpan.FromMinutes(2));
        var final = await SweepWaiter.WaitFinishedAsync(again.Grains.GetGrain<ISweepGrain>(sweepId), Timeout);


        Assert.Equal(SweepStatus.Completed, final.Status);
        Assert.Equal(6, final.Trials.Length);
        Assert.All(final.Trials, t => Assert.Equal(TrialStatus.Completed, t.Status));
        foreach (var earlier in before)
        {
            var now = final.Trials[earlier.Number];
            Assert.Equal(earlier.Attempt, now.Attempt);
            Assert.Equal(earlier.Epochs.Select(Figures), now.Epochs.Select(Figures));
            Assert.Equal(earlier.Test, now.Test);
        }

        Assert.Contains(final.Trials, t => t.SlotHistory[^1].StartsWith('b'));
    }

    private static string Figures(EpochMetrics epoch) => $"{epoch.Epoch}: {string.Join(", ", epoch.Values.Select(m => $"{m.Key}={m.Value:R}"))}";

    private static Task<T> WaitForAsync<T>(ISweepGrain sweep, Func<SweepSnapshot, T?> found)
        where T : class => SweepWaiter.WaitForAsync(sweep, found, Timeout);
}
