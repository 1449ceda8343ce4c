using HyperSearch.Sdk;

namespace HyperSearch.Spec;

/// <summary>
/// The words a spec uses for its enumerations, in one place so the parser, error messages and run
/// summaries spell them the same way (<c>coarse-to-fine</c>, not <c>CoarseToFine</c>).
/// </summary>
public static class SpecNames
{
    public const string FashionMnist = BuiltInDataSets.FashionMnist;
    public const string Mnist = BuiltInDataSets.Mnist;
    public const string Cifar10 = BuiltInDataSets.Cifar10;
    public const string Synthetic = BuiltInDataSets.Synthetic;

    public const string ValAccuracy = "val_accuracy";
    public const string ValLoss = "val_loss";

    public static IReadOnlyList<string> DataSets => BuiltInDataSets.Names;

    /// <summary>Where Debian's dataset packages put each data set (<see cref="BuiltInDataSets.DefaultPaths"/>).</summary>
    public static IReadOnlyDictionary<string, string> DefaultDataPaths => BuiltInDataSets.DefaultPaths;

    public static IReadOnlyList<string> Metrics { get; } = [ValAccuracy, ValLoss];

    public static IReadOnlyDictionary<string, ObjectiveMode> Modes { get; } =
        Ordered(("max", ObjectiveMode.Max), ("min", ObjectiveMode.Min));

    public static IReadOnlyDictionary<string, SearchStrategy> Strategies { get; } =
        Ordered(
            ("random", SearchStrategy.Random),
            ("grid", SearchStrategy.Grid),
            ("coarse-to-fine", SearchStrategy.CoarseToFine),
            ("tpe", SearchStrategy.Tpe),
            ("gp", SearchStrategy.Gp));

    public static IReadOnlyDictionary<string, SchedulerType> Schedulers { get; } =
        Ordered(
            ("none", SchedulerType.None),
            ("asha", SchedulerType.Asha),
            ("hyperband", SchedulerType.Hyperband),
            ("median", SchedulerType.Median),
            ("pbt", SchedulerType.Pbt));

    public static IReadOnlyDictionary<string, SchedulerMode> SchedulerModes { get; } =
        Ordered(("stop", SchedulerMode.Stop), ("pause", SchedulerMode.Pause));

    public static IReadOnlyDictionary<string, EnsembleMethod> EnsembleMethods { get; } =
        Ordered(("average", EnsembleMethod.Average), ("greedy", EnsembleMethod.Greedy));

    public static IReadOnlyDictionary<string, TestTimeAugmentation> TestTimeAugmentations { get; } =
        Ordered(("none", TestTimeAugmentation.None), ("flip", TestTimeAugmentation.Flip));

    /// <summary>The keys of a <c>space</c> entry that choose its distribution.</summary>
    public static IReadOnlyDictionary<string, DistributionKind> Distributions { get; } =
        Ordered(
            ("uniform", DistributionKind.Uniform),
            ("loguniform", DistributionKind.LogUniform),
            ("int", DistributionKind.Int),
            ("choice", DistributionKind.Choice),
            ("value", DistributionKind.Value));

    public static string Of(DistributionKind kind) => NameOf(Distributions, kind);

    public static string Of(ObjectiveMode mode) => NameOf(Modes, mode);

    public static string Of(SearchStrategy strategy) => NameOf(Strategies, strategy);

    public static string Of(SchedulerType type) => NameOf(Schedulers, type);

    public static string Of(EnsembleMethod method) => NameOf(EnsembleMethods, method);

    public static string Of(SchedulerMode mode) => NameOf(SchedulerModes, mode);

    public static string Of(TestTimeAugmentation augmentation) => NameOf(TestTimeAugmentations, augmentation);

    private static string NameOf<T>(IReadOnlyDictionary<string, T> names, T value)
        where T : struct, Enum =>
        names.First(pair => EqualityComparer<T>.Default.Equals(pair.Value, value)).Key;

    // A plain Dictionary keeps insertion order while nothing is removed, which is what makes the
    // "expected one of" lists come out in the order the contract documents them.
    private static Dictionary<string, T> Ordered<T>(params (string Name, T Value)[] pairs)
        where T : notnull =>
        pairs.ToDictionary(pair => pair.Name, pair => pair.Value, StringComparer.Ordinal);
}
