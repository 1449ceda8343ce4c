using System.Globalization;
using System.Text.Json.Nodes;
using HyperSearch.Spec;

namespace HyperSearch.Tests.Commands;

/// <summary>
/// `hypersearch refine` as a user chains rounds: the real console, an embedded silo, real training on
/// Fashion-MNIST; each round's spec read back from the file it wrote.
/// </summary>
public sealed class RefineCommandTests
{
    private static readonly TimeSpan Round = TimeSpan.FromMinutes(4);

    private const string FirstRound = """
        name: chain
        data:
          dataset: fashion-mnist
          train_subset: 1000
          validation: 500
        objective: { metric: val_accuracy, mode: max }
        budget: { trials: 8, max_epochs: 1 }
        search: { strategy: random, seed: 7 }
        space:
          lr: { loguniform: [1.0e-5, 1.0e-1] }
          optimizer: { choice: [sgd, adam] }
          batch_size: { choice: [64] }
          hidden: { choice: [[64]] }
          dropout: { uniform: [0.0, 0.5] }
        """;

    [Fact]
    public async Task ThreeRounds_RunRefineRunRefineRun_NarrowImproveAndLinkTheChain()
    {
        using var temp = new TempDirectory();
        var first = temp.File("chain.yaml", FirstRound);
        var state = Path.Combine(temp.Path, "state");

        var run = await Cli.RunAsync(temp.Path, Round, "run", first, "--json", "--slots", "2", "--state-dir", state);
        Assert.True(run.ExitCode == 0, $"run: exit {run.ExitCode}: {run.StdErr}");
        var rounds = new List<(string Id, SweepSpec Spec, double Best)> { Summarize(run, SpecParser.Parse(FirstRound)) };
        foreach (var name in new[] { "chain-r2", "chain-r3" })
        {
            var refine = await Cli.RunAsync(temp.Path, Round, "refine", rounds[^1].Id, "--run", "--trials", "6", "--json", "--slots", "2", "--state-dir", state);
            Assert.True(refine.ExitCode == 0, $"refine {rounds[^1].Id}: exit {refine.ExitCode}: {refine.StdErr}");
            var yaml = File.ReadAllText(Path.Combine(temp.Path, name + ".yaml"));
            var spec = SpecParser.Parse(yaml);
            var previous = rounds[^1];
            rounds.Add(Summarize(refine, spec));

            Assert.Equal(previous.Id, spec.Parent);
            Assert.Equal(name, spec.Name);
            Assert.Equal(2 * previous.Spec.Budget.MaxEpochs, spec.Budget.MaxEpochs);
            Assert.Equal(6, spec.Budget.Trials);
            Assert.Contains("# best ", yaml, StringComparison.Ordinal);
            AssertInsideOrEdgeWidened(previous.Spec, spec, yaml);
            Assert.True(rounds[^1].Best >= previous.Best, $"{name}: best {rounds[^1].Best} < the previous round's {previous.Best}");
        }

        // The first round's lr range spanned four decades; the third's must be far narrower.
        double Decades(SweepSpec spec) => Math.Log10(spec.Space.Single(p => p.Name == "lr") is var lr ? lr.High / lr.Low : 0);
        Assert.True(Decades(rounds[2].Spec) < Decades(rounds[0].Spec) - 1, $"lr spans {Decades(rounds[2].Spec):F2} decades after two refinements");

        await AssertExplorerLinksTheChain(temp, state, rounds.Select(r => r.Id).ToList());
    }

    [Fact]
    public async Task Refine_BadInput_OneLineAndExitTwo()
    {
        using var temp = new TempDirectory();
        var state = Path.Combine(temp.Path, "state");

        var unknown = await Cli.RunAsync(temp.Path, TimeSpan.FromSeconds(60), "refine", "no-such-sweep", "--state-dir", state);
        var badEpochs = await Cli.RunAsync(temp.Path, TimeSpan.FromSeconds(60), "refine", "no-such-sweep", "--epochs", "0", "--state-dir", state);

        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("no sweep 'no-such-sweep'", Assert.Single(unknown.ErrorLines), StringComparison.Ordinal);
        Assert.Equal(2, badEpochs.ExitCode);
        Assert.Contains("--epochs: must be at least 1", Assert.Single(badEpochs.ErrorLines), StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", unknown.StdErr + badEpochs.StdErr, StringComparison.Ordinal);
    }

    private static (string Id, SweepSpec Spec, double Best) Summarize(Cli.Result result, SweepSpec spec)
    {
        var summary = JsonNode.Parse(result.OutLines[^1])!.AsObject();
        Assert.Equal("completed", (string?)summary["status"]);
        Assert.Equal(spec.Parent, (string?)summary["parent"]);
        return ((string)summary["sweepId"]!, spec, (double)summary["best"]!["metrics"]!["val_accuracy"]!);
    }

    /// <summary>Each range inside the last round's, or beyond it only by RoundRanges' widening (half its width) where the YAML says the best sat at that edge.</summary>
    private static void AssertInsideOrEdgeWidened(SweepSpec previous, SweepSpec next, string yaml)
    {
        foreach (var range in next.Space.Where(p => p.Kind is DistributionKind.Uniform or DistributionKind.LogUniform))
        {
            var old = previous.Space.Single(p => p.Name == range.Name);
            Func<double, double> scale = range.Kind == DistributionKind.LogUniform ? Math.Log : x => x;
            double width = scale(old.High) - scale(old.Low);
            Assert.InRange(scale(range.Low), scale(old.Low) - (0.5 * width) - 1e-9, scale(old.High));
            Assert.InRange(scale(range.High), scale(old.Low), scale(old.High) + (0.5 * width) + 1e-9);
            if (range.Low < old.Low || range.High > old.High)
            {
                var lines = yaml.Split('\n');
                int at = Array.FindIndex(lines, l => l.StartsWith($"  {range.Name}:", StringComparison.Ordinal));
                Assert.Contains("edge of [", lines[at - 1], StringComparison.Ordinal);
            }
        }
    }

    /// <summary>The report of each refined round links its parent; the explorer's sweep list counts the rounds.</summary>
    private static async Task AssertExplorerLinksTheChain(TempDirectory temp, string state, List<string> ids)
    {
        for (var i = 1; i < ids.Count; i++)
        {
            var output = Path.Combine(temp.Path, $"round{i + 1}.html");
            var report = await Cli.RunAsync(temp.Path, TimeSpan.FromSeconds(90), "report", ids[i], "--output", output, "--state-dir", state);
            Assert.True(report.ExitCode == 0, report.StdErr);
            Assert.Contains($"data-parent=\"{ids[i - 1]}\"", File.ReadAllText(output), StringComparison.Ordinal);
        }

        int port = TestSilo.FreePort();
        using var ui = ConsoleProcess.Start(temp.Path, "ui", "--port", port.ToString(CultureInfo.InvariantCulture), "--state-dir", state);
        await ui.WaitForLineAsync(line => line.StartsWith("explorer:", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
        using var http = new HttpClient();
        var page = await http.GetStringAsync($"http://127.0.0.1:{port}/");
        Assert.Contains($"<div class=\"muted refines\" data-round=\"3\">round 3, refines <a class=\"parent\" data-parent=\"{ids[1]}\"", page, StringComparison.Ordinal);
        Assert.Contains($"data-round=\"2\">round 2, refines <a class=\"parent\" data-parent=\"{ids[0]}\"", page, StringComparison.Ordinal);
        ui.Terminate();
        await ui.WaitForExitAsync(TimeSpan.FromSeconds(30));
    }
}
