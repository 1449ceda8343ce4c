using HyperSearch.Search;
using HyperSearch.Spec;

namespace HyperSearch.Sweeps;

/// <summary>What a watcher needs of a sweep besides its summary and trials: the spec, and coarse-to-fine's rounds (null for other searchers).</summary>
[GenerateSerializer, Immutable, Alias("HyperSearch.SweepOverview")]
public sealed record class SweepOverview(
    [property: Id(0)] SweepSpec? Spec,
    [property: Id(1)] SearchRound[]? Rounds);
