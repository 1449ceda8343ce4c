namespace HyperSearch.Spec;

/// <summary>Reads the optional <c>ensemble:</c>; absent (or null) means no ensemble is built.</summary>
internal static class EnsembleSectionParser
{
    public static readonly IReadOnlyList<string> Keys = ["top_k", "method", "retrain", "test_time_augmentation"];

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
        return new EnsembleSpec(
            ensemble.Int("top_k", min: 1, max: SpecLimits.TopK) ?? DefaultTopK,
            method is null ? EnsembleMethod.Greedy : SpecNames.EnsembleMethods[method],
            retrain,
            augmentation is null ? TestTimeAugmentation.None : SpecNames.TestTimeAugmentations[augmentation]);
    }
}
