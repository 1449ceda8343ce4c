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

    [Fact]
    public void Initialize_OnOldLibStdCxx_PatchesTheApplicationCopy()
    {
        TorchRuntime.Initialize(1);

        var systemHasVersion = LibStdCxxProbe.Defines(LibTorchSharpPatch.MissingVersion);
        var copy = LibTorchSharpPatch.FindApplicationCopies().First();
        var flags = ElfVersionNeedPatcher.ReadVersionNeeds(File.ReadAllBytes(copy))
            .Single(need => need.Version == LibTorchSharpPatch.MissingVersion).Flags;
        var weak = (flags & ElfVersionNeedPatcher.VerFlagWeak) != 0;
        Assert.True(systemHasVersion == true || weak, $"{copy} was not patched");
    }

    [Fact]
    public void Initialize_NeverTouchesTheNuGetCache()
    {
        TorchRuntime.Initialize(1);

        var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var cached = Path.Combine(cache, "torchsharp", "0.107.0", "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        Assert.SkipUnless(File.Exists(cached), $"{cached} is not there");
        var flags = ElfVersionNeedPatcher.ReadVersionNeeds(File.ReadAllBytes(cached))
            .Single(need => need.Version == LibTorchSharpPatch.MissingVersion).Flags;
        Assert.Equal(0, flags & ElfVersionNeedPatcher.VerFlagWeak);
    }
}
