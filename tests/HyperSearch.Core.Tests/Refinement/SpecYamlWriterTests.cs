using HyperSearch.Spec;

namespace HyperSearch.Core.Tests.Refinement;

/// <summary>What <see cref="SpecYamlWriter"/> writes reads back, through the real parser, to the spec it was written from.</summary>
public sealed class SpecYamlWriterTests
{
    [Fact]
    public void DesignExample_RoundTripsThroughTheParser()
    {
        var spec = SpecParser.Parse(TestSpecs.DesignExample, TestSpecs.Lenient);

        var yaml = SpecYamlWriter.Write(spec);
        var again = SpecParser.Parse(yaml, TestSpecs.Lenient);

        AssertSame(spec, again);
        Assert.Equal(yaml, SpecYamlWriter.Write(again));
    }

    [Fact]
    public void CommandTrainerPbtAndAwkwardValues_RoundTrip()
    {
        const string text = """
            name: "odd: name # not a comment"
            parent: earlier-20261207-230501-ab12
            trainer:
              command: [python3, "train \"it\".py", --verbose, "a b"]
              workdir: /tmp
              env: { OMP_NUM_THREADS: 1, "A B": "x: y" }
              metrics: [val_f1, { name: val_perplexity, goal: min }]
              grace: 3s
              report_timeout: 1h2m3s
              persistent: true
              max_trials_per_process: 7
            budget: { trials: 4, max_epochs: 6, parallelism: 3, time_limit: 90m, epochs: 20 }
            search: { strategy: tpe, seed: -3, startup_trials: 2, multivariate: true, constant_liar: false }
            scheduler: { type: pbt, interval_epochs: 3, quantile: 0.2, resample_probability: 0 }
            space:
              lr: { loguniform: [1.0e-7, 0.3] }
              depth: { int: [1, 12] }
              words: { choice: ["yes", "true", "2", "a \"quoted\" word", plain] }
              numbers: { choice: [2.0, 0.5, 3] }
              flag: { choice: [true, false] }
              fixed: { value: [64, 32] }
              gated: { uniform: [0, 1], when: { words: ["yes", plain] } }
            checkpoints: { resume: true, every_epochs: 2 }
            """;
        var spec = SpecParser.Parse(text, TestSpecs.AllDirectoriesExist);

        var again = SpecParser.Parse(SpecYamlWriter.Write(spec), TestSpecs.AllDirectoriesExist);

        AssertSame(spec, again);
        Assert.Equal("odd: name # not a comment", again.Name);
        Assert.Equal("earlier-20261207-230501-ab12", again.Parent);
        // Quoted words stay text, 2.0 stays a number (not the whole number 2), true stays a flag.
        Assert.All(again.Space.Single(p => p.Name == "words").Options, o => Assert.Equal(ParamKind.Text, o.Kind));
        Assert.Equal([ParamKind.Number, ParamKind.Number, ParamKind.Integer], again.Space.Single(p => p.Name == "numbers").Options.Select(o => o.Kind));
        Assert.Equal(ParamKind.Bool, again.Space.Single(p => p.Name == "flag").Options[0].Kind);
    }

    [Fact]
    public void Comments_GoAboveTheirKeys()
    {
        var spec = SpecParser.Parse(TestSpecs.DesignExample, TestSpecs.Lenient);

        var yaml = SpecYamlWriter.Write(spec, ["round 2"], key => key == "space.lr" ? ["best 5 of 40 trials had lr in [2e-3, 9e-3]"] : []);
        var lines = yaml.Split('\n');

        Assert.Equal("# round 2", lines[0]);
        int lr = Array.FindIndex(lines, l => l.StartsWith("  lr:", StringComparison.Ordinal));
        Assert.Equal("  # best 5 of 40 trials had lr in [2e-3, 9e-3]", lines[lr - 1]);
        AssertSame(spec, SpecParser.Parse(yaml, TestSpecs.Lenient));
    }

    [Theory]
    [InlineData("parent: \"\"")]
    [InlineData("parent: a/b")]
    [InlineData("parent: two words")]
    public void BadParent_IsOneErrorNamingTheKey(string line)
    {
        var errors = TestSpecs.Errors(TestSpecs.Minimal(extra: line));

        Assert.Equal("parent", Assert.Single(errors).Split(':')[0]);
    }
    [Fact]
    public void EnsembleSelectionAndSnapshots_RoundTrip()
    {
        var spec = TestSpecs.Parse(TestSpecs.Minimal(
            space: "lr_schedule: { choice: [cosine, cosine_restarts] }",
            extra: "ensemble: { top_k: 5, method: greedy, sorted_init: 2, min_members: 3, bags: 4, snapshots: 2 }"));

        var again = TestSpecs.Parse(SpecYamlWriter.Write(spec));

        AssertSame(spec, again);
        Assert.Equal((2, 3, 4), (again.Ensemble!.Selection!.SortedInit, again.Ensemble.Selection.MinMembers, again.Ensemble.Selection.Bags));
        Assert.Equal(2, again.Ensemble.Snapshots);
    }

    /// <summary>Every field, arrays compared by content (records compare arrays by reference).</summary>
    internal static void AssertSame(SweepSpec expected, SweepSpec actual)
    {
        Assert.Equal(expected with { Space = [], Trainer = null }, actual with { Space = [], Trainer = null });
        Assert.Equal(expected.Space.Length, actual.Space.Length);
        foreach (var (e, a) in expected.Space.Zip(actual.Space))
        {
            Assert.Equal(e with { Options = [], When = [] }, a with { Options = [], When = [] });
            Assert.Equal(e.Options.Length, a.Options.Length);
            Assert.All(e.Options.Zip(a.Options), pair => Assert.True(pair.First.SameAs(pair.Second), $"{e.Name}: {pair.First} vs {pair.Second}"));
            Assert.Equal(e.When.Select(c => c.Parameter + "=" + string.Join(",", c.Values.Select(v => v.ToString()))), a.When.Select(c => c.Parameter + "=" + string.Join(",", c.Values.Select(v => v.ToString()))));
        }

        if (expected.Trainer?.Command is { } command)
        {
            var other = actual.Trainer!.Command!;
            Assert.Equal(command.Arguments, other.Arguments);
            Assert.Equal(command.Environment, other.Environment);
            Assert.Equal(command.Metrics, other.Metrics);
            Assert.Equal(
                (command.WorkingDirectory, command.Grace, command.ReportTimeout, command.Persistent, command.MaxTrialsPerProcess),
                (other.WorkingDirectory, other.Grace, other.ReportTimeout, other.Persistent, other.MaxTrialsPerProcess));
        }
        else
        {
            Assert.Equal(expected.Trainer, actual.Trainer);
        }
    }
}
