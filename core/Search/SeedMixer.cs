namespace HyperSearch.Search;

/// <summary>
/// Derives independent seeds from a sweep seed, so that what trial N gets depends only on
/// (seed, N): not on how many trials ran before it, which slot asked, or whether the sweep was
/// restarted in between.
/// </summary>
public static class SeedMixer
{
    /// <summary>
    /// A non-negative seed for <see cref="Random"/> (whose seeded algorithm .NET keeps stable across
    /// versions), from SplitMix64's finalizer over both inputs: neighbouring trial numbers give
    /// unrelated streams.
    /// </summary>
    public static int Mix(int seed, int stream)
    {
        unchecked
        {
            ulong z = ((ulong)(uint)seed << 32) | (uint)stream;
            z += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            z ^= z >> 31;
            return (int)(z & int.MaxValue);
        }
    }
}
