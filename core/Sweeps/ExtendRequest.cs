namespace HyperSearch.Sweeps;

/// <summary><c>hypersearch extend</c>: more trials for a sweep that finished or is still running.</summary>
/// <param name="Trials">Trials to add to <c>budget.trials</c>.</param>
/// <param name="Parallelism">A new <c>budget.parallelism</c>; null: unchanged.</param>
/// <param name="TimeLimit">Time the sweep may run from now on; null: the old limit, if it is not spent.</param>
[GenerateSerializer, Immutable, Alias("HyperSearch.ExtendRequest")]
public sealed record class ExtendRequest(
    [property: Id(0)] int Trials,
    [property: Id(1)] int? Parallelism = null,
    [property: Id(2)] TimeSpan? TimeLimit = null);

/// <summary>Why a sweep was not extended.</summary>
public enum ExtendRefusal
{
    /// <summary>No sweep by that id was ever started.</summary>
    NotStarted,

    /// <summary>The user cancelled it; start a new sweep (or refine it) instead.</summary>
    Cancelled,

    /// <summary>Its ensemble's members were retrained (<c>ensemble.retrain</c>): new trials would not be among them.</summary>
    Retrained,

    /// <summary>Its time limit is spent and no new one was given.</summary>
    TimeLimitSpent,

    /// <summary>More trials than a sweep may have (<c>budget.trials</c>' limit).</summary>
    TooManyTrials,
}

/// <summary>What <c>ISweepGrain.Extend</c> did: refused (and why), or the sweep as extended.</summary>
[GenerateSerializer, Immutable, Alias("HyperSearch.ExtendOutcome")]
public sealed record class ExtendOutcome(
    [property: Id(0)] ExtendRefusal? Refusal,
    [property: Id(1)] SweepSnapshot Snapshot);
