using System.Text.Json.Nodes;
using HyperSearch.Tests.Cluster;

namespace HyperSearch.Tests.Plugins;

/// <summary>
/// With --gateway the console only sends the spec: the silo resolves its relative data path against
/// its own data root and reads the files there, so the submitting machine needs no data set.
/// </summary>
public sealed class GatewaySpecTests
{
    [Fact]
    public async Task RelativeDataPath_IsResolvedAndReadOnTheSilo()
    {
        using var temp = new TempDirectory();
        var dataRoot = Directory.CreateDirectory(Path.Combine(temp.Path, "silo-data")).FullName;
        Directory.CreateSymbolicLink(Path.Combine(dataRoot, "fmnist"), "/usr/share/datasets/fashion-mnist");
        using var silo = await SiloProcess.StartAsync("solo", redis: null, temp.Path, slots: 2, extraArgs: ["--data-root", dataRoot]);

        // The console's side has no "fmnist" beside the spec: only the silo can find it.
        var console = Directory.CreateDirectory(Path.Combine(temp.Path, "console")).FullName;
        var spec = Path.Combine(console, "sweep.yaml");
        File.WriteAllText(spec, Specs.SmallYaml(trials: 2).Replace("  train_subset: 1000", "  path: fmnist\n  train_subset: 1000", StringComparison.Ordinal));
        Assert.False(Directory.Exists(Path.Combine(console, "fmnist")));

        var local = await Cli.RunAsync(console, TimeSpan.FromMinutes(1), "validate", spec);
        var validate = await Cli.RunAsync(console, TimeSpan.FromMinutes(1), "validate", spec, "--gateway", silo.Gateway);
        var run = await Cli.RunAsync(console, TimeSpan.FromMinutes(3), "run", spec, "--json", "--gateway", silo.Gateway);

        Assert.Equal(2, local.ExitCode);
        Assert.Equal([$"error: data.path: directory not found: {Path.Combine(console, "fmnist")}"], local.ErrorLines);
        Assert.True(validate.ExitCode == 0, $"exit {validate.ExitCode}: {validate.StdErr}\n{silo.Log}");
        Assert.Contains($"data fashion-mnist at {Path.Combine(dataRoot, "fmnist")}", validate.StdOut);
        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}: {run.StdErr}\n{silo.Log}");
        Assert.Equal(2, (int?)JsonNode.Parse(run.OutLines[^1])!["trials"]!["completed"]);
    }

    [Fact]
    public async Task MissingDataOnTheSilo_IsOneLineFromTheSilo()
    {
        using var temp = new TempDirectory();
        var dataRoot = Directory.CreateDirectory(Path.Combine(temp.Path, "silo-data")).FullName;
        using var silo = await SiloProcess.StartAsync("solo", redis: null, temp.Path, slots: 1, extraArgs: ["--data-root", dataRoot]);
        var spec = temp.File("sweep.yaml", Specs.SmallYaml(trials: 1).Replace("  train_subset: 1000", "  path: nowhere\n  train_subset: 1000", StringComparison.Ordinal));

        var run = await Cli.RunAsync(temp.Path, TimeSpan.FromMinutes(1), "run", spec, "--gateway", silo.Gateway);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal([$"error: data.path: directory not found: {Path.Combine(dataRoot, "nowhere")}"], run.ErrorLines);
    }
}
