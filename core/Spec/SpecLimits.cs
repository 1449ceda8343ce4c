namespace HyperSearch.Spec;

/// <summary>
/// Upper bounds on what a spec may ask for, so a typo (an extra zero, a pasted file) is a clear spec
/// error from <c>validate</c> and <c>run</c> alike rather than gigabytes allocated or a path the file
/// system refuses. Each is far beyond any sweep that could run: a million trials at one second each
/// is eleven days of one slot.
/// </summary>
public static class SpecLimits
{
    /// <summary>Characters in <c>name</c>: it becomes part of the sweep id, file names and metric labels.</summary>
    public const int NameLength = 100;

    public const int Trials = 1_000_000;

    public const int MaxEpochs = 1_000_000;

    public const int Parallelism = 100_000;

    /// <summary>Grid values per numeric parameter (a grid of 3 parameters at this size is already 10^9 points).</summary>
    public const int GridPoints = 1_000;

    public const int Rounds = 1_000;

    public const int TopK = 10_000;

    /// <summary>Bytes in a spec file: a sweep spec is a page of YAML.</summary>
    public const int FileBytes = 1 << 20;

    /// <summary>Levels of nested lists and mappings: a spec uses four or five; the YAML reader recurses once per level.</summary>
    public const int Nesting = 64;
}
