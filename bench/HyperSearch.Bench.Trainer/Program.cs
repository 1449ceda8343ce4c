using System.Globalization;
using System.Text.Json.Nodes;
using HyperSearch.Bench.Trainer;
using HyperSearch.Trainer.Data;
using HyperSearch.Sdk;
using HyperSearch.Trainer.Native;
using HyperSearch.Trainer.Toolbox;
using HyperSearch.Trainer.Training;

// docs/design.md's trainer benchmark. `throughput` (default): the reference MLP and CNN, batch 128, Adam
// lr 1e-3, 2 intra-op threads, Fashion-MNIST; the built-in trainer, called through the SDK's ITrainer
// as a sweep calls it (batching, metrics, checks, the seam's conversions), against a bare
// TorchSharp loop over the same tensors, alternated in one process. `accuracy`: a good CNN
// configuration on the full training set, reporting its test accuracy. `command`: the per-trial
// overhead of a command trial (start to first report, stop to reaped), for `sh` and `python3`, and
// the dispatch overhead of a trial on a persistent python3 worker.
// Usage: hypersearch-bench-trainer [throughput|accuracy|command] [--model mlp|cnn] [--threads N] [--rounds N] [--epochs N] [--trials N] [--json]
var mode = args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal) ? args[0] : "throughput";
var threads = Option("--threads", 2);
var rounds = Option("--rounds", 2);
var json = args.Contains("--json");
if (mode != "command")
{
    TorchRuntime.Initialize(threads);
}

var results = new JsonArray();
if (mode == "throughput")
{
    var only = args.SkipWhile(a => a != "--model").Skip(1).FirstOrDefault();
    foreach (var (model, subset, epochs) in new[] { ("mlp", 55_000, 2), ("cnn", 5_000, 1) }.Where(m => only is null || m.Item1 == only))
    {
        var options = new DataSetOptions(DataSets.FashionMnist, string.Empty, subset, 5_000, SplitSeed: 1);
        var parameters = new Dictionary<string, object> { ["model"] = model };
        var data = DataSets.Prepare(options);
        var context = Context("bench", parameters, options, epochs);
        // Alternate so drift in machine load touches both alike; keep each side's best epoch.
        double trainer = 0, bare = 0;
        for (var round = 0; round < rounds; round++)
        {
            var reporter = new EpochRecorder();
            new ToolboxTrainer().Train(context, reporter);
            trainer = Math.Max(trainer, reporter.Reports.Max(report => report.SamplesPerSecond));
            bare = Math.Max(bare, BareLoop.Run(TrainingConfig.Parse(parameters), data, epochs, threads));
        }

        Console.Error.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{model}: trainer {trainer:F0} samples/s, bare loop {bare:F0} samples/s, ratio {trainer / bare:F3} ({threads} threads, {subset} images, best of {rounds} rounds)"));
        results.Add(new JsonObject { ["model"] = model, ["trainer"] = Math.Round(trainer), ["bare"] = Math.Round(bare), ["ratio"] = Math.Round(trainer / bare, 3) });
    }
}
else if (mode == "accuracy")
{
    var epochs = Option("--epochs", 12);
    var options = new DataSetOptions(DataSets.FashionMnist, string.Empty, TrainSubset: null, Validation: 5_000, SplitSeed: 1);
    var parameters = new Dictionary<string, object>
    {
        ["model"] = "cnn",
        ["channels"] = new long[] { 32, 64 },
        ["batch_norm"] = true,
        ["dropout"] = 0.3,
        ["optimizer"] = "adamw",
        ["lr"] = 2e-3,
        ["weight_decay"] = 1e-4,
        ["lr_schedule"] = "cosine",
        ["warmup_epochs"] = 0.5,
        ["augment"] = "flip",
        ["init"] = "kaiming",
    };
    var reporter = new EpochRecorder(report => Console.Error.WriteLine(string.Create(
        CultureInfo.InvariantCulture,
        $"epoch {report.Epoch}: {string.Join(" ", report.Metrics.Select(m => $"{m.Key} {m.Value:F4}"))} ({report.SamplesPerSecond:F0} samples/s)")));
    var result = new ToolboxTrainer().Train(Context("bench-accuracy", parameters, options, epochs), reporter);
    var testAccuracy = result.TestMetrics.GetValueOrDefault("test_accuracy", double.NaN);
    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"cnn: test accuracy {testAccuracy:F4} after {result.EpochsTrained} epochs"));
    results.Add(new JsonObject
    {
        ["model"] = "cnn", ["epochs"] = result.EpochsTrained, ["testAccuracy"] = testAccuracy, ["valAccuracy"] = reporter.Reports[^1].Metrics["val_accuracy"],
    });
}
else if (mode == "command")
{
    var trials = Option("--trials", 50);
    // Each program prints one report and then waits to be stopped, as a pruned trial would.
    var python = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
    (string Label, string[] Command)[] commands =
    [
        ("sh", ["sh", "-c", "echo epoch=1 score=1; exec sleep 600"]),
        (python, [python, "-c", "import time; print('epoch=1 score=1', flush=True); time.sleep(600)"]),
    ];
    foreach (var (label, command) in commands)
    {
        var figures = CommandOverhead.Measure(label, command, trials);
        Console.Error.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{label}: start to first report median {figures["startMedianMs"]} ms (p90 {figures["startP90Ms"]}), stop to reaped median {figures["stopMedianMs"]} ms (p90 {figures["stopP90Ms"]}), {trials} trials"));
        results.Add(figures);
    }

    var persistent = PersistentOverhead.Measure(python, trials);
    Console.Error.WriteLine(string.Create(
        CultureInfo.InvariantCulture,
        $"{persistent["command"]}: dispatch (start of the trial to its first report, less the script's own time) median {persistent["dispatchMedianMs"]} ms (p90 {persistent["dispatchP90Ms"]}), report to trial ended median {persistent["finishMedianMs"]} ms (p90 {persistent["finishP90Ms"]}), {trials} trials"));
    results.Add(persistent);
}
else
{
    Console.Error.WriteLine($"unknown mode '{mode}' (expected throughput, accuracy or command)");
    return 2;
}

if (json)
{
    Console.WriteLine(new JsonObject { ["mode"] = mode, ["threads"] = threads, ["results"] = results }.ToJsonString());
}

return 0;

static TrialContext Context(string id, Dictionary<string, object> parameters, DataSetOptions data, int epochs) => new(
    id,
    new TrialParameters(parameters),
    epochs,
    Seed: 1,
    "cpu",
    CheckpointDirectory: null,
    "val_accuracy",
    new DataSetReference(data.Name, data.Path, data.TrainSubset, data.Validation, data.SplitSeed),
    CancellationToken.None);

int Option(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], CultureInfo.InvariantCulture, out var value) ? value : fallback;
}
