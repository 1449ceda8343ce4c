using System.Diagnostics;
using HyperSearch.Trainer.Data;
using HyperSearch.Trainer.Models;
using HyperSearch.Trainer.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace HyperSearch.Bench.Trainer;

/// <summary>
/// The baseline of docs/design.md's benchmark: the plainest TorchSharp loop over the same prepared
/// tensors (shuffle, index, forward, loss, backward, Adam step), with nothing the trainer adds
/// (no metrics, checks, schedule or validation).
/// </summary>
public static class BareLoop
{
    /// <returns>The best epoch's training samples per second.</returns>
    public static double Run(TrainingConfig config, PreparedDataSet data, int epochs, int threads)
    {
        set_num_threads(threads);
        random.manual_seed(1);
        using var model = ModelFactory.Create(config, data.Shape, data.Classes);
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
