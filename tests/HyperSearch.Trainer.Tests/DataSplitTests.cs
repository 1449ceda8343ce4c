using HyperSearch.Trainer.Data;

namespace HyperSearch.Trainer.Tests;

public sealed class DataSplitTests
{
    [Fact]
    public void Create_SameSeed_GivesSameSplit()
    {
        var first = DataSplit.Create(60_000, 5_000, 10_000, seed: 7);
        var second = DataSplit.Create(60_000, 5_000, 10_000, seed: 7);

        Assert.Equal(first.Train, second.Train);
        Assert.Equal(first.Validation, second.Validation);
    }

    [Fact]
    public void Create_DifferentSeed_GivesDifferentSplit()
    {
        var first = DataSplit.Create(60_000, 5_000, 10_000, seed: 7);
        var second = DataSplit.Create(60_000, 5_000, 10_000, seed: 8);

        Assert.NotEqual(first.Validation, second.Validation);
        Assert.NotEqual(first.Train, second.Train);
    }

    [Fact]
    public void Create_Sets_AreDisjointAndSized()
    {
        var split = DataSplit.Create(60_000, 5_000, 10_000, seed: 3);

        Assert.Equal(10_000, split.Train.Length);
        Assert.Equal(5_000, split.Validation.Length);
        Assert.Equal(15_000, split.Train.Concat(split.Validation).Distinct().Count());
        Assert.All(split.Train.Concat(split.Validation), index => Assert.InRange(index, 0, 59_999));
    }

    [Fact]
    public void Create_ValidationInTraining_TrainsOnTheSameSubsetPlusTheValidationImages()
    {
        var usual = DataSplit.Create(60_000, 5_000, 10_000, seed: 3);
        var retrain = DataSplit.Create(60_000, 5_000, 10_000, seed: 3, validationInTraining: true);

        Assert.Equal(usual.Validation, retrain.Validation);
        Assert.Equal(usual.Validation.Concat(usual.Train), retrain.Train);
    }

    [Fact]
    public void Create_NoSubset_TrainsOnTheRest()
    {
        var split = DataSplit.Create(1_000, 100, null, seed: 1);

        Assert.Equal(900, split.Train.Length);
        Assert.Equal(Enumerable.Range(0, 1_000), split.Train.Concat(split.Validation).Order());
    }

    [Fact]
    public void Create_TooLarge_ThrowsWithSizes()
    {
        var error = Assert.Throws<DataSetException>(() => DataSplit.Create(60_000, 10_000, 55_000, seed: 1));

        Assert.Equal("validation (10000) + train_subset (55000) exceeds the 60000 training images", error.Message);
    }

    [Fact]
    public void Create_NoValidation_Throws()
    {
        Assert.Throws<DataSetException>(() => DataSplit.Create(100, 0, 10, seed: 1));
    }
}
