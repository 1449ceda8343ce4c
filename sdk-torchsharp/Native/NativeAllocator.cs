namespace HyperSearch.Trainer.Native;

/// <summary>
/// The glibc malloc settings that CPU training needs, which libtorch allocates its tensors and
/// scratch buffers with. glibc reads them from <c>GLIBC_TUNABLES</c> when a process starts, so
/// whatever launches a silo sets it: <c>./hypersearch</c>, <c>./run-tests</c>, the container images.
/// </summary>
/// <remarks>
/// A convolution on the CPU unfolds its input into a scratch buffer (im2col) of rows x output pixels
/// x kernel weights: 18 MiB for the reference CNN's second layer at batch 128. With glibc's defaults
/// a training thread (not the process's first) allocates from its own arena, whose heaps are at
/// most 64 MiB and are unmapped as soon as they fall empty, and larger buffers are mapped and
/// unmapped per call; so every forward and backward pass faulted in and zeroed fresh pages.
/// One arena, no mmap and no trimming keep those buffers in the process for the next batch.
/// Measured on this project's 2-core machine (README, "Measured figures"): one CNN trial of 1,000
/// images took 60-65 s without the settings and 11 s with them (bench/allocator.sh), most of it the evaluation of 15,000
/// validation and test images. <c>mallopt</c> from inside the process cannot do the same: by then the
/// runtime's threads have made their arenas, and new threads reuse them.
/// The cost: a trainer's memory stays at its peak instead of shrinking between batches.
/// </remarks>
public static class NativeAllocator
{
    /// <summary>The settings, in <c>GLIBC_TUNABLES</c> syntax.</summary>
    public const string Tunables = "glibc.malloc.arena_max=1:glibc.malloc.mmap_max=0:glibc.malloc.trim_threshold=17179869184";

    private static readonly string[] Settings = Tunables.Split(':');

    /// <summary>Whether <paramref name="glibcTunables"/> (the variable's value, or null) holds every setting.</summary>
    public static bool IsTuned(string? glibcTunables) =>
        glibcTunables is not null && Settings.All(setting => glibcTunables.Split(':').Contains(setting));

    /// <summary>What a silo logs when this process started without the settings on Linux; null when it has them.</summary>
    public static string? MissingSettingsWarning()
    {
        if (!OperatingSystem.IsLinux() || IsTuned(Environment.GetEnvironmentVariable("GLIBC_TUNABLES")))
        {
            return null;
        }

        return $"GLIBC_TUNABLES lacks {Tunables}: convolutional trials on the CPU may run several times slower "
            + "(./hypersearch and the container images set it; see README, \"Run a cluster\")";
    }
}
