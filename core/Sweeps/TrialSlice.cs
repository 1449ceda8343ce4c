namespace HyperSearch.Sweeps;

/// <summary>
/// A slice of a sweep's trial table, by trial number (<see cref="Offset"/> is the first record's
/// number), as of <see cref="Version"/> (<see cref="SweepSummary.Version"/>).
/// </summary>
/// <param name="Total">How many trials the sweep has in all.</param>
[GenerateSerializer, Immutable, Alias("HyperSearch.TrialSlice")]
public sealed record class TrialSlice(
    [property: Id(0)] long Version,
    [property: Id(1)] int Offset,
    [property: Id(2)] int Total,
    [property: Id(3)] TrialRecord[] Trials);
