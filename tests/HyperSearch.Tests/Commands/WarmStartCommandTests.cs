using System.Text.Json.Nodes;

namespace HyperSearch.Tests.Commands;

/// <summary>
/// <c>warm_start:</c> and <c>seed_trials:</c> through the real console and an embedded silo, with real
/// training: the second sweep runs its seed first and its TPE proposes from a model at once, having
/// observed the first sweep's trials instead of running start-up trials of its own.
/// </summary>
public sealed class WarmStartCommandTests
{
    private static readonly TimeSpan Sweep = TimeSpan.FromMinutes(4);

    private const string Space = """
        space:
          lr: { loguniform: [1.0e-5, 1.0e-1] }
          optimizer: { choice: [sgd, adam] }
          batch_size: { choice: [64] }
          hidden: { choice: [[64]] }
          dropout: { uniform: [0.0, 0.5] }
        """;

    private static string Spec(string name, string search, int trials, string extra = "") => $$"""
        name: {{name}}
        data:
          dataset: fashion-mnist
          train_subset: 1000
          validation: 500
        objective: { metric: val_accuracy, mode: max }
        budget: { trials: {{trials}}, max_epochs: 1 }
        search: {{search}}
        {{Space}}
        {{extra}}
        """;

    [Fact]
    public async Task WarmStartedTpe_RunsItsSeedFirst_ThenProposesFromTheModel()
    {
        using var temp = new TempDirectory();
        var state = Path.Combine(temp.Path, "state");
        var first = temp.File("first.yaml", Spec("first", "{ strategy: random, seed: 7 }", trials: 8));
        var earlier = await Cli.RunAsync(temp.Path, Sweep, "run", first, "--json", "--slots", "2", "--state-dir", state);
        Assert.True(earlier.ExitCode == 0, earlier.StdErr);
        var earlierId = (string)JsonNode.Parse(earlier.OutLines[^1])!["sweepId"]!;

        var second = temp.File("second.yaml", Spec("second", "{ strategy: tpe, seed: 3, startup_trials: 5 }", trials: 4, $$"""
            warm_start: { sweeps: [{{earlierId}}] }
            seed_trials:
              - { lr: 2.0e-3, optimizer: adam, batch_size: 64, hidden: [64], dropout: 0.1 }
            """));
        var warm = await Cli.RunAsync(temp.Path, Sweep, "run", second, "--json", "--slots", "1", "--state-dir", state);

        Assert.True(warm.ExitCode == 0, warm.StdErr);
        var summary = JsonNode.Parse(warm.OutLines[^1])!;
        Assert.Equal(earlierId, (string?)summary["warmStart"]![0]);
        var search = summary["search"]!;
        // Without the warm start, trials 1-3 would be TPE's random start-up trials (startup_trials: 5).
        Assert.Equal(1, (int?)search["proposedBy"]!["seed"]);
        Assert.Equal(3, (int?)search["proposedBy"]!["model"]);
        Assert.Null(search["proposedBy"]!["random"]);
        Assert.Equal("t001", (string?)search["modelFrom"]);
    }

    [Fact]
    public async Task UnknownWarmStartSweep_IsOneLineAndExitTwo()
    {
        using var temp = new TempDirectory();
        var spec = temp.File("warm.yaml", Spec("warm", "{ strategy: tpe }", trials: 2, "warm_start: { sweeps: [no-such-sweep] }"));

        var result = await Cli.RunAsync(temp.Path, TimeSpan.FromSeconds(90), "run", spec, "--state-dir", Path.Combine(temp.Path, "state"));

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: warm_start.sweeps: no sweep 'no-such-sweep'", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }
}
