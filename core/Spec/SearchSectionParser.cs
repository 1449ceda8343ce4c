using HyperSearch.Search;

namespace HyperSearch.Spec;

/// <summary>Reads <c>search:</c>: the strategy that proposes configurations and its settings.</summary>
internal static class SearchSectionParser
{
    public static readonly IReadOnlyList<string> Keys = ["strategy", "seed", "grid_points", "rounds", "top_k", "startup_trials", "multivariate", "constant_liar"];

    public const int DefaultGridPoints = 3;
    public const int DefaultRounds = 3;
    public const int DefaultTopK = 3;

    public static SearchSpec Read(MappingReader search, SpecParseOptions options)
    {
        string? name = search.Word("strategy", SpecNames.Strategies.Keys, "strategy");
        var strategy = name is null ? SearchStrategy.Random : SpecNames.Strategies[name];
        if (options.RequireAvailableStrategies && !SearcherFactory.IsAvailable(strategy))
        {
            string available = SpecFormat.List(SearcherFactory.Available.Select(SpecNames.Of));
            search.Errors.Add(search.PathOf("strategy"), $"{name} is not available yet (available: {available})");
        }

        return new SearchSpec(
            strategy,
            search.Int("seed", min: int.MinValue) ?? 0,
            search.Int("grid_points", min: 2, max: SpecLimits.GridPoints) ?? DefaultGridPoints,
            search.Int("rounds", min: 1, max: SpecLimits.Rounds) ?? DefaultRounds,
            search.Int("top_k", min: 1, max: SpecLimits.TopK) ?? DefaultTopK,
            search.Int("startup_trials", min: 0, max: SpecLimits.Trials) ?? SearchSpec.DefaultStartupTrials,
            search.Bool("multivariate") ?? false,
            search.Bool("constant_liar") ?? true);
    }
}
