using System.Text.Json.Nodes;

namespace HyperSearch.Tests.Plugins;

/// <summary>examples/torchsharp-plugin end to end: it builds, and a sweep trains it through the console.</summary>
public sealed class ResidualPluginTests
{
    [Fact]
    public async Task ResidualExample_BuildsAndRunsASweepWithItsOwnMetricsAndEnsemble()
    {
        var example = RepoFiles.PathOf("examples", "torchsharp-plugin");
        var build = await PluginBuilds.BuildResultAsync(Path.Combine(example, "ResidualTrainer.csproj"));

        Assert.True(build.ExitCode == 0, $"dotnet build: exit {build.ExitCode}: {build.StdOut}{build.StdErr}");
        var bin = Path.Combine(example, "bin", "Release", "net10.0");
        Assert.True(File.Exists(Path.Combine(bin, "ResidualTrainer.dll")));
        foreach (var shared in new[] { "HyperSearch.Sdk.dll", "HyperSearch.Trainer.dll", "TorchSharp.dll" })
        {
            Assert.False(File.Exists(Path.Combine(bin, shared)), $"{shared} copied beside the plugin");
        }

        using var temp = new TempDirectory();
        var run = await Cli.RunAsync(
            temp.Path,
            TimeSpan.FromMinutes(4),
            "run",
            Path.Combine(example, "sweep.yaml"),
            "--json",
            "--slots",
            "2",
            "--state-dir",
            Path.Combine(temp.Path, "state"));

        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}: {run.StdErr}");
        var summary = JsonNode.Parse(run.OutLines[^1])!.AsObject();
        Assert.Equal("completed", (string?)summary["status"]);
        Assert.Equal(4, (int?)summary["trials"]!["total"]);
        Assert.Equal(4, (int?)summary["trials"]!["completed"]);
        // Metrics only the plugin reports: the built-in trainer has val_accuracy and val_loss.
        var metrics = summary["best"]!["metrics"]!.AsObject();
        Assert.InRange((double)metrics["val_top1"]!, 0.3, 1.0);
        Assert.True(metrics.ContainsKey("val_nll"), $"best metrics: {metrics.ToJsonString()}");
        Assert.NotEmpty(summary["ensemble"]!["members"]!.AsArray());
    }
}
