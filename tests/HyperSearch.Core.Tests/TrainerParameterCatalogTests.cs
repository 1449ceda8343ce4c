using HyperSearch.Spec;

namespace HyperSearch.Core.Tests;

public sealed class TrainerParameterCatalogTests
{
    [Fact]
    public void Names_AreDesignDocsListInOrderThenTheDetails()
    {
        Assert.Equal(
            ["lr", "weight_decay", "l1", "optimizer", "momentum", "beta1", "beta2", "batch_size", "lr_schedule",
             "model", "hidden", "channels", "kernel", "activation", "dropout", "batch_norm", "init", "augment", "preprocess",
             "eps", "decay_rate", "lr_decay", "lr_step", "warmup_epochs"],
            TrainerParameterCatalog.Names);
    }

    [Fact]
    public void CategoricalParameters_UseTheCatalogsWordLists()
    {
        Assert.True(TrainerParameterCatalog.TryGet("optimizer", out var optimizer));
        Assert.True(TrainerParameterCatalog.TryGet("model", out var model));
        Assert.True(TrainerParameterCatalog.TryGet("activation", out var activation));

        Assert.Same(TrainerParameterCatalog.Optimizers, optimizer.Words);
        Assert.Same(TrainerParameterCatalog.Models, model.Words);
        Assert.Same(TrainerParameterCatalog.Activations, activation.Words);
        Assert.Contains("adamw", optimizer.Words!);
        Assert.Contains("prelu", activation.Words!);
        Assert.True(TrainerParameterCatalog.TryGet("lr_schedule", out var schedule));
        Assert.Same(TrainerParameterCatalog.LearningRateSchedules, schedule.Words);
        Assert.True(TrainerParameterCatalog.TryGet("init", out var init));
        Assert.Same(TrainerParameterCatalog.Initializations, init.Words);
        Assert.True(TrainerParameterCatalog.TryGet("augment", out var augment));
        Assert.Same(TrainerParameterCatalog.Augmentations, augment.Words);
        Assert.True(TrainerParameterCatalog.TryGet("preprocess", out var preprocess));
        Assert.Same(TrainerParameterCatalog.Preprocessings, preprocess.Words);
        Assert.False(TrainerParameterCatalog.TryGet("learning_rate", out _));
    }

    [Theory]
    [InlineData("lr", "> 0")]
    [InlineData("weight_decay", ">= 0")]
    [InlineData("dropout", "in [0, 1)")]
    [InlineData("momentum", "in [0, 1)")]
    [InlineData("kernel", "in [1, 27]")]
    [InlineData("lr_decay", "in (0, 1]")]
    [InlineData("eps", "in (0, 1)")]
    [InlineData("warmup_epochs", "in [0, 100000)")]
    public void RangeText_DescribesTheInterval(string name, string expected)
    {
        Assert.True(TrainerParameterCatalog.TryGet(name, out var parameter));

        Assert.Equal(expected, parameter.RangeText);
    }
}
