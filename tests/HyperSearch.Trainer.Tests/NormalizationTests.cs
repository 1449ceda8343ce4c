using HyperSearch.Trainer.Data;
using HyperSearch.Trainer.Training;

namespace HyperSearch.Trainer.Tests;

public sealed class NormalizationTests
{
    [Fact]
    public void Fit_UsesOnlyTheGivenRows()
    {
        // Image 0 is all 0, image 1 all 255, image 2 all 51: the rows chosen decide the statistics.
        var pixels = new byte[3 * 4];
        Array.Fill(pixels, (byte)255, 4, 4);
        Array.Fill(pixels, (byte)51, 8, 4);
        var images = new IdxImages(3, 2, 2, pixels);

        var fitted = Normalization.Fit(images, [0, 2]);

        Assert.Equal(0.1, fitted.Mean, 12);
        Assert.Equal(0.1, fitted.StandardDeviation, 12);
    }

    [Fact]
    public void Prepare_StatisticsComeFromTrainingSubsetOnly()
    {
        var options = new DataSetOptions("synthetic", string.Empty, TrainSubset: 500, Validation: 300, SplitSeed: 5);

        var prepared = DataSets.Prepare(options);

        var source = prepared.Source.TrainImages;
        var trainMean = prepared.Split.Train
            .SelectMany(row => source.Pixels.Skip(row * 784).Take(784))
            .Average(pixel => pixel / 255.0);
        var validationMean = prepared.Split.Validation
            .SelectMany(row => source.Pixels.Skip(row * 784).Take(784))
            .Average(pixel => pixel / 255.0);
        Assert.Equal(trainMean, prepared.Normalization.Mean, 9);
        Assert.NotEqual(validationMean, prepared.Normalization.Mean, 9);
        // Normalized training features then have mean 0 and standard deviation 1.
        using var mean = prepared.Train.Features.mean();
        using var deviation = prepared.Train.Features.std(unbiased: false);
        Assert.Equal(0, mean.item<float>(), 3);
        Assert.Equal(1, deviation.item<float>(), 3);
    }
}
