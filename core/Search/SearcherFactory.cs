using HyperSearch.Spec;

namespace HyperSearch.Search;

/// <summary>
/// Builds the searcher a spec asks for. This table is the one place that says which strategies
/// exist: the spec parser asks <see cref="IsAvailable"/> too, so registering a searcher here is
/// all it takes to make its name valid in specs.
/// </summary>
public static class SearcherFactory
{
    private static readonly Dictionary<SearchStrategy, Func<SweepSpec, ISearcher>> Builders = new()
    {
        [SearchStrategy.Random] = spec => new RandomSearcher(spec),
        [SearchStrategy.Grid] = spec => new GridSearcher(spec),
        [SearchStrategy.CoarseToFine] = spec => new CoarseToFineSearcher(spec),
        [SearchStrategy.Tpe] = spec => new TpeSearcher(spec),
        [SearchStrategy.Gp] = spec => new GpSearcher(spec),
    };

    public static IReadOnlyList<SearchStrategy> Available { get; } = Builders.Keys.Order().ToArray();

    public static bool IsAvailable(SearchStrategy strategy) => Builders.ContainsKey(strategy);

    /// <summary>The strategies that learn from observations through a model, and so from a warm start.</summary>
    public static bool IsModelBased(SearchStrategy strategy) => strategy is SearchStrategy.Tpe or SearchStrategy.Gp;

    /// <param name="warm">Earlier sweeps' trials inside the spec's space (<c>warm_start:</c>), for a model-based strategy.</param>
    /// <exception cref="SpecException">The spec names a strategy with no implementation.</exception>
    public static ISearcher Create(SweepSpec spec, IReadOnlyList<TrialObservation>? warm = null)
    {
        var searcher = Builders.TryGetValue(spec.Search.Strategy, out var build)
            ? build(spec)
            : throw new SpecException(new SpecError("search.strategy", $"{SpecNames.Of(spec.Search.Strategy)} is not available yet"));
        return spec.SeedTrials is { Length: > 0 } || warm is { Count: > 0 }
            ? new PriorKnowledgeSearcher(searcher, IsModelBased(spec.Search.Strategy), spec.SeedTrials ?? [], warm ?? [])
            : searcher;
    }
}
