using System.Diagnostics;
using HyperSearch.Trainer.Data;
using HyperSearch.Trainer.Training;

namespace HyperSearch.Trainer.Tests;

public sealed class FashionMnistTests(ITestOutputHelper output)
{
    public static DataSetOptions Options(int? trainSubset = null, int validation = 5_000, int splitSeed = 1) =>
        new(DataSets.FashionMnist, string.Empty, trainSubset, validation, splitSeed);

    [Fact]
    public void Verify_RealFiles_Has60000And10000Images()
    {
        var clock = Stopwatch.StartNew();

        var summary = DataSets.Verify(Options(trainSubset: 20_000));

        output.WriteLine($"verify (load if not cached): {clock.Elapsed.TotalSeconds:F2} s");
        Assert.Equal(60_000, summary.TrainImages);
        Assert.Equal(10_000, summary.TestImages);
        Assert.Equal(20_000, summary.Train);
        Assert.Equal(5_000, summary.Validation);
        Assert.Equal("/usr/share/datasets/fashion-mnist", summary.Source);
    }

    [Fact]
    public void Load_RealFiles_ReadsEveryImageAndLabel()
    {
        var clock = Stopwatch.StartNew();
        var data = IdxDataSetLoadForTest();
        output.WriteLine($"uncached load: {clock.Elapsed.TotalSeconds:F2} s");

        Assert.Equal(60_000 * 784, data.TrainImages.Pixels.Length);
        Assert.Equal(10_000, data.TestLabels.Length);
        // Fashion-MNIST is balanced: 6,000 training images per class.
        Assert.All(data.TrainLabels.CountBy(label => label), pair => Assert.Equal(6_000, pair.Value));
    }

    [Fact]
    public void Verify_SplitLargerThanData_Throws()
    {
        var error = Assert.Throws<DataSetException>(() => DataSets.Verify(Options(trainSubset: 58_000, validation: 5_000)));

        Assert.Contains("exceeds the 60000 training images", error.Message);
    }

    // Goes around the cache so the figure printed is a real read of the four files.
    private static LoadedDataSet IdxDataSetLoadForTest() =>
        IdxDataSetFiles.Load(DataSets.FashionMnist, "/usr/share/datasets/fashion-mnist", isDefaultPath: true);
}
