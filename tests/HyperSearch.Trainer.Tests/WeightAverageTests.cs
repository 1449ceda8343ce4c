using HyperSearch.Trainer.Checkpoints;
using HyperSearch.Trainer.Data;
using HyperSearch.Trainer.Native;
using HyperSearch.Trainer.Training;
using static TorchSharp.torch;

namespace HyperSearch.Trainer.Tests;

/// <summary>The <c>ema</c> parameter: Polyak averaging of the weights (trainer/Training/WeightAverage.cs).</summary>
public sealed class WeightAverageTests
{
    public WeightAverageTests() => TorchRuntime.EnsureInitializedOnThisThread();

    [Fact]
    public void Update_MovesTheAverageTowardsTheWeightsByOneMinusTheDecay()
    {
        using var model = nn.Linear(2, 1);
        using (no_grad())
        {
            model.weight.copy_(tensor(new float[,] { { 1, 2 } }));
        }

        using var average = new WeightAverage(model, decay: 0.75);
        using (no_grad())
        {
            model.weight.copy_(tensor(new float[,] { { 5, -2 } }));
        }

        average.Update();

        Assert.Equal([2f, 1f], average.Parameters["weight"].data<float>().ToArray()); // 0.75 x (1, 2) + 0.25 x (5, -2)
        Assert.Equal([5f, -2f], model.weight.data<float>().ToArray());                 // the model keeps its own
    }

    /// <summary>
    /// Real training on Fashion-MNIST (a small CNN with batch norm): each epoch reports the averaged
    /// weights' validation figures beside the raw ones, and the checkpoint keeps whichever was best.
    /// </summary>
    [Fact]
    public void Training_ReportsTheAveragedWeightsAndCheckpointsTheBetterOnFashionMnist()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"hypersearch-ema-{Guid.NewGuid():N}");
        try
        {
            var data = new DataSetOptions(DataSets.FashionMnist, string.Empty, TrainSubset: 320, Validation: 256, SplitSeed: 9);
            var parameters = new Dictionary<string, object>
            {
                ["model"] = "cnn", ["channels"] = new long[] { 4 }, ["batch_norm"] = true, ["optimizer"] = "adam", ["lr"] = 3e-3, ["batch_size"] = 32L, ["ema"] = 0.8,
            };
            var observer = new RecordingObserver();
            var job = TestJobs.Job(parameters, data, epochs: 2) with { CheckpointDirectory = directory };

            var result = TrialTrainer.Run(job, observer, CancellationToken.None);

            Assert.Equal(TrainingOutcome.Completed, result.Outcome);
            Assert.Equal(2, observer.Reports.Count);
            Assert.All(observer.Reports, r => Assert.NotEqual(r.ValLoss, r.Diagnostics["ema_val_loss"]));
            var best = observer.Reports.Max(r => Math.Max(r.ValAccuracy, r.Diagnostics["ema_val_accuracy"]));
            var manifest = CheckpointManifest.Read(Path.Combine(directory, CheckpointFiles.Manifest));
            Assert.Equal(best, manifest.Metrics.ValAccuracy, 9);
            Assert.True(best > 0.4, $"best val accuracy {best}");
        }
        finally
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }
}
