using HyperSearch.Spec;

namespace HyperSearch.Search;

/// <summary>
/// Proposes configurations and learns from finished trials (Ray Tune's Searcher, Optuna's Sampler).
/// Deterministic: the same spec (seed included) and the same sequence of observations give the same
/// proposals, so the sweep grain rebuilds a searcher after a restart by replaying what it recorded.
/// </summary>
public interface ISearcher
{
    /// <summary>
    /// The configuration for trial number <paramref name="trialNumber"/> (0-based, consecutive),
    /// or null when the strategy has nothing left to propose (a grid that is exhausted).
    /// Only active parameters appear: a parameter whose <c>when</c> does not hold is left out.
    /// </summary>
    IReadOnlyDictionary<string, ParamValue>? Suggest(int trialNumber);

    /// <summary>Records a trial's final objective value (already oriented by the spec's mode).</summary>
    void Observe(TrialObservation observation);
}

/// <summary>A finished trial as a searcher sees it.</summary>
public sealed record class TrialObservation(
    int TrialNumber,
    IReadOnlyDictionary<string, ParamValue> Parameters,
    double? Objective);
