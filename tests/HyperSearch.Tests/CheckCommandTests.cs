using System.Text.Json.Nodes;

namespace HyperSearch.Tests;

/// <summary><c>hypersearch check</c> as a user runs it.</summary>
public sealed class CheckCommandTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Check_HealthySpec_PassesWithExitZero()
    {
        using var temp = new TempDirectory();
        var spec = temp.File("small.yaml", Specs.SmallYaml(trials: 4, extra: "  dropout: { uniform: [0.2, 0.5] }"));

        var result = await Cli.RunAsync(temp.Path, Timeout, "check", spec, "--json");

        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}: {result.StdErr}");
        var report = JsonNode.Parse(result.OutLines[^1])!;
        Assert.True((bool)report["passed"]!);
        var attempt = report["attempts"]![0]!;
        Assert.Equal(1.0, (double)attempt["finalAccuracy"]!);
        Assert.StartsWith("overfits 20 examples", (string?)attempt["summary"]);
        Assert.Contains("check passed", result.StdErr);
        // The check keeps no sweep state where a sweep would.
        Assert.False(Directory.Exists(Path.Combine(temp.Path, ".hypersearch", "state", "sweep")));
    }

    [Fact]
    public async Task Check_LearningRateFarTooSmall_FailsWithExitOne()
    {
        using var temp = new TempDirectory();
        var yaml = Specs.SmallYaml(trials: 1)
            .Replace("lr: { loguniform: [3.0e-4, 3.0e-3] }", "lr: { value: 1.0e-9 }", StringComparison.Ordinal)
            .Replace("optimizer: { choice: [adam] }", "optimizer: { value: sgd }", StringComparison.Ordinal);
        var spec = temp.File("stuck.yaml", yaml);

        var result = await Cli.RunAsync(temp.Path, Timeout, "check", spec, "--steps", "100");

        Assert.True(result.ExitCode == 1, $"exit {result.ExitCode}: {result.StdOut} {result.StdErr}");
        Assert.Contains("cannot overfit 20 examples", result.StdOut);
        Assert.Contains("check failed", result.StdOut);
    }

    [Fact]
    public async Task Check_BrokenSpec_ExitsTwo()
    {
        using var temp = new TempDirectory();
        var spec = temp.File("broken.yaml", Specs.SmallYaml(trials: 1).Replace("choice: [adam]", "choice: [adamx]", StringComparison.Ordinal));

        var result = await Cli.RunAsync(temp.Path, Timeout, "check", spec);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("space.optimizer", Assert.Single(result.ErrorLines));
    }
}
