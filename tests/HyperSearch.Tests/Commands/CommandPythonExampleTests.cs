using System.Text.Json.Nodes;

namespace HyperSearch.Tests.Commands;

/// <summary>examples/command-python end to end through the console: a Python script as the trial, ASHA, an ensemble from its files.</summary>
public sealed class CommandPythonExampleTests
{
    [Fact]
    public async Task PythonExample_RunsWithAshaAndAnEnsemble()
    {
        using var temp = new TempDirectory();

        var run = await Cli.RunAsync(
            temp.Path, TimeSpan.FromMinutes(3), "run", RepoFiles.PathOf("examples", "command-python", "sweep.yaml"), "--json", "--slots", "2", "--state-dir", Path.Combine(temp.Path, "state"));

        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}: {run.StdErr}");
        var summary = JsonNode.Parse(run.OutLines[^1])!;
        Assert.Equal("completed", (string?)summary["status"]);
        Assert.Equal(8, (int?)summary["trials"]!["total"]);
        Assert.True((int)summary["trials"]!["pruned"]! >= 1, summary.ToJsonString());
        Assert.Equal(8, (int)summary["trials"]!["completed"]! + (int)summary["trials"]!["pruned"]!);
        var best = summary["best"]!;
        Assert.Equal(3, (int?)best["epochs"]);
        Assert.InRange((double)best["metrics"]!["val_accuracy"]!, 0.6, 1.0);
        var ensemble = summary["ensemble"]!;
        Assert.NotEmpty(ensemble["members"]!.AsArray());
        Assert.InRange((double)ensemble["metrics"]!["test_accuracy"]!, 0.5, 1.0);
        var checkpoint = (string)best["checkpoint"]!;
        Assert.True(File.Exists(Path.Combine(checkpoint, "params.json")));
        Assert.True(File.Exists(Path.Combine(checkpoint, "val_probabilities.npy")));
    }
}
