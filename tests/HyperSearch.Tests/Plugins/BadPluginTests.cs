using System.Text.Json.Nodes;

namespace HyperSearch.Tests.Plugins;

/// <summary>
/// What a user sees when a plugin is wrong: one line naming the key, exit 2, no stack trace; and a
/// plugin whose trials throw or diverge fails or ends those trials while the sweep goes on.
/// </summary>
public sealed class BadPluginTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task MissingFile_IsOneLineNamingTrainerPlugin()
    {
        using var temp = new TempDirectory();
        var spec = temp.File("sweep.yaml", Spec("plugins/Missing.dll", "My.Trainer"));

        var result = await Cli.RunAsync(temp.Path, Timeout, "validate", spec);

        AssertOneLineError(result, $"error: trainer.plugin: file not found: {Path.Combine(temp.Path, "plugins", "Missing.dll")}");
    }

    [Fact]
    public async Task NotAnAssembly_IsOneLineNamingTrainerPlugin()
    {
        using var temp = new TempDirectory();
        var fake = temp.File("Fake.dll", "MZ but not really a .NET assembly");
        var spec = temp.File("sweep.yaml", Spec(fake, "My.Trainer"));

        var result = await Cli.RunAsync(temp.Path, Timeout, "validate", spec);

        AssertOneLineError(result, $"error: trainer.plugin: {fake} is not a .NET assembly");
    }

    [Fact]
    public async Task UnknownType_IsOneLineNamingTrainerType_AndTheTrainersThatAreThere()
    {
        var plugin = await PluginBuilds.TestTrainersAsync();
        using var temp = new TempDirectory();
        var spec = temp.File("sweep.yaml", Spec(plugin, "HyperSearch.TestTrainers.Nope"));

        var result = await Cli.RunAsync(temp.Path, Timeout, "validate", spec);

        AssertOneLineError(
            result,
            "error: trainer.type: type 'HyperSearch.TestTrainers.Nope' not found in HyperSearch.TestTrainers.dll (trainers in it: HyperSearch.TestTrainers.ScoreTrainer)");
    }

    [Fact]
    public async Task TypeThatIsNoTrainer_IsOneLineNamingTrainerType()
    {
        var plugin = await PluginBuilds.TestTrainersAsync();
        using var temp = new TempDirectory();
        var spec = temp.File("sweep.yaml", Spec(plugin, "HyperSearch.TestTrainers.NotATrainer"));

        var result = await Cli.RunAsync(temp.Path, Timeout, "validate", spec);

        AssertOneLineError(result, "error: trainer.type: HyperSearch.TestTrainers.NotATrainer does not implement HyperSearch.Sdk.ITrainer");
    }

    [Fact]
    public async Task SpaceAndObjectiveOutsideThePluginsSchema_AreErrorsNamingTheKeys()
    {
        var plugin = await PluginBuilds.TestTrainersAsync();
        using var temp = new TempDirectory();
        var spec = temp.File("sweep.yaml", Spec(plugin, "HyperSearch.TestTrainers.ScoreTrainer", space: "lr: { loguniform: [1.0e-4, 1.0e-1] }", metric: "val_accuracy"));

        var result = await Cli.RunAsync(temp.Path, Timeout, "validate", spec);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(
            [
                "error: objective.metric: unknown metric 'val_accuracy' (expected one of: score, train_loss)",
                "error: space.lr: unknown parameter (expected one of: x, throw_above, explode)",
            ],
            result.ErrorLines);
    }

    [Fact]
    public async Task TrialsThatThrowOrDiverge_EndSoWhileTheSweepGoesOn()
    {
        var plugin = await PluginBuilds.TestTrainersAsync();
        using var temp = new TempDirectory();
        var space = "x: { choice: [0.2, 0.9] }\n  explode: { choice: [false, true] }\n  throw_above: { value: 0.5 }";
        var spec = temp.File("sweep.yaml", Spec(plugin, "HyperSearch.TestTrainers.ScoreTrainer", space, metric: "score", search: "{ strategy: grid }", trials: 4));

        var result = await Cli.RunAsync(temp.Path, TimeSpan.FromMinutes(3), "run", spec, "--json", "--slots", "2", "--state-dir", Path.Combine(temp.Path, "state"));

        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}: {result.StdErr}");
        var summary = JsonNode.Parse(result.OutLines[^1])!;
        Assert.Equal(1, (int?)summary["trials"]!["completed"]);
        Assert.Equal(1, (int?)summary["trials"]!["diverged"]);
        Assert.Equal(2, (int?)summary["trials"]!["failed"]);
        Assert.Equal(0.23, (double)summary["best"]!["metrics"]!["score"]!, 6);
        Assert.Equal(0.2, (double)summary["best"]!["metrics"]!["test_score"]!, 6);
        Assert.Contains("x = 0.9 is too large for this trainer", result.StdErr);
        Assert.Contains("train_loss 4 at epoch 2 exceeds 3x its first value 0.98", result.StdErr);
    }

    private static void AssertOneLineError(Cli.Result result, string expected)
    {
        Assert.Equal(2, result.ExitCode);
        Assert.Equal([expected], result.ErrorLines);
        Assert.Empty(result.StdOut.Trim());
    }

    private static string Spec(
        string plugin, string type, string space = "x: { uniform: [0.0, 1.0] }", string metric = "score", string search = "{ strategy: random, seed: 3 }", int trials = 2) => $"""
        name: plugin-test
        trainer: {"{"} plugin: {plugin}, type: {type} {"}"}
        objective: {"{"} metric: {metric} {"}"}
        budget: {"{"} trials: {trials}, max_epochs: 3 {"}"}
        search: {search}
        space:
          {space}
        """;
}
