using HyperSearch.Trainer.Native;
using TorchSharp;

namespace HyperSearch.Trainer.Tests;

public sealed class TorchRuntimeTests
{
    [Fact]
    public void Initialize_LoadsTorchSharp()
    {
        TorchRuntime.Initialize(1);

        using var x = torch.arange(4, dtype: torch.float32);
        using var sum = x.sum();
        Assert.Equal(6f, sum.item<float>());
    }
}
