using HyperSearch.Trainer.Data;
using HyperSearch.Trainer.Models;
using HyperSearch.Trainer.Native;
using HyperSearch.Trainer.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace HyperSearch.Trainer.Tests;

public sealed class RegularizationTests
{
    public RegularizationTests() => TorchRuntime.EnsureInitializedOnThisThread();

    [Fact]
    public void L1_AddsItsPenaltyToTheTrainingLoss()
    {
        // A learning rate too small to move the weights: the loss difference is the penalty itself.
        var plain = new Dictionary<string, object> { ["optimizer"] = "sgd", ["lr"] = 1e-9 };
        var withL1 = new Dictionary<string, object>(plain) { ["l1"] = 1e-3 };

        var without = TestJobs.Run(plain, seed: 5);
        var with = TestJobs.Run(withL1, seed: 5);

        using var model = TrialTrainer.CreateModel(TrainingConfig.Parse(plain), new ImageShape(1, 28, 28), 10, seed: 5, CPU);
        var weights = new WeightLayers(model);
        double norm;
        using (var scope = NewDisposeScope())
        {
            norm = weights.L1Norm().item<float>();
        }

        Assert.Equal(["fc1", "out"], weights.Layers.Select(l => l.Name));
        Assert.Equal(1e-3 * norm, with.LastEpoch!.TrainLoss - without.LastEpoch!.TrainLoss, 1e-3 * norm * 0.001);
        // The first-loss check reads the data loss, penalty or not.
        Assert.Equal(without.InitialLoss, with.InitialLoss, 1e-6);
    }

    [Fact]
    public void L1_ShrinksTheWeights()
    {
        var observer = new RecordingObserver();
        var strong = TestJobs.Run(new() { ["l1"] = 1e-3, ["optimizer"] = "sgd", ["lr"] = 0.05 }, epochs: 2, observer: observer);
        var none = TestJobs.Run(new() { ["optimizer"] = "sgd", ["lr"] = 0.05 }, epochs: 2);

        Assert.Equal(TrainingOutcome.Completed, strong.Outcome);
        // Weaker fit on the training data than without the penalty: the penalty pulls weights to 0.
        Assert.True(strong.LastEpoch!.TrainLoss > none.LastEpoch!.TrainLoss);
    }

    [Fact]
    public void Augmentation_KeepsShapesAndChangesPixelsDeterministically()
    {
        var shape = new ImageShape(3, 8, 8);
        using var batch = arange(4 * shape.Features, ScalarType.Float32).reshape(4, shape.Features);

        using var first = Augmentation.Create("crop_flip", shape, seed: 7)!;
        using var again = Augmentation.Create("crop_flip", shape, seed: 7)!;
        using var other = Augmentation.Create("crop_flip", shape, seed: 8)!;
        using var a = first.Apply(batch);
        using var b = again.Apply(batch);
        using var c = other.Apply(batch);

        Assert.Equal(batch.shape, a.shape);
        Assert.False(a.eq(batch).all().item<bool>(), "augmentation changed nothing");
        Assert.True(a.eq(b).all().item<bool>(), "same seed, different pixels");
        Assert.False(a.eq(c).all().item<bool>(), "different seeds, same pixels");
    }

    [Fact]
    public void Flip_MirrorsImagesOrLeavesThemAlone()
    {
        var shape = new ImageShape(1, 4, 4);
        using var batch = arange(16 * shape.Features, ScalarType.Float32).reshape(16, shape.Features);
        using var flip = Augmentation.Create("flip", shape, seed: 1)!;

        using var flipped = flip.Apply(batch);

        using var mirrored = batch.view(16, 1, 4, 4).flip(3).reshape(16, 16);
        var flippedRows = 0;
        for (var i = 0; i < 16; i++)
        {
            var same = flipped[i].eq(batch[i]).all().item<bool>();
            var mirror = flipped[i].eq(mirrored[i]).all().item<bool>();
            Assert.True(same || mirror, $"row {i} is neither the image nor its mirror");
            flippedRows += mirror ? 1 : 0;
        }

        Assert.InRange(flippedRows, 1, 15);
    }

    [Fact]
    public void Crop_ShiftsWithinThePaddingAndFillsWithZero()
    {
        var shape = new ImageShape(1, 16, 16);
        using var batch = ones(64, shape.Features);
        using var crop = Augmentation.Create("crop", shape, seed: 3)!;

        using var cropped = crop.Apply(batch);

        // Padding 2: each image keeps at least 14x14 ones and at most 16x16.
        var counts = cropped.sum([1]).data<float>().ToArray();
        Assert.All(counts, count => Assert.InRange(count, 14 * 14, 16 * 16));
        Assert.Contains(counts, count => count < 256);
        Assert.Equal(2, crop.Padding);
    }

    [Fact]
    public void Training_WithAugmentation_IsRepeatableBySeed()
    {
        var parameters = new Dictionary<string, object> { ["augment"] = "crop_flip", ["l1"] = 1e-5, ["lr_schedule"] = "cosine" };

        var first = TestJobs.Run(parameters, epochs: 2, seed: 9);
        var second = TestJobs.Run(parameters, epochs: 2, seed: 9);
        var other = TestJobs.Run(parameters, epochs: 2, seed: 10);

        Assert.Equal(first.LastEpoch!.TrainLoss, second.LastEpoch!.TrainLoss, 1e-6);
        Assert.Equal(first.LastEpoch.ValLoss, second.LastEpoch.ValLoss, 1e-6);
        Assert.NotEqual(first.LastEpoch.TrainLoss, other.LastEpoch!.TrainLoss, 1e-6);
    }

    [Fact]
    public void Training_WithAugmentationAndDropout_Learns()
    {
        // Real images: shifted and mirrored clothes are still clothes (the synthetic clusters have no spatial structure).
        var data = FashionMnistTests.Options(trainSubset: 2_000, validation: 500);
        var result = TestJobs.Run(new() { ["model"] = "cnn", ["channels"] = new long[] { 8 }, ["augment"] = "crop_flip", ["dropout"] = 0.2 }, data, epochs: 1);

        Assert.Equal(TrainingOutcome.Completed, result.Outcome);
        Assert.True(result.LastEpoch!.ValAccuracy > 0.5, $"val accuracy {result.LastEpoch.ValAccuracy}");
    }
}
