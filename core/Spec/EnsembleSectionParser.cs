using HyperSearch.Ensembles;

namespace HyperSearch.Spec;

/// <summary>Reads the optional <c>ensemble:</c>; absent (or null) means no ensemble is built.</summary>
internal static class EnsembleSectionParser
{
    public static readonly IReadOnlyList<string> Keys =
        ["top_k", "method", "retrain", "test_time_augmentation", "sorted_init", "min_members", "bags", "snapshots"];

    /// <summary>Snapshots per trial at most: each is a checkpoint with its validation and test probabilities.</summary>
    public const int MaxSnapshots = 100;

    /// <summary>The keys that tune greedy selection (core/Ensembles/SelectionSettings.cs); method: average has no use for them.</summary>
    private static readonly string[] GreedyKeys = ["sorted_init", "min_members", "bags"];

    public const int DefaultTopK = 5;

    public static EnsembleSpec? Read(MappingReader ensemble)
    {
        if (!ensemble.IsPresent)
        {
            return null;
        }

        string? method = ensemble.Word("method", SpecNames.EnsembleMethods.Keys, "method");
        // true: once the search ends, the top_k candidates train again on training + validation data (RetrainQueue).
        var retrain = ensemble.Bool("retrain") ?? false;
        // flip: the ensemble and the best single model are also scored on the test images averaged with their mirror images.
        string? augmentation = ensemble.Word("test_time_augmentation", SpecNames.TestTimeAugmentations.Keys, "test-time augmentation");
        var topK = ensemble.Int("top_k", min: 1, max: SpecLimits.TopK) ?? DefaultTopK;
        var kind = method is null ? EnsembleMethod.Greedy : SpecNames.EnsembleMethods[method];
        return new EnsembleSpec(
            topK,
            kind,
            retrain,
            augmentation is null ? TestTimeAugmentation.None : SpecNames.TestTimeAugmentations[augmentation],
            ReadSelection(ensemble, kind, topK),
            // N: each trial keeps its model at the end of its last N learning-rate cycles as ensemble candidates.
            ensemble.Int("snapshots", min: 0, max: MaxSnapshots) ?? 0);
    }

    /// <summary>Greedy selection's settings; null when none is written (the defaults apply).</summary>
    private static SelectionSettings? ReadSelection(MappingReader ensemble, EnsembleMethod method, int topK)
    {
        var written = GreedyKeys.Where(ensemble.Contains).ToList();
        if (written.Count == 0)
        {
            return null;
        }

        if (method != EnsembleMethod.Greedy)
        {
            foreach (var key in written)
            {
                ensemble.Errors.Add(ensemble.PathOf(key), "only greedy selection uses it (method: average takes the top_k with equal weights)");
            }

            return null;
        }

        var settings = SelectionSettings.Default;
        // Start from the best n of the candidates, n up to this, whichever average is best on validation.
        if (ensemble.Int("sorted_init", min: 1, max: SpecLimits.TopK) is { } sortedInit)
        {
            settings = settings with { SortedInit = sortedInit };
        }

        // At least this many distinct members, even where fewer were better on validation (the report says by how much).
        if (ensemble.Int("min_members", min: 1, max: SpecLimits.TopK) is { } minimum)
        {
            if (minimum > topK)
            {
                ensemble.Errors.Add(ensemble.PathOf("min_members"), $"must be at most top_k ({topK}), got {minimum}");
            }

            settings = settings with { MinMembers = minimum };
        }

        // N selections over random halves of the candidates, weights averaged (0: one selection over all).
        if (ensemble.Int("bags", min: 0, max: SelectionSettings.MaxBags) is { } bags)
        {
            settings = settings with { Bags = bags };
        }

        return settings;
    }
}
