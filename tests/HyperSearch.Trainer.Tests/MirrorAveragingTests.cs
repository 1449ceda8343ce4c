using HyperSearch.Trainer.Checkpoints;
using HyperSearch.Trainer.Data;
using HyperSearch.Trainer.Native;
using HyperSearch.Trainer.Training;
using static TorchSharp.torch;

namespace HyperSearch.Trainer.Tests;

/// <summary>Test-time augmentation with mirror images: the trainer predicts each image flipped left to right (the evaluator averages that with the saved plain prediction).</summary>
public sealed class MirrorAveragingTests : IDisposable
{
    private readonly string _store = Directory.CreateTempSubdirectory("mirror-test-").FullName;

    // Before any tensor: torch's type initializer loads libtorch, which on Debian 12 needs the project's patch first.
    public MirrorAveragingTests() => TorchRuntime.EnsureInitializedOnThisThread();

    public void Dispose() => Directory.Delete(_store, recursive: true);

    [Fact]
    public void Mirror_FlipsEachImageLeftToRight()
    {
        // Two 1x2x3 images, row-major: mirroring reverses each row of pixels.
        using var features = tensor(new float[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 }, [2, 6]);

        using var mirrored = ModelEvaluator.Mirror(features, new ImageShape(1, 2, 3));

        Assert.Equal(new float[] { 3, 2, 1, 6, 5, 4, 9, 8, 7, 12, 11, 10 }, mirrored.data<float>().ToArray());
    }

    [Fact]
    public void PredictTestMirrored_IsAPlainPredictionOfTheMirroredImages()
    {
        var directory = Path.Combine(_store, "t000");
        var job = TestJobs.Job(new Dictionary<string, object> { ["model"] = "cnn", ["channels"] = new long[] { 4 }, ["lr"] = 3e-3 }) with { CheckpointDirectory = directory };
        TrialTrainer.Run(job, new RecordingObserver(), CancellationToken.None);
        using var checkpoint = Checkpoint.Load(directory);
        var data = DataSets.Load(checkpoint.Manifest.Data.ToOptions());
        var plainData = LabeledTensors.Create(data.TestImages, data.TestLabels, null, checkpoint.Preprocessing);
        var mirroredData = new LabeledTensors(ModelEvaluator.Mirror(plainData.Features, checkpoint.Manifest.Data.Shape), plainData.Labels);
        var classes = checkpoint.Manifest.Data.Classes;

        var plain = ModelEvaluator.Predict(checkpoint.Model, plainData, classes);
        var expected = ModelEvaluator.Predict(checkpoint.Model, mirroredData, classes);
        var mirrored = checkpoint.PredictTest(mirrored: true);

        Assert.Equal(expected.Probabilities, mirrored.Probabilities);
        Assert.Equal(expected.Evaluation, mirrored.Evaluation);
        // The synthetic images are not mirror-symmetric, so the two views disagree: averaging them (the evaluator's part) changes the prediction.
        Assert.NotEqual(plain.Probabilities, mirrored.Probabilities);
        var labels = data.TestLabels;
        var correct = Enumerable.Range(0, labels.Length).Count(row => ArgMax(mirrored.Probabilities, row, classes) == labels[row]);
        Assert.Equal((double)correct / labels.Length, mirrored.Evaluation.Accuracy, 9);
    }

    private static int ArgMax(float[] probabilities, int row, int classes) =>
        Enumerable.Range(0, classes).MaxBy(c => probabilities[(row * classes) + c]);
}
