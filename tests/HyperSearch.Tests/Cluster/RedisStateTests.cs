using HyperSearch.Contracts;
using HyperSearch.Silo.Hosting;
using HyperSearch.Spec;
using HyperSearch.Sweeps;
using StackExchange.Redis;

namespace HyperSearch.Tests.Cluster;

/// <summary>
/// Sweep state in a real Redis (silo/Storage/RedisSweepStorage.cs) held to what the state files are:
/// a lost or garbled registry is rebuilt from the sweeps' headers (SCAN), and a garbled sweep is
/// refused as corrupt instead of failing as an outage or starting over.
/// </summary>
public sealed class RedisStateTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task LostRegistry_IsRebuiltFromTheStoredSweeps()
    {
        using var temp = new TempDirectory();
        using var redis = await RedisServer.StartAsync(temp.Path);
        await RunSweepsAsync(temp, redis, "kept");
        using var keys = await ConnectionMultiplexer.ConnectAsync(redis.Connection);

        var registry = Assert.Single(await KeysAsync(keys, "*/registry"));
        Assert.True(await keys.GetDatabase().KeyDeleteAsync(registry));

        await using var silo = await TestSilo.StartAsync("after", 1, temp.Path, configure: OnRedis(redis));
        var listed = await silo.Grains.GetGrain<ISweepRegistryGrain>(0).List();
        Assert.Equal(SweepStatus.Completed, Assert.Single(listed, l => l.SweepId == "kept").Status);
    }

    [Fact]
    public async Task GarbledValues_AreRefusedAsCorrupt_AndTheRegistryIsRebuiltWithoutThem()
    {
        using var temp = new TempDirectory();
        using var redis = await RedisServer.StartAsync(temp.Path);
        await RunSweepsAsync(temp, redis, "good", "bad");
        using var keys = await ConnectionMultiplexer.ConnectAsync(redis.Connection);
        var database = keys.GetDatabase();
        var badHeader = Assert.Single(await KeysAsync(keys, "*/bad/sweep"));
        await database.HashSetAsync(badHeader, "data", "not what Orleans wrote"u8.ToArray());
        await database.HashSetAsync(Assert.Single(await KeysAsync(keys, "*/registry")), "data", "garbled"u8.ToArray());

        await using var silo = await TestSilo.StartAsync("after", 1, temp.Path, configure: OnRedis(redis));
        var listed = await silo.Grains.GetGrain<ISweepRegistryGrain>(0).List();
        var refused = await Assert.ThrowsAsync<StateCorruptException>(() => silo.Grains.GetGrain<ISweepGrain>("bad").GetSnapshot());
        var good = await silo.Grains.GetGrain<ISweepGrain>("good").GetSnapshot();

        Assert.Equal(["good"], listed.Select(s => s.SweepId));
        Assert.StartsWith($"sweep bad cannot be read: Redis value {badHeader} is corrupt (its data does not deserialize: ", refused.Message);
        Assert.Equal(SweepStatus.Completed, good.Status);
        Assert.Equal(4, good.Count(TrialStatus.Completed));
    }

    /// <summary>Runs each sweep (4 zero-length trials) to its end on a silo that then stops.</summary>
    private static async Task RunSweepsAsync(TempDirectory temp, RedisServer redis, params string[] sweepIds)
    {
        await using var silo = await TestSilo.StartAsync("before", 2, temp.Path, configure: OnRedis(redis));
        foreach (var sweepId in sweepIds)
        {
            var sweep = silo.Grains.GetGrain<ISweepGrain>(sweepId);
            await sweep.Start(SpecParser.Parse("""
                name: redis-state
                data: { dataset: synthetic }
                objective: { metric: val_accuracy, mode: max }
                budget: { trials: 4, max_epochs: 1 }
                search: { strategy: random, seed: 3 }
                space:
                  lr: { loguniform: [1.0e-5, 1.0e-1] }
                """));
            Assert.Equal(SweepStatus.Completed, (await SweepWaiter.WaitFinishedAsync(sweep, Timeout)).Status);
        }
    }

    private static Action<SiloSettings> OnRedis(RedisServer redis) => settings =>
    {
        settings.Redis = redis.Connection;
        settings.Trainer = TrainerKinds.Simulated;
        settings.SimulatedEpochDuration = TimeSpan.Zero;
    };

    private static async Task<RedisKey[]> KeysAsync(ConnectionMultiplexer connection, string pattern) =>
        await connection.GetServers().Single().KeysAsync(pattern: pattern).ToArrayAsync();
}
