namespace HyperSearch.Ensembles;

/// <summary>
/// How greedy selection (<see cref="EnsembleSelector.Greedy"/>) builds an ensemble, after Caruana et
/// al., "Ensemble Selection from Libraries of Models" (ICML 2004): sorted initialisation, selection
/// with replacement for a fixed number of steps keeping the best ensemble met on the way, and
/// bagged selection.
/// </summary>
/// <param name="SortedInit">
/// Start from the best n candidates (ranked by their own validation NLL) with equal weights, n from 1
/// to this, whichever average has the lowest validation NLL.
/// </param>
/// <param name="MinMembers">
/// At least this many distinct members. When no ensemble on the selection's path has that many,
/// selection starts again from the best <paramref name="MinMembers"/> candidates, and the report
/// keeps the validation NLL the unconstrained ensemble had, so the cost is visible.
/// </param>
/// <param name="Bags">
/// 0: one selection over every candidate. N: N selections, each over a random half of the
/// candidates (at least <paramref name="MinMembers"/>), whose weights are averaged; one model that
/// happens to fit the validation images well then cannot take the whole ensemble.
/// </param>
/// <param name="Steps">Models added per selection, repeats and the initial ones included.</param>
/// <param name="Seed">Seeds the bags' draws.</param>
[GenerateSerializer, Immutable, Alias("HyperSearch.SelectionSettings")]
public sealed record class SelectionSettings(
    [property: Id(0)] int SortedInit = SelectionSettings.DefaultSortedInit,
    [property: Id(1)] int MinMembers = 1,
    [property: Id(2)] int Bags = 0,
    [property: Id(3)] int Steps = SelectionSettings.DefaultSteps,
    [property: Id(4)] int Seed = 0)
{
    public const int DefaultSortedInit = 3;

    public const int DefaultSteps = 50;

    /// <summary>More bags than this only costs time: each is a whole selection.</summary>
    public const int MaxBags = 100;

    /// <summary>The share of the candidates each bag draws (Caruana et al. used half).</summary>
    public const double BagFraction = 0.5;

    public static readonly SelectionSettings Default = new();
}
