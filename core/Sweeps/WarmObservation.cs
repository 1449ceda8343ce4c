using HyperSearch.Search;
using HyperSearch.Spec;

namespace HyperSearch.Sweeps;

/// <summary>
/// A finished trial of an earlier sweep that a warm-started sweep's searcher observes (<c>warm_start:</c>),
/// stored with the sweep so a restart replays the same observations without asking that sweep again.
/// </summary>
/// <param name="Objective">By this sweep's objective, oriented so that larger is better; negative infinity for a diverged trial.</param>
/// <param name="Curve">The objective at each epoch it reported, oriented the same way.</param>
[GenerateSerializer, Immutable, Alias("HyperSearch.WarmObservation")]
public sealed record class WarmObservation(
    [property: Id(0)] string SweepId,
    [property: Id(1)] int TrialNumber,
    [property: Id(2)] Dictionary<string, ParamValue> Parameters,
    [property: Id(3)] double Objective,
    [property: Id(4)] int Epochs,
    [property: Id(5)] double[] Curve)
{
    public TrialObservation ToObservation() => new(TrialNumber, Parameters, Objective, Epochs, Curve);
}
