using System.IO.Compression;
using System.Text.Json.Nodes;

namespace HyperSearch.Tests;

/// <summary>The console as a user meets it: real command lines, exit codes and output.</summary>
public sealed class CliTests
{
    private static readonly TimeSpan Quick = TimeSpan.FromSeconds(60);

    public static TheoryData<string, string, string> BrokenSpecs => new()
    {
        { "unknown key", "data:\n  dataset: fashion-mnist\n  colour: blue", "data.colour" },
        { "lower above upper", "space:\n  lr: { uniform: [0.5, 0.1] }", "space.lr.uniform" },
        { "non-positive log bound", "space:\n  lr: { loguniform: [0, 0.1] }", "space.lr.loguniform" },
        { "unknown optimizer", "space:\n  optimizer: { choice: [adam, adamx] }", "space.optimizer" },
        { "zero trials", "budget: { trials: 0, max_epochs: 1 }", "budget.trials" },
        { "missing data directory", "data:\n  dataset: fashion-mnist\n  path: /nonexistent/fashion", "data.path" },
    };

    [Theory]
    [MemberData(nameof(BrokenSpecs))]
    public async Task Validate_BrokenSpec_ExitsTwoWithOneLineNamingTheKey(string why, string section, string key)
    {
        using var temp = new TempDirectory();
        var spec = temp.File("broken.yaml", BrokenSpec(section));

        foreach (var command in new[] { "validate", "run" })
        {
            var result = await Cli.RunAsync(temp.Path, Quick, command, spec);

            Assert.True(result.ExitCode == 2, $"{command} on a spec with {why}: exit {result.ExitCode}, stderr: {result.StdErr}");
            var line = Assert.Single(result.ErrorLines);
            Assert.Contains(key, line);
            Assert.DoesNotMatch(@"^\s*at \S+\(|Exception", result.StdErr);
        }
    }

    [Fact]
    public async Task Validate_CorruptDataFile_ExitsTwoNamingTheFile()
    {
        using var temp = new TempDirectory();
        var data = Directory.CreateDirectory(Path.Combine(temp.Path, "data")).FullName;
        foreach (var file in Directory.GetFiles("/usr/share/datasets/fashion-mnist"))
        {
            File.Copy(file, Path.Combine(data, Path.GetFileName(file)));
        }

        // Cut the training labels short: a truncated download.
        var labels = Path.Combine(data, "train-labels-idx1-ubyte.gz");
        using (var output = new GZipStream(File.Create(labels), CompressionLevel.Fastest))
        {
            output.Write([0, 0, 8, 1, 0, 0, 0xEA, 0x60, 1, 2, 3]);
        }

        var spec = temp.File("spec.yaml", BrokenSpec($"data:\n  dataset: fashion-mnist\n  path: {data}"));
        var result = await Cli.RunAsync(temp.Path, Quick, "validate", spec);

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.Contains("train-labels-idx1-ubyte.gz", line);
    }

    [Fact]
    public async Task Run_Json_PrintsTheSummaryAsTheLastLine()
    {
        using var temp = new TempDirectory();
        var spec = temp.File("small.yaml", Specs.SmallYaml(trials: 3, epochs: 2));

        var result = await Cli.RunAsync(temp.Path, TimeSpan.FromMinutes(4), "run", spec, "--json", "--slots", "2");

        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}: {result.StdErr}");
        var summary = JsonNode.Parse(result.OutLines[^1])!.AsObject();
        Assert.Equal("small", (string?)summary["name"]);
        Assert.Equal("completed", (string?)summary["status"]);
        Assert.Equal(3, (int?)summary["trials"]!["total"]);
        Assert.Equal(3, (int?)summary["trials"]!["completed"]);
        Assert.Equal(6, (int?)summary["epochsTrained"]);
        var best = summary["best"]!;
        Assert.InRange((double)best["metrics"]!["val_accuracy"]!, 0.5, 1.0);
        Assert.InRange((double)best["metrics"]!["test_accuracy"]!, 0.5, 1.0);
        Assert.InRange((double)best["params"]!["lr"]!, 3.0e-4, 3.0e-3);
        Assert.Equal(2, (int?)best["epochs"]);
        Assert.Null(summary["ensemble"]);

        // People read the ranked table on stderr, since stdout carries the JSON.
        Assert.Contains("val_acc", result.StdErr);
        Assert.Contains(best["trialId"]!.ToString(), result.StdErr);
    }

    [Fact]
    public async Task RunWithEnsemble_SummaryCarriesItAndEvaluateReproducesIt()
    {
        using var temp = new TempDirectory();
        var spec = temp.File("ensemble.yaml", Specs.SmallYaml(trials: 4, epochs: 2, extra: "ensemble: { top_k: 3, method: greedy }"));

        var run = await Cli.RunAsync(temp.Path, TimeSpan.FromMinutes(4), "run", spec, "--json", "--slots", "2");

        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}: {run.StdErr}");
        var ensemble = JsonNode.Parse(run.OutLines[^1])!["ensemble"]!;
        Assert.Equal("greedy", (string?)ensemble["method"]);
        Assert.NotEmpty(ensemble["members"]!.AsArray());
        var testAccuracy = (double)ensemble["metrics"]!["test_accuracy"]!;
        var testNll = (double)ensemble["metrics"]!["test_nll"]!;
        Assert.Contains("best single", run.StdErr);
        // Every candidate of the top 3 is judged: a member, or left out with the ensemble's NLL had it been added.
        var candidates = ensemble["candidates"]!.AsArray();
        Assert.Equal(3, candidates.Count);
        Assert.All(candidates, c => Assert.True((double)c!["weight"]! > 0 ? c["ensembleValNllIfAdded"] is null : c["ensembleValNllIfAdded"] is not null));
        Assert.Equal(ensemble["members"]!.AsArray().Count, candidates.Count(c => (double)c!["weight"]! > 0));
        Assert.Contains("selection on validation", run.StdErr);

        var evaluate = await Cli.RunAsync(temp.Path, TimeSpan.FromMinutes(2), "evaluate", (string)ensemble["manifest"]!, "--json");

        Assert.True(evaluate.ExitCode == 0, $"exit {evaluate.ExitCode}: {evaluate.StdErr}");
        var again = JsonNode.Parse(evaluate.OutLines[^1])!;
        Assert.Equal(testAccuracy, (double)again["metrics"]!["test_accuracy"]!);
        Assert.Equal(testNll, (double)again["metrics"]!["test_nll"]!);

        // The same ensemble rebuilt and scored with mirror images at test time too; an unknown augmentation is a usage error.
        var sweepId = (string)JsonNode.Parse(run.OutLines[^1])!["sweepId"]!;
        var flipped = await Cli.RunAsync(temp.Path, TimeSpan.FromMinutes(2), "ensemble", sweepId, "--top", "3", "--test-time-augmentation", "flip", "--json");
        var rotated = await Cli.RunAsync(temp.Path, Quick, "ensemble", sweepId, "--test-time-augmentation", "rotate");

        Assert.True(flipped.ExitCode == 0, $"exit {flipped.ExitCode}: {flipped.StdErr}");
        var rebuilt = JsonNode.Parse(flipped.OutLines[^1])!;
        Assert.Equal(ensemble["members"]!.ToJsonString(), rebuilt["members"]!.ToJsonString());
        Assert.Equal(testAccuracy, (double)rebuilt["metrics"]!["test_accuracy"]!);
        var augmented = rebuilt["testTimeAugmentation"]!;
        Assert.Equal("flip", (string)augmented["augmentation"]!);
        Assert.NotEqual(testNll, (double)augmented["test_nll"]!);
        Assert.Contains("flip at test", flipped.StdErr);
        Assert.Equal(2, rotated.ExitCode);

        // At least two members on request; more members than candidates is a usage error, one line.
        var two = await Cli.RunAsync(temp.Path, TimeSpan.FromMinutes(2), "ensemble", sweepId, "--top", "3", "--min-members", "2", "--json");
        var tooMany = await Cli.RunAsync(temp.Path, Quick, "ensemble", sweepId, "--top", "3", "--min-members", "4");

        Assert.True(two.ExitCode == 0, $"exit {two.ExitCode}: {two.StdErr}");
        Assert.True(JsonNode.Parse(two.OutLines[^1])!["members"]!.AsArray().Count >= 2);
        Assert.Equal(2, tooMany.ExitCode);
        Assert.Contains("--min-members: must be at most --top (3), got 4", tooMany.StdErr);
    }

    [Fact]
    public async Task UnknownCommand_ExitsTwo()
    {
        using var temp = new TempDirectory();
        var result = await Cli.RunAsync(temp.Path, Quick, "frobnicate");
        Assert.Equal(2, result.ExitCode);
    }

    /// <summary>A valid small spec with one section replaced.</summary>
    private static string BrokenSpec(string section)
    {
        var sections = new Dictionary<string, string>
        {
            ["name"] = "name: broken",
            ["data"] = "data:\n  dataset: fashion-mnist\n  train_subset: 500\n  validation: 100",
            ["budget"] = "budget: { trials: 2, max_epochs: 1 }",
            ["space"] = "space:\n  lr: { loguniform: [1.0e-4, 1.0e-2] }",
        };
        var replaced = section.Split(':')[0];
        sections[replaced] = section;
        return string.Join("\n", sections.Values) + "\n";
    }
}
