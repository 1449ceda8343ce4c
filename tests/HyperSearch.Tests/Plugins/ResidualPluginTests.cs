using System.Text.Json.Nodes;
using HyperSearch.Silo.Trainers;

namespace HyperSearch.Tests.Plugins;

/// <summary>
/// examples/torchsharp-plugin as a user outside the clone has it: built in a directory of its own
/// against the packages `dotnet pack` makes (LocalFeed), then a sweep of it through the console
/// with its embedded silo.
/// </summary>
public sealed class ResidualPluginTests
{
    [Fact]
    public async Task ResidualExample_BuildsFromThePackagesOutsideTheCloneAndRunsASweepWithItsOwnMetricsAndEnsemble()
    {
        var (directory, build) = await PluginBuilds.ResidualExampleBuildAsync();

        Assert.True(build.ExitCode == 0, $"dotnet build: exit {build.ExitCode}: {build.StdOut}{build.StdErr}");
        Assert.False(directory.StartsWith(RepoFiles.Root, StringComparison.Ordinal), $"{directory} lies in the clone");
        // It compiled against the packages of this build's version, and nothing in its restore points into the clone.
        var assets = File.ReadAllText(Path.Combine(directory, "obj", "project.assets.json"));
        Assert.Contains($"\"HyperSearch.Sdk.TorchSharp/{SdkVersionCheck.HostVersion.ToString(3)}\"", assets);
        Assert.DoesNotContain(RepoFiles.Root, assets);
        // TorchSharp and the SDK come from the host at run time: neither they nor libtorch lie beside the plugin.
        var bin = Path.Combine(directory, "bin", "Release", "net10.0");
        Assert.Equal(["ResidualTrainer.deps.json", "ResidualTrainer.dll", "ResidualTrainer.pdb"], Directory.GetFiles(bin).Select(Path.GetFileName).Order(StringComparer.Ordinal));

        var run = await Cli.RunAsync(
            directory,
            TimeSpan.FromMinutes(4),
            "run",
            "sweep.yaml",
            "--json",
            "--slots",
            "2",
            "--state-dir",
            Path.Combine(directory, "state"));

        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}: {run.StdErr}");
        var summary = JsonNode.Parse(run.OutLines[^1])!.AsObject();
        Assert.Equal("completed", (string?)summary["status"]);
        Assert.Equal(4, (int?)summary["trials"]!["total"]);
        Assert.Equal(4, (int?)summary["trials"]!["completed"]);
        // Metrics only the plugin reports (the built-in trainer has val_accuracy and val_loss), and the
        // best epoch's test figures and ensemble files that the step base class keeps for it.
        var metrics = summary["best"]!["metrics"]!.AsObject();
        Assert.InRange((double)metrics["val_top1"]!, 0.3, 1.0);
        Assert.InRange((double)metrics["test_top1"]!, 0.3, 1.0);
        Assert.True(metrics.ContainsKey("val_nll"), $"best metrics: {metrics.ToJsonString()}");
        Assert.NotEmpty(summary["ensemble"]!["members"]!.AsArray());
    }
}
