using System.Globalization;
using System.Text.Json.Nodes;
using HyperSearch.Contracts;
using HyperSearch.Sweeps;

namespace HyperSearch.Tests.Commands;

/// <summary>
/// `hypersearch extend` on a finished embedded sweep and on a sweep still running in a real silo
/// reached over its gateway, with real training: exactly the trials asked for are added, and every
/// trial already run keeps its record and is not trained again.
/// </summary>
public sealed class ExtendCommandTests
{
    private static readonly TimeSpan Sweep = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task Extend_FinishedEmbeddedSweep_AddsExactlyTheTrialsAsked()
    {
        using var temp = new TempDirectory();
        var state = Path.Combine(temp.Path, "state");
        var spec = temp.File("small.yaml", Specs.SmallYaml(trials: 3, epochs: 2));
        var run = await Cli.RunAsync(temp.Path, Sweep, "run", spec, "--json", "--slots", "2", "--state-dir", state);
        Assert.True(run.ExitCode == 0, run.StdErr);
        var sweepId = (string)JsonNode.Parse(run.OutLines[^1])!["sweepId"]!;

        var extend = await Cli.RunAsync(temp.Path, Sweep, "extend", sweepId, "--trials", "2", "--json", "--slots", "2", "--state-dir", state);

        Assert.True(extend.ExitCode == 0, extend.StdErr);
        var summary = JsonNode.Parse(extend.OutLines[^1])!;
        Assert.Equal("completed", (string?)summary["status"]);
        Assert.Equal(5, (int?)summary["trials"]!["total"]);
        Assert.Equal(5, (int?)summary["trials"]!["completed"]);
        // 3 old trials x 2 epochs, trained once, and 2 new ones: nothing ran again.
        Assert.Equal(10, (int?)summary["epochsTrained"]);
        Assert.Contains(extend.ErrorLines, l => l.Contains("extended by 2 trials to 5 (was completed; 3 finished trials kept)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Extend_RunningClusterSweep_OverTheGateway_AddsTheTrialsAndKeepsTheFinishedOnes()
    {
        using var temp = new TempDirectory();
        await using var silo = await TestSilo.StartAsync("extend", slots: 1, temp.Path);
        var sweep = silo.Grains.GetGrain<ISweepGrain>("extend-running");
        // 40 trials on one slot: several seconds of training, so the sweep is still running when the
        // console (a second or two to start) calls; 12 trials finished first on a quiet machine.
        await sweep.Start(Specs.Small(trials: 40, epochs: 2));
        var finished = await SweepWaiter.WaitForAsync(sweep, s => s.Status == SweepStatus.Running && s.Trials.Any(t => t.Status == TrialStatus.Completed)
            ? s.Trials.Where(t => t.Status == TrialStatus.Completed).ToList() : null, Sweep);

        var gateway = $"127.0.0.1:{silo.Settings.GatewayPort.ToString(CultureInfo.InvariantCulture)}";
        var extend = await Cli.RunAsync(temp.Path, Sweep, "extend", "extend-running", "--trials", "2", "--parallelism", "1", "--gateway", gateway, "--json");

        Assert.True(extend.ExitCode == 0, extend.StdErr);
        Assert.Contains(extend.ErrorLines, l => l.Contains("extended by 2 trials to 42 (was running", StringComparison.Ordinal));
        var summary = JsonNode.Parse(extend.OutLines[^1])!;
        Assert.Equal(42, (int?)summary["trials"]!["total"]);
        Assert.Equal(42, (int?)summary["trials"]!["completed"]);
        Assert.Equal(84, (int?)summary["epochsTrained"]);
        var after = await sweep.GetSnapshot();
        Assert.Equal(42, after.Spec!.Budget.Trials);
        Assert.All(finished, before =>
        {
            var now = after.Trials[before.Number];
            Assert.Equal(1, now.Attempt);
            Assert.Equal(before.Parameters["lr"].Number, now.Parameters["lr"].Number);
            Assert.Equal(before.Epochs.Select(e => e.Get("val_accuracy")), now.Epochs.Select(e => e.Get("val_accuracy")));
        });
    }

    [Theory]
    [InlineData("--trials", "0", "--trials: must be from 1")]
    [InlineData("--time-limit", "soon", "--time-limit: expected a duration")]
    [InlineData("--parallelism", "0", "--parallelism: must be from 1")]
    public async Task Extend_BadOption_OneLineAndExitTwo(string option, string value, string expected)
    {
        using var temp = new TempDirectory();
        string[] args = option == "--trials"
            ? ["extend", "some-sweep", "--trials", value]
            : ["extend", "some-sweep", "--trials", "1", option, value];

        var result = await Cli.RunAsync(temp.Path, TimeSpan.FromSeconds(60), [.. args, "--state-dir", Path.Combine(temp.Path, "state")]);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"error: {expected}", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }
}
