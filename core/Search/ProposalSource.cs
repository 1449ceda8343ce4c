namespace HyperSearch.Search;

/// <summary>
/// What produced a trial's configuration, so a user sees when a model-based search stopped
/// drawing at random and its model took over.
/// </summary>
public enum ProposalSource
{
    /// <summary>A random draw from the declared space: random search, or a model's start-up trials.</summary>
    Random,

    /// <summary>The next point of a grid.</summary>
    Grid,

    /// <summary>A random draw inside ranges narrowed around the best trials (coarse-to-fine after its first round).</summary>
    Narrowed,

    /// <summary>A model of the results so far chose it (TPE, Gaussian process).</summary>
    Model,

    /// <summary>A configuration the spec listed under <c>seed_trials:</c>, run before the searcher proposes any.</summary>
    Seed,
}
