using System.Text.Json.Nodes;
using HyperSearch.Client.Cluster;
using HyperSearch.Contracts;
using HyperSearch.Spec;
using HyperSearch.Sweeps;
using HyperSearch.Tests.Cluster;

namespace HyperSearch.Tests.Plugins;

/// <summary>
/// A plugin in a cluster: two silo processes on a real Redis load examples/torchsharp-plugin from a
/// path both can read (one of their roots), and train the sweep's trials between them; a silo
/// SIGKILLed in the middle of a trial leaves it to continue elsewhere from its last epoch checkpoint,
/// which the plugin saves through its base class (sdk-torchsharp/Steps/StepTrainer.cs) with no code of its own.
/// </summary>
public sealed class PluginClusterTests
{
    [Fact]
    public async Task ResidualExample_TrainsOnTwoSilos()
    {
        var plugin = await PluginBuilds.ResidualExampleAsync();
        using var temp = new TempDirectory();
        using var redis = await RedisServer.StartAsync(temp.Path);
        // The plugin lies in its own build directory, outside the silos' data root (their working
        // directory): allow it, and allow plugins from it (plugins are opt-in on a cluster silo).
        string[] roots = ["--extra-roots", Path.GetDirectoryName(plugin)!, "--allow-plugins", Path.GetDirectoryName(plugin)!];
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

    [Fact]
    public async Task KilledSilo_ThePluginTrialResumesElsewhereFromItsLastEpoch()
    {
        const int epochs = 5;
        var plugin = await PluginBuilds.ResidualExampleAsync();
        using var temp = new TempDirectory();
        using var redis = await RedisServer.StartAsync(temp.Path);
        string[] roots = ["--extra-roots", Path.GetDirectoryName(plugin)!, "--allow-plugins", Path.GetDirectoryName(plugin)!];
        using var s1 = await SiloProcess.StartAsync("s1", redis.Connection, temp.Path, extraArgs: roots);
        using var s2 = await SiloProcess.StartAsync("s2", redis.Connection, temp.Path, extraArgs: roots);
        var example = File.ReadAllText(RepoFiles.PathOf("examples", "torchsharp-plugin", "sweep.yaml"));
        var yaml = example
            .Replace("bin/Release/net10.0/ResidualTrainer.dll", plugin, StringComparison.Ordinal)
            .Replace("budget: { trials: 4, max_epochs: 2 }", $"budget: {{ trials: 2, max_epochs: {epochs} }}\ncheckpoints: {{ every_epochs: 1 }}", StringComparison.Ordinal)
            .Replace("ensemble: { top_k: 3, method: greedy }", "", StringComparison.Ordinal);
        Assert.Contains("every_epochs", yaml);
        await using var client = await ClusterConnection.ConnectAsync($"{s1.Gateway},{s2.Gateway}", TestContext.Current.CancellationToken);
        var sweep = client.Grains.GetGrain<ISweepGrain>("plugin-resume-after-kill");
        await sweep.Start(SpecParser.Parse(yaml));

        // Kill s2 once its trial has reported two epochs, so a checkpoint past epoch 1 is recorded.
        var timeout = TimeSpan.FromMinutes(4);
        var victim = await SiloKillChecks.RunningTrialOnAsync(sweep, "s2/", epochs: 2, timeout);
        s2.Kill();

        var snapshot = await SweepWaiter.WaitFinishedAsync(sweep, timeout);

        int from = SiloKillChecks.AssertResumedOnce(snapshot, victim, epochs, "s1/");
        Assert.True(from > 1, $"resumed from epoch {from}, not from the start");
        // Only the epochs the lost attempt trained past its checkpoint were trained twice.
        Assert.InRange(snapshot.EpochsTrained, 2 * epochs, (2 * epochs) + (epochs - from));
    }
}
