using HyperSearch.Trainer.Native;
using HyperSearch.Trainer.Data;
using HyperSearch.Trainer.Training;
using TorchSharp;

namespace HyperSearch.Trainer.Tests;

public sealed class PreprocessingTests
{
    // Before any tensor: torch's type initializer loads libtorch, which on Debian 12 needs the project's patch first.
    public PreprocessingTests() => TorchRuntime.EnsureInitializedOnThisThread();

    [Fact]
    public void Standardize_UsesOnlyTheGivenRows()
    {
        // Image 0 is all 0, image 1 all 255, image 2 all 51: the rows chosen decide the statistics.
        var pixels = new byte[3 * 4];
        Array.Fill(pixels, (byte)255, 4, 4);
        Array.Fill(pixels, (byte)51, 8, 4);
        var images = new IdxImages(3, 2, 2, pixels);

        var fitted = Preprocessing.Fit(Preprocessing.Standardize, images, [0, 2]);

        Assert.Equal(0.1, Assert.Single(fitted.Mean), 12);
        Assert.Equal(0.1, Assert.Single(fitted.Scale), 12);
    }

    [Fact]
    public void Standardize_ThreeChannels_FitsEachChannel()
    {
        // One 1x2 image, channels constant 0, 255 and alternating 0/255.
        var images = new IdxImages(1, 1, 2, [0, 0, 255, 255, 0, 255]) { Channels = 3 };

        var fitted = Preprocessing.Fit(Preprocessing.Standardize, images, [0]);

        Assert.Equal([0.0, 1.0, 0.5], fitted.Mean);
        Assert.Equal([1.0, 1.0, 0.5], fitted.Scale); // constant channels keep scale 1
        using var features = fitted.Apply(images, null);
        Assert.Equal([0f, 0f, 0f, 0f, -1f, 1f], features.data<float>().ToArray());
    }

    [Fact]
    public void MeanImage_SubtractsEachPositionsMean()
    {
        // Two 1x2 images: (0, 100) and (50, 200); the mean image is (25, 150)/255.
        var images = new IdxImages(2, 1, 2, [0, 100, 50, 200]);

        var fitted = Preprocessing.Fit(Preprocessing.MeanImage, images, [0, 1]);

        Assert.Equal([25 / 255.0, 150 / 255.0], fitted.Mean, new Tolerance(1e-12));
        using var features = fitted.Apply(images, null);
        var values = features.data<float>().ToArray();
        // Centred: (-25, -50, 25, 50)/255, divided by their deviation sqrt((25² + 50²)/2)/255.
        var deviation = Math.Sqrt(((25.0 * 25) + (50.0 * 50)) / 2);
        Assert.Equal([-25 / deviation, -50 / deviation, 25 / deviation, 50 / deviation], values.Select(v => (double)v), new Tolerance(1e-6));
    }

    [Fact]
    public void Prepare_StatisticsComeFromTrainingSubsetOnly()
    {
        var options = new DataSetOptions("synthetic", string.Empty, TrainSubset: 500, Validation: 300, SplitSeed: 5);

        var prepared = DataSets.Prepare(options);

        var source = prepared.Source.TrainImages;
        var trainMean = prepared.Split.Train.SelectMany(row => source.Pixels.Skip(row * 784).Take(784)).Average(pixel => pixel / 255.0);
        var validationMean = prepared.Split.Validation.SelectMany(row => source.Pixels.Skip(row * 784).Take(784)).Average(pixel => pixel / 255.0);
        Assert.Equal(trainMean, prepared.Preprocessing.Mean[0], 9);
        Assert.NotEqual(validationMean, prepared.Preprocessing.Mean[0], 9);
        // Standardized training features then have mean 0 and standard deviation 1.
        using var mean = prepared.Train.Features.mean();
        using var deviation = prepared.Train.Features.std(unbiased: false);
        Assert.Equal(0, mean.item<float>(), 3);
        Assert.Equal(1, deviation.item<float>(), 3);
    }

    [Fact]
    public void Prepare_MeanImage_CentresEveryTrainingPixelPosition()
    {
        var options = new DataSetOptions("synthetic", string.Empty, TrainSubset: 500, Validation: 300, SplitSeed: 5);

        var prepared = DataSets.Prepare(options, Preprocessing.MeanImage);

        Assert.Equal(Preprocessing.MeanImage, prepared.Preprocessing.Kind);
        Assert.Equal(784, prepared.Preprocessing.Mean.Length);
        using var columnMeans = prepared.Train.Features.mean([0]);
        using var largest = columnMeans.abs().max();
        Assert.True(largest.item<float>() < 1e-4, $"largest column mean {largest.item<float>()}");
        // The validation rows were not fitted: their positions are not centred exactly.
        using var validationMeans = prepared.Validation.Features.mean([0]);
        using var validationLargest = validationMeans.abs().max();
        Assert.True(validationLargest.item<float>() > 1e-3);
    }

    private sealed class Tolerance(double epsilon) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= epsilon;

        public int GetHashCode(double obj) => 0;
    }
}
