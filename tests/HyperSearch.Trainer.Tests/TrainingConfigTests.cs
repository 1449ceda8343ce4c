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
    public void Parse_ToolboxParameters_Reads()
    {
        var config = TrainingConfig.Parse(new Dictionary<string, object>
        {
            ["l1"] = 1e-5,
            ["eps"] = 1e-6,
            ["decay_rate"] = 0.9,
            ["lr_schedule"] = "inverse_time",
            ["lr_decay"] = 1L,
            ["lr_step"] = 4L,
            ["warmup_epochs"] = 0.5,
            ["batch_norm"] = true,
            ["init"] = "Kaiming",
            ["augment"] = "flip",
            ["preprocess"] = "mean_image",
            ["activation"] = "prelu",
            ["optimizer"] = "adamw",
        });

        Assert.Equal(1e-5, config.L1);
        Assert.Equal(1e-6, config.Eps);
        Assert.Equal(0.9, config.DecayRate);
        Assert.Equal("inverse_time", config.Schedule);
        Assert.Equal(1.0, config.LrDecay);
        Assert.Equal(4, config.LrStep);
        Assert.Equal(0.5, config.WarmupEpochs);
        Assert.True(config.BatchNorm);
        Assert.Equal("kaiming", config.Init);
        Assert.Equal("flip", config.Augment);
        Assert.Equal("mean_image", config.Preprocess);
        Assert.True(config.IsRegularized);
        Assert.False(config.WithoutRegularization().IsRegularized);
    }

    [Theory]
    [InlineData(true, "crop_flip")]
    [InlineData(false, "none")]
    public void Parse_AugmentFlag_MeansAllOrNothing(bool flag, string expected)
    {
        Assert.Equal(expected, TrainingConfig.Parse(new Dictionary<string, object> { ["augment"] = flag }).Augment);
    }

    [Fact]
    public void Parse_ToolboxDefaults_ChangeNothing()
    {
        var config = TrainingConfig.Parse(new Dictionary<string, object>());

        Assert.Equal(("constant", "default", "none", "standardize", false, 0.0, 0.0), (config.Schedule, config.Init, config.Augment, config.Preprocess, config.BatchNorm, config.L1, config.WarmupEpochs));
        Assert.Null(config.Eps);
        Assert.Null(config.LrStep);
        Assert.Equal((false, 1, 128), (config.SamePadding, config.ConvsPerBlock, config.HeadWidth));
    }

    [Fact]
    public void Parse_CnnArchitecture_Reads()
    {
        var config = TrainingConfig.Parse(new Dictionary<string, object>
        {
            ["model"] = "cnn", ["padding"] = "same", ["convs_per_block"] = 2L, ["head_width"] = 256L,
        });

        Assert.Equal((true, 2, 256), (config.SamePadding, config.ConvsPerBlock, config.HeadWidth));
    }

    [Theory]
    [InlineData("lr_decay", 0.0)]
    [InlineData("lr_decay", 1.5)]
    [InlineData("eps", 0.0)]
    [InlineData("decay_rate", 1.0)]
    [InlineData("warmup_epochs", -1.0)]
    [InlineData("l1", -1e-3)]
    public void Parse_ToolboxOutOfRange_ThrowsNamingParameter(string name, double value)
    {
        var error = Assert.Throws<InvalidTrainingConfigException>(
            () => TrainingConfig.Parse(new Dictionary<string, object> { [name] = value }));

        Assert.StartsWith(name, error.Message);
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
            () => TrainingConfig.Parse(new Dictionary<string, object> { ["model"] = "vit" }));
    }
}
