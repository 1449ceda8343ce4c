using HyperSearch.Trainer.Data;
using HyperSearch.Trainer.Toolbox;

namespace HyperSearch.Trainer.Tests.Steps;

/// <summary>
/// The toolbox schema (trainer/Toolbox/ToolboxSchema.cs, compiled into the core tests too, without
/// TorchSharp) spells out the augmentation and preprocessing words the data code in sdk-torchsharp/ knows.
/// </summary>
public sealed class DataKindsTests
{
    [Fact]
    public void ToolboxSchema_NamesExactlyTheKindsTheDataCodeKnows()
    {
        Assert.Equal(Augmentation.Kinds, ToolboxSchema.Augment.Words);
        Assert.Equal(Preprocessing.Kinds, ToolboxSchema.Preprocess.Words);
    }
}
