using HyperSearch.Trainer.Native;
using HyperSearch.Trainer.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace HyperSearch.Trainer.Tests;

public sealed class OverfitCheckTests(ITestOutputHelper output)
{
    private static readonly DataSetOptions Data = FashionMnistTests.Options(validation: 500);

    [Theory]
    [InlineData("mlp", "adam", 1e-3)]
    [InlineData("cnn", "adam", 1e-3)]
    [InlineData("mlp", "sgd", 0.1)]
    public void HealthyConfiguration_Overfits(string model, string optimizer, double lr)
    {
        // Regularization in the configuration is switched off by the check itself.
        var parameters = new Dictionary<string, object> { ["model"] = model, ["optimizer"] = optimizer, ["lr"] = lr, ["dropout"] = 0.5, ["weight_decay"] = 0.1 };

        var result = OverfitCheck.Run(parameters, Data, seed: 1, cancellationToken: TestContext.Current.CancellationToken);

        output.WriteLine(result.Summary);
        Assert.True(result.Passed, result.Summary);
        Assert.Equal(1.0, result.FinalAccuracy);
        Assert.True(result.FinalLoss <= 0.05);
        Assert.InRange(result.InitialLoss, 1.5, 3.5);
        Assert.StartsWith("overfits 20 examples", result.Summary);
    }

    [Fact]
    public void TinyLearningRate_CannotOverfit()
    {
        var result = OverfitCheck.Run(new Dictionary<string, object> { ["optimizer"] = "sgd", ["lr"] = 1e-7 }, Data, seed: 1, cancellationToken: TestContext.Current.CancellationToken);

        output.WriteLine(result.Summary);
        Assert.False(result.Passed);
        Assert.Equal(300, result.Steps);
        Assert.StartsWith("cannot overfit 20 examples", result.Summary);
    }

    [Fact]
    public void LabelsShuffledEveryStep_CannotOverfit()
    {
        // Before the generator: torch's type initializer loads libtorch, which on Debian 12 needs the project's patch first.
        TorchRuntime.EnsureInitializedOnThisThread();

        // A broken pipeline: images and labels drawn apart, so each step pairs them differently.
        using var generator = new Generator(5);
        Tensor Shuffle(Tensor labels) => labels.index_select(0, randperm(labels.shape[0], generator: generator));

        var result = OverfitCheck.Run(new Dictionary<string, object>(), Data, 1, new OverfitCheckOptions(), TrainingDevice.Cpu, Shuffle, TestContext.Current.CancellationToken);

        output.WriteLine(result.Summary);
        Assert.False(result.Passed);
        Assert.True(result.FinalAccuracy < 1.0);
    }

    [Fact]
    public void FarTooHighLearningRate_FailsTheCheck()
    {
        var result = OverfitCheck.Run(new Dictionary<string, object> { ["optimizer"] = "sgd", ["lr"] = 1e4 }, Data, seed: 1, cancellationToken: TestContext.Current.CancellationToken);

        output.WriteLine(result.Summary);
        Assert.False(result.Passed);
    }
}
