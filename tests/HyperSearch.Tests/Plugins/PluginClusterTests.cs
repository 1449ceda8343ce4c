using System.Text.Json.Nodes;
using HyperSearch.Client.Cluster;
using HyperSearch.Contracts;
using HyperSearch.Sweeps;
using HyperSearch.Tests.Cluster;

namespace HyperSearch.Tests.Plugins;

/// <summary>
/// A plugin in a cluster: two silo processes on a real Redis load examples/torchsharp-plugin from a
/// path both can read (one of their roots), and train the sweep's trials between them.
/// </summary>
public sealed class PluginClusterTests
{
    [Fact]
    public async Task ResidualExample_TrainsOnTwoSilos()
    {
        var plugin = await PluginBuilds.ResidualExampleAsync();
        using var temp = new TempDirectory();
        using var redis = await RedisServer.StartAsync(temp.Path);
        // The plugin lies in its own build directory, outside the silos' data root (their working directory): allow it.
        string[] roots = ["--extra-roots", Path.GetDirectoryName(plugin)!];
        using var s1 = await SiloProcess.StartAsync("s1", redis.Connection, temp.Path, extraArgs: roots);
        using var s2 = await SiloProcess.StartAsync("s2", redis.Connection, temp.Path, extraArgs: roots);

        // The example's spec, with its plugin path made absolute: a spec sent through a gateway is read
        // on the silo, where a relative path would start at the silo's data root, not at the spec.
        var example = File.ReadAllText(RepoFiles.PathOf("examples", "torchsharp-plugin", "sweep.yaml"));
        var spec = temp.File("sweep.yaml", example.Replace("bin/Release/net10.0/ResidualTrainer.dll", plugin, StringComparison.Ordinal));
        Assert.Contains(plugin, File.ReadAllText(spec));

        var run = await Cli.RunAsync(temp.Path, TimeSpan.FromMinutes(5), "run", spec, "--json", "--gateway", $"{s1.Gateway},{s2.Gateway}");

        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}: {run.StdErr}\n--- s1:\n{s1.Log}\n--- s2:\n{s2.Log}");
        var summary = JsonNode.Parse(run.OutLines[^1])!;
        var trials = (int)summary["trials"]!["total"]!;
        Assert.Equal(trials, (int?)summary["trials"]!["completed"]);
        Assert.True(summary["best"]!["metrics"]!.AsObject().ContainsKey("val_top1"));

        await using var client = await ClusterConnection.ConnectAsync(s1.Gateway, TestContext.Current.CancellationToken);
        var snapshot = await client.Grains.GetGrain<ISweepGrain>((string)summary["sweepId"]!).GetSnapshot();
        var silos = snapshot.Trials.SelectMany(t => t.SlotHistory).Select(slot => slot.Split('/')[0]).Distinct().Order().ToArray();
        Assert.Equal(["s1", "s2"], silos);
        Assert.All(snapshot.Trials, t => Assert.Equal(TrialStatus.Completed, t.Status));
    }
}
