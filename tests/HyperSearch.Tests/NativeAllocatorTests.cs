using HyperSearch.Trainer.Native;

namespace HyperSearch.Tests;

/// <summary>The glibc malloc settings CPU training needs, and every launcher in the repository that must set them.</summary>
public sealed class NativeAllocatorTests
{
    [Theory]
    [InlineData(NativeAllocator.Tunables, true)]
    [InlineData("glibc.cpu.hwcaps=-AVX512F:" + NativeAllocator.Tunables, true)]
    [InlineData("glibc.malloc.arena_max=1:glibc.malloc.mmap_max=0", false)]
    [InlineData("glibc.malloc.arena_max=2:glibc.malloc.mmap_max=0:glibc.malloc.trim_threshold=17179869184", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void IsTuned_OnlyWithEverySetting(string? value, bool expected) =>
        Assert.Equal(expected, NativeAllocator.IsTuned(value));

    [Theory]
    [InlineData("hypersearch")]
    [InlineData("run-tests")]
    [InlineData("deploy/docker/Dockerfile.silo")]
    [InlineData("deploy/docker/Dockerfile.client")]
    [InlineData("bench/trainer.sh")]
    [InlineData("bench/resume.sh")]
    [InlineData("bench/allocator.sh")]
    public void Launcher_SetsTheSettings(string launcher)
    {
        var text = File.ReadAllText(RepoFiles.PathOf(launcher.Split('/')));
        Assert.Contains("GLIBC_TUNABLES", text);
        Assert.Contains(NativeAllocator.Tunables, text);
    }
}
