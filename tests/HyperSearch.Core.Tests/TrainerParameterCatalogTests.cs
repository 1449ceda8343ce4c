using HyperSearch.Spec;

namespace HyperSearch.Core.Tests;

public sealed class TrainerParameterCatalogTests
{
    [Fact]
    public void Names_AreDesignDocsListInOrder()
    {
        Assert.Equal(
            ["lr", "weight_decay", "l1", "optimizer", "momentum", "beta1", "beta2", "batch_size", "lr_schedule",
             "model", "hidden", "channels", "kernel", "activation", "dropout", "batch_norm", "init", "augment", "preprocess"],
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
        Assert.False(TrainerParameterCatalog.TryGet("learning_rate", out _));
    }

    [Theory]
    [InlineData("lr", "> 0")]
    [InlineData("weight_decay", ">= 0")]
    [InlineData("dropout", "in [0, 1)")]
    [InlineData("momentum", "in [0, 1)")]
    [InlineData("kernel", "in [1, 27]")]
    public void RangeText_DescribesTheInterval(string name, string expected)
    {
        Assert.True(TrainerParameterCatalog.TryGet(name, out var parameter));

        Assert.Equal(expected, parameter.RangeText);
    }
}
