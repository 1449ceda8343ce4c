using System.Text.Json.Nodes;
using HyperSearch.Client.Cluster;
using HyperSearch.Contracts;
using HyperSearch.Spec;
using HyperSearch.Sweeps;

namespace HyperSearch.Tests.Cluster;

/// <summary>
/// <c>hypersearch slots</c> from a console outside the cluster: each silo's trainer host answers for
/// its own slots, whichever silo the console's gateway is.
/// </summary>
public sealed class SlotsCommandTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Slots_ShowsEverySiloSlotAndTheTrialItTrains()
    {
        using var temp = new TempDirectory();
        using var redis = await RedisServer.StartAsync(temp.Path);
        string[] simulated = ["--trainer", "simulated", "--SimulatedEpochDuration", "00:01:00"];
        using var s1 = await SiloProcess.StartAsync("s1", redis.Connection, temp.Path, slots: 1, extraArgs: simulated);
        using var s2 = await SiloProcess.StartAsync("s2", redis.Connection, temp.Path, slots: 2, extraArgs: simulated);
        await using var client = await ClusterConnection.ConnectAsync($"{s1.Gateway},{s2.Gateway}", TestContext.Current.CancellationToken);
        var sweep = client.Grains.GetGrain<ISweepGrain>("slots");
        await sweep.Start(SpecParser.Parse("""
            name: slots
            data: { dataset: synthetic }
            budget: { trials: 6, max_epochs: 1 }
            search: { strategy: random, seed: 2 }
            space:
              lr: { loguniform: [1.0e-4, 1.0e-1] }
            """));
        var running = await SweepWaiter.WaitForAsync(sweep, s => s.Count(TrialStatus.Running) == 3 ? s : null, Timeout);

        // Through s1's gateway: s2's two slots answer from s2.
        var result = await Cli.RunAsync(temp.Path, Timeout, "slots", "--gateway", s1.Gateway, "--json");

        Assert.Equal(0, result.ExitCode);
        var slots = JsonNode.Parse(result.OutLines[^1])!.AsArray()
            .Select(s => (Silo: (string)s!["silo"]!, Slot: (string)s["slot"]!, Sweep: (string?)s["sweepId"], Trial: (int?)s["trial"]))
            .OrderBy(s => s.Slot)
            .ToArray();
        Assert.Equal([("s1", "s1/0"), ("s2", "s2/0"), ("s2", "s2/1")], slots.Select(s => (s.Silo, s.Slot)));
        Assert.All(slots, s => Assert.Equal("slots", s.Sweep));
        var trainedHere = running.Trials.Where(t => t.Status == TrialStatus.Running).Select(t => (t.SlotId!, (int?)t.Number)).OrderBy(t => t.Item1);
        Assert.Equal(trainedHere, slots.Select(s => (s.Slot, s.Trial)));

        await sweep.Cancel();
    }
}
