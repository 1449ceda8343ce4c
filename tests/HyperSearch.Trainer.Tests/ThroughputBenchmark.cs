using System.Diagnostics;
using HyperSearch.Trainer.Data;
using HyperSearch.Trainer.Models;
using HyperSearch.Trainer.Native;
using HyperSearch.Trainer.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace HyperSearch.Trainer.Tests;

/// <summary>
/// DESIGN.md's benchmark: the trainer against a bare TorchSharp loop over the same tensors, side by
/// side in one process. Explicit (run with <c>-- --explicit only</c>): timings need a quiet machine.
/// </summary>
public sealed class ThroughputBenchmark(ITestOutputHelper output)
{
    private const int Threads = 2;

    [Theory(Explicit = true)]
    [InlineData("mlp", 55_000, 2)]
    [InlineData("cnn", 5_000, 1)]
    public void Trainer_IsWithinTenPercentOfBareLoop(string model, int trainSubset, int epochs)
    {
        TorchRuntime.Initialize(Threads);
        var options = new DataSetOptions(DataSets.FashionMnist, string.Empty, trainSubset, 5_000, SplitSeed: 1);
        var parameters = new Dictionary<string, object> { ["model"] = model };
        var data = DataSets.Prepare(options);
        var job = new TrainingJob("bench", parameters, options, epochs, Seed: 1);

        // Alternate so drift in machine load touches both alike; keep each side's best epoch.
        double trainer = 0, bare = 0;
        for (var round = 0; round < 2; round++)
        {
            var observer = new RecordingObserver();
            TrialTrainer.Run(job, observer, CancellationToken.None);
            trainer = Math.Max(trainer, observer.Reports.Max(report => report.SamplesPerSecond));
            bare = Math.Max(bare, BareLoop(TrainingConfig.Parse(parameters), data, epochs));
        }

        output.WriteLine($"{model}: trainer {trainer:F0} samples/s, bare loop {bare:F0} samples/s, ratio {trainer / bare:F3}");
        Assert.True(trainer >= 0.9 * bare, $"trainer {trainer:F0} vs bare {bare:F0} samples/s");
    }

    /// <returns>The best epoch's training samples per second.</returns>
    private static double BareLoop(TrainingConfig config, PreparedDataSet data, int epochs)
    {
        torch.set_num_threads(Threads);
        random.manual_seed(1);
        using var model = ModelFactory.Create(config, data.FeatureCount, data.Classes);
        using var optimizer = optim.Adam(model.parameters(), config.LearningRate);
        var train = data.Train;
        var best = 0.0;
        for (var epoch = 0; epoch < epochs; epoch++)
        {
            model.train();
            var clock = Stopwatch.StartNew();
            using var order = randperm(train.Count);
            for (var start = 0; start < train.Count; start += config.BatchSize)
            {
                using var scope = NewDisposeScope();
                var rows = order.narrow(0, start, Math.Min(config.BatchSize, train.Count - start));
                optimizer.zero_grad();
                var loss = nn.functional.cross_entropy(model.forward(train.Features.index_select(0, rows)), train.Labels.index_select(0, rows));
                loss.backward();
                optimizer.step();
            }

            best = Math.Max(best, train.Count / clock.Elapsed.TotalSeconds);
        }

        return best;
    }
}
