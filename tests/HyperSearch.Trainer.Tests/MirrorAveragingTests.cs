using HyperSearch.Trainer.Checkpoints;
using HyperSearch.Trainer.Data;
using HyperSearch.Trainer.Native;
using HyperSearch.Trainer.Training;
using static TorchSharp.torch;

namespace HyperSearch.Trainer.Tests;

/// <summary>Test-time augmentation with mirror images: each row's probabilities are the mean of the image's and its mirror image's.</summary>
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
    public void PredictMirrorAveraged_IsTheMeanOfThePlainAndTheMirroredPredictions()
    {
        var directory = Path.Combine(_store, "t000");
        var job = TestJobs.Job(new Dictionary<string, object> { ["model"] = "cnn", ["channels"] = new long[] { 4 }, ["lr"] = 3e-3 }) with { CheckpointDirectory = directory };
        TrialTrainer.Run(job, new RecordingObserver(), CancellationToken.None);
        using var checkpoint = Checkpoint.Load(directory);
        var data = DataSets.Load(checkpoint.Manifest.Data.ToOptions());
        var shape = checkpoint.Manifest.Data.Shape;
        var plainData = LabeledTensors.Create(data.TestImages, data.TestLabels, null, checkpoint.Preprocessing);
        var mirroredData = new LabeledTensors(ModelEvaluator.Mirror(plainData.Features, shape), plainData.Labels);
        var classes = checkpoint.Manifest.Data.Classes;

        var plain = ModelEvaluator.Predict(checkpoint.Model, plainData, classes);
        var mirrored = ModelEvaluator.Predict(checkpoint.Model, mirroredData, classes);
        var averaged = checkpoint.PredictTest(averageMirrored: true);

        var expected = plain.Probabilities.Zip(mirrored.Probabilities, (a, b) => (a + b) / 2).ToArray();
        Assert.Equal(expected.Length, averaged.Probabilities.Length);
        Assert.All(expected.Zip(averaged.Probabilities), pair => Assert.Equal(pair.First, pair.Second, 5));
        // The synthetic images are not mirror-symmetric, so the views disagree somewhere and the mean is a third prediction.
        Assert.NotEqual(plain.Probabilities, averaged.Probabilities);
        var labels = data.TestLabels;
        var correct = Enumerable.Range(0, labels.Length).Count(row => ArgMax(expected, row, classes) == labels[row]);
        Assert.Equal((double)correct / labels.Length, averaged.Evaluation.Accuracy, 9);
        var loss = Enumerable.Range(0, labels.Length).Average(row => -Math.Log(expected[(row * classes) + labels[row]]));
        Assert.Equal(loss, averaged.Evaluation.Loss, 4);
    }

    private static int ArgMax(float[] probabilities, int row, int classes) =>
        Enumerable.Range(0, classes).MaxBy(c => probabilities[(row * classes) + c]);
}
