using HyperSearch.Trainer.Training;

namespace HyperSearch.Trainer.Tests;

public sealed class TrainingConfigTests
{
    [Fact]
    public void Parse_Empty_GivesDefaults()
    {
        var config = TrainingConfig.Parse(new Dictionary<string, object>());

        Assert.Equal(1e-3, config.LearningRate);
        Assert.Equal("adam", config.Optimizer);
        Assert.Equal(128, config.BatchSize);
        Assert.Equal("mlp", config.Model);
        Assert.Equal([256L], config.Hidden);
        Assert.Equal("relu", config.Activation);
        Assert.Equal(0.9, config.Momentum);
        Assert.Equal(0, config.Dropout);
    }

    [Fact]
    public void Parse_AllTypes_Reads()
    {
        var config = TrainingConfig.Parse(new Dictionary<string, object>
        {
            ["lr"] = 1L,
            ["weight_decay"] = 1e-4,
            ["optimizer"] = "Nesterov",
            ["momentum"] = 0.5,
            ["batch_size"] = 64L,
            ["hidden"] = new long[] { 512, 256 },
            ["activation"] = "tanh",
            ["dropout"] = 0.25,
            ["batch_norm"] = true,
            ["lr_schedule"] = "cosine",
        });

        Assert.Equal(1.0, config.LearningRate);
        Assert.Equal(1e-4, config.WeightDecay);
        Assert.Equal("nesterov", config.Optimizer);
        Assert.Equal(64, config.BatchSize);
        Assert.Equal([512L, 256L], config.Hidden);
        Assert.Equal("tanh", config.Activation);
        Assert.Equal(0.25, config.Dropout);
    }

    [Fact]
    public void Parse_UnknownOptimizer_ThrowsNamingParameter()
    {
        var error = Assert.Throws<InvalidTrainingConfigException>(
            () => TrainingConfig.Parse(new Dictionary<string, object> { ["optimizer"] = "lbfgs" }));

        Assert.StartsWith("optimizer: unknown value 'lbfgs'", error.Message);
    }

    [Theory]
    [InlineData("lr", 0.0)]
    [InlineData("lr", -1.0)]
    [InlineData("lr", double.NaN)]
    [InlineData("dropout", 1.0)]
    [InlineData("momentum", -0.1)]
    [InlineData("weight_decay", -1e-3)]
    public void Parse_OutOfRange_ThrowsNamingParameter(string name, double value)
    {
        var error = Assert.Throws<InvalidTrainingConfigException>(
            () => TrainingConfig.Parse(new Dictionary<string, object> { [name] = value }));

        Assert.StartsWith(name, error.Message);
    }

    [Fact]
    public void Parse_WrongType_Throws()
    {
        var error = Assert.Throws<InvalidTrainingConfigException>(
            () => TrainingConfig.Parse(new Dictionary<string, object> { ["batch_size"] = "big" }));

        Assert.StartsWith("batch_size must be an integer", error.Message);
    }

    [Fact]
    public void Parse_UnknownParameter_Throws()
    {
        var error = Assert.Throws<InvalidTrainingConfigException>(
            () => TrainingConfig.Parse(new Dictionary<string, object> { ["learning_rate"] = 0.1 }));

        Assert.StartsWith("unknown parameter 'learning_rate'", error.Message);
    }

    [Fact]
    public void Parse_UnknownActivationAndModel_Throw()
    {
        Assert.Throws<InvalidTrainingConfigException>(
            () => TrainingConfig.Parse(new Dictionary<string, object> { ["activation"] = "gelu" }));
        Assert.Throws<InvalidTrainingConfigException>(
            () => TrainingConfig.Parse(new Dictionary<string, object> { ["model"] = "resnet" }));
    }
}
