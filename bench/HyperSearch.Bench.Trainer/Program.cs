using System.Globalization;
using System.Text.Json.Nodes;
using HyperSearch.Bench.Trainer;
using HyperSearch.Trainer.Data;
using HyperSearch.Trainer.Native;
using HyperSearch.Trainer.Training;

// docs/design.md's trainer benchmark. `throughput` (default): the reference MLP and CNN, batch 128, Adam
// lr 1e-3, 2 intra-op threads, Fashion-MNIST; the trainer (batching, metrics, checks) against a bare
// TorchSharp loop over the same tensors, alternated in one process. `accuracy`: a good CNN
// configuration on the full training set, reporting its test accuracy.
// Usage: hypersearch-bench-trainer [throughput|accuracy] [--model mlp|cnn] [--threads N] [--rounds N] [--epochs N] [--json]
var mode = args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal) ? args[0] : "throughput";
var threads = Option("--threads", 2);
var rounds = Option("--rounds", 2);
var json = args.Contains("--json");
TorchRuntime.Initialize(threads);

var results = new JsonArray();
if (mode == "throughput")
{
    var only = args.SkipWhile(a => a != "--model").Skip(1).FirstOrDefault();
    foreach (var (model, subset, epochs) in new[] { ("mlp", 55_000, 2), ("cnn", 5_000, 1) }.Where(m => only is null || m.Item1 == only))
    {
        var options = new DataSetOptions(DataSets.FashionMnist, string.Empty, subset, 5_000, SplitSeed: 1);
        var parameters = new Dictionary<string, object> { ["model"] = model };
        var data = DataSets.Prepare(options);
        var job = new TrainingJob("bench", parameters, options, epochs, Seed: 1);
        // Alternate so drift in machine load touches both alike; keep each side's best epoch.
        double trainer = 0, bare = 0;
        for (var round = 0; round < rounds; round++)
        {
            var observer = new EpochRecorder();
            TrialTrainer.Run(job, observer, CancellationToken.None);
            trainer = Math.Max(trainer, observer.Reports.Max(report => report.SamplesPerSecond));
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
    var observer = new EpochRecorder(report => Console.Error.WriteLine(string.Create(
        CultureInfo.InvariantCulture,
        $"epoch {report.Epoch}: train loss {report.TrainLoss:F4} val loss {report.ValLoss:F4} val acc {report.ValAccuracy:F4} ({report.SamplesPerSecond:F0} samples/s)")));
    var result = TrialTrainer.Run(new TrainingJob("bench-accuracy", parameters, options, epochs, Seed: 1), observer, CancellationToken.None);
    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"cnn: test accuracy {result.TestAccuracy:F4} after {result.EpochsTrained} epochs"));
    results.Add(new JsonObject { ["model"] = "cnn", ["epochs"] = result.EpochsTrained, ["testAccuracy"] = result.TestAccuracy, ["valAccuracy"] = result.LastEpoch?.ValAccuracy });
}
else
{
    Console.Error.WriteLine($"unknown mode '{mode}' (expected throughput or accuracy)");
    return 2;
}

if (json)
{
    Console.WriteLine(new JsonObject { ["mode"] = mode, ["threads"] = threads, ["results"] = results }.ToJsonString());
}

return 0;

int Option(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], CultureInfo.InvariantCulture, out var value) ? value : fallback;
}
