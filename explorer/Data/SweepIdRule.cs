namespace HyperSearch.Explorer.Data;

/// <summary>
/// What the explorer accepts as a sweep id before it asks a grain about it: a grain's key becomes a
/// file name, and a page's URL can carry anything.
/// </summary>
public static class SweepIdRule
{
    /// <summary>Longest id: a 100-character name's slug plus the time and suffix, with room to spare (as the console's).</summary>
    public const int MaxLength = 160;

    public static bool IsValid(string? sweepId) =>
        sweepId is { Length: > 0 and <= MaxLength } && sweepId is not ("." or "..")
        && !sweepId.Any(c => c is '/' or '\\' || char.IsControl(c));
}
