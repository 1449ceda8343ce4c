using System.Text.Json;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Running;
using HyperSearch.Bench.Orchestration;
using HyperSearch.Bench.Orchestration.Micro;

// Orchestration benchmarks (bench/orchestration.sh). `micro [BenchmarkDotNet args]` runs the
// micro-benchmarks instead; anything else is BenchOptions.
if (args is ["micro", .. var rest])
{
    var config = new MicroConfig();
    BenchmarkSwitcher.FromAssembly(typeof(MicroConfig).Assembly).Run(rest.Length == 0 ? ["--filter", "*"] : rest, config);
    MicroConfig.KeepReport(config.ArtifactsPath, Path.Combine("bench", "results", "micro.md"));
    return 0;
}

BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 2;
}

var recorder = new CallRecorder();
using var leaseWaits = new LeaseWaitListener(recorder);
var runner = new ScenarioRunner(recorder, options.Explorer);
var scenarios = new Scenarios(options, runner, Console.Out);
var results = new JsonObject
{
    ["machine"] = new JsonObject
    {
        ["cores"] = Environment.ProcessorCount,
        ["os"] = System.Runtime.InteropServices.RuntimeInformation.OSDescription,
        ["dotnet"] = Environment.Version.ToString(),
        ["loadAverageAtStart"] = Stats.LoadAverage(),
    },
    ["startedUtc"] = DateTime.UtcNow.ToString("O"),
    ["explorerOpen"] = options.Explorer,
};
var started = DateTime.UtcNow;
foreach (var scenario in BenchOptions.AllScenarios.Concat(BenchOptions.ExtraScenarios).Where(options.Scenarios.Contains))
{
    results[scenario] = await scenarios.RunAsync(scenario);
    Write(results, options.Output);
}

results["elapsedSeconds"] = Math.Round((DateTime.UtcNow - started).TotalSeconds, 1);
results["machine"]!["loadAverageAtEnd"] = Stats.LoadAverage();
Write(results, options.Output);
Console.WriteLine($"results: {Path.GetFullPath(options.Output)} ({results["elapsedSeconds"]} s)");
return 0;

static void Write(JsonObject results, string path)
{
    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
    File.WriteAllText(path, results.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
}
