using HyperSearch.Trainer.Checkpoints;
using HyperSearch.Trainer.Data;
using HyperSearch.Trainer.Training;

namespace HyperSearch.Trainer.Tests;

public sealed class CheckpointTests : IDisposable
{
    private readonly string _store = Directory.CreateTempSubdirectory("checkpoint-test-").FullName;

    public void Dispose() => Directory.Delete(_store, recursive: true);

    [Fact]
    public void Checkpoint_ReloadsAndReproducesItsTestAccuracyExactly()
    {
        // A CNN with batch norm (buffers must be saved too) on mean-image preprocessing (saved statistics).
        var parameters = new Dictionary<string, object>
        {
            ["model"] = "cnn",
            ["channels"] = new long[] { 6 },
            ["batch_norm"] = true,
            ["preprocess"] = "mean_image",
            ["lr"] = 3e-3,
        };
        var directory = Path.Combine(_store, "sweep", "t000", "attempt-1");
        var job = TestJobs.Job(parameters, epochs: 3) with { CheckpointDirectory = directory };
        var observer = new RecordingObserver();

        var result = TrialTrainer.Run(job, observer, CancellationToken.None);

        var summary = result.Checkpoint!;
        Assert.Equal(directory, summary.Directory);
        var bestEpoch = observer.Reports.MaxBy(r => r.ValAccuracy)!;
        Assert.Equal(bestEpoch.Epoch, summary.Epoch);
        Assert.Equal(bestEpoch.ValAccuracy, summary.ValAccuracy, 12);
        Assert.Empty(Directory.GetDirectories(Path.GetDirectoryName(directory)!, ".*")); // no temporary left behind

        using var checkpoint = Checkpoint.Load(directory);
        var test = checkpoint.PredictTest();
        var validation = checkpoint.PredictValidation();

        Assert.Equal(summary.TestAccuracy, test.Evaluation.Accuracy);
        Assert.Equal(summary.TestLoss, test.Evaluation.Loss, 9);
        Assert.Equal(summary.ValAccuracy, validation.Evaluation.Accuracy);
        Assert.Equal("mean_image", checkpoint.Preprocessing.Kind);
        Assert.Equal(DataSets.Prepare(TestJobs.Synthetic, "mean_image").Preprocessing.Mean, checkpoint.Preprocessing.Mean);
        Assert.True(checkpoint.Config.BatchNorm);
        var saved = NpyFile.ReadFloat32(Path.Combine(directory, CheckpointFiles.TestProbabilities));
        Assert.Equal(saved.Values, test.Probabilities);
    }

    [Fact]
    public void Result_TestFiguresAreTheCheckpointsWhenTheBestEpochIsNotTheLast()
    {
        // A learning rate high enough that validation accuracy moves around from epoch to epoch.
        var parameters = new Dictionary<string, object> { ["optimizer"] = "sgd", ["lr"] = 0.5, ["hidden"] = new long[] { 32 } };
        var directory = Path.Combine(_store, "not-last");
        var observer = new RecordingObserver();

        var result = TrialTrainer.Run(TestJobs.Job(parameters, epochs: 6) with { CheckpointDirectory = directory }, observer, CancellationToken.None);

        var best = observer.Reports.MaxBy(r => r.ValAccuracy)!;
        Assert.NotEqual(observer.Reports[^1].Epoch, best.Epoch); // else this test proves nothing
        Assert.Equal(best.Epoch, result.Checkpoint!.Epoch);
        // The trial's test figures are the model it keeps (the one ensembles and evaluate reload), not its last epoch's.
        Assert.Equal(result.Checkpoint.TestAccuracy, result.TestAccuracy);
        Assert.Equal(result.Checkpoint.TestLoss, result.TestLoss);
        using var checkpoint = Checkpoint.Load(directory);
        Assert.Equal(result.TestAccuracy!.Value, checkpoint.PredictTest().Evaluation.Accuracy);
    }

    [Fact]
    public void Probabilities_HaveOneRowPerExampleSummingToOne()
    {
        var directory = Path.Combine(_store, "probabilities");
        var job = TestJobs.Job([], epochs: 1) with { CheckpointDirectory = directory };

        TrialTrainer.Run(job, new RecordingObserver(), CancellationToken.None);

        var (validation, validationShape) = NpyFile.ReadFloat32(Path.Combine(directory, CheckpointFiles.ValidationProbabilities));
        var (test, testShape) = NpyFile.ReadFloat32(Path.Combine(directory, CheckpointFiles.TestProbabilities));
        var (validationLabels, _) = NpyFile.ReadInt64(Path.Combine(directory, CheckpointFiles.ValidationLabels));
        var (testLabels, _) = NpyFile.ReadInt64(Path.Combine(directory, CheckpointFiles.TestLabels));
        var (rows, _) = NpyFile.ReadInt64(Path.Combine(directory, CheckpointFiles.ValidationRows));
        Assert.Equal([500L, 10L], validationShape);
        Assert.Equal([(long)SyntheticDataSet.TestCount, 10L], testShape);
        Assert.All(validation.Chunk(10).Concat(test.Chunk(10)), row => Assert.Equal(1.0, row.Sum(p => (double)p), 1e-5));
        var data = DataSets.Load(TestJobs.Synthetic);
        Assert.Equal(data.TestLabels.Select(l => (long)l), testLabels);
        Assert.Equal(rows.Select(r => (long)data.TrainLabels[r]), validationLabels);
        // The saved probabilities score as the manifest says.
        var manifest = CheckpointManifest.Read(Path.Combine(directory, CheckpointFiles.Manifest));
        var correct = test.Chunk(10).Select((row, i) => Array.IndexOf(row, row.Max()) == testLabels[i]).Count(hit => hit);
        Assert.Equal(manifest.Metrics.TestAccuracy, (double)correct / testLabels.Length, 9);
        Assert.Equal("trial-1", manifest.TrialId);
        Assert.Equal(new ImageShape(1, 28, 28), manifest.Data.Shape);
    }

    [Fact]
    public void Manifest_KeepsParametersAsTheTrainerReadsThem()
    {
        var parameters = new Dictionary<string, object>
        {
            ["lr"] = 1.0, ["hidden"] = new long[] { 32, 16 }, ["augment"] = true, ["optimizer"] = "adamw", ["batch_size"] = 64L, ["dropout"] = 0.25,
        };

        var json = CheckpointManifest.ParametersToJson(parameters);
        var manifest = new CheckpointManifest(1, "t", 1, 1, "val_accuracy", new(0, 0, 0, 0), json, new("synthetic", "", null, 1, 1, 10, new(1, 28, 28), 1, 1),
            new Preprocessing("none", new(1, 28, 28), [0], [1]), 1, "cpu", DateTime.UnixEpoch);
        var path = Path.Combine(_store, "manifest.json");
        manifest.Write(path);

        var read = CheckpointManifest.Read(path);

        var config = TrainingConfig.Parse(read.TrainingParameters());
        Assert.Equal(1.0, config.LearningRate);
        Assert.Equal([32L, 16L], config.Hidden);
        Assert.Equal("crop_flip", config.Augment);
        Assert.Equal("adamw", config.Optimizer);
        Assert.Equal(64, config.BatchSize);
        Assert.Equal(0.25, config.Dropout);
    }

    [Fact]
    public void Load_NotACheckpoint_SaysSo()
    {
        Assert.Throws<InvalidDataException>(() => Checkpoint.Load(_store));
    }

    [Fact]
    public void NoCheckpointDirectory_WritesNothing()
    {
        var result = TestJobs.Run([], epochs: 1);

        Assert.Null(result.Checkpoint);
    }

    [Fact]
    public void NpyFile_RoundTripsWithAlignedHeader()
    {
        var path = Path.Combine(_store, "x.npy");

        NpyFile.WriteFloat32(path, [1f, 2.5f, -3f, 0f, 1e-7f, 6f], 2, 3);

        var (values, shape) = NpyFile.ReadFloat32(path);
        Assert.Equal([1f, 2.5f, -3f, 0f, 1e-7f, 6f], values);
        Assert.Equal([2L, 3L], shape);
        Assert.Equal(0, (new FileInfo(path).Length - (6 * 4)) % 64);
        Assert.Throws<InvalidDataException>(() => NpyFile.ReadInt64(path));
    }
}
