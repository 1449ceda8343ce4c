using HyperSearch.Spec;

namespace HyperSearch.Search;

/// <summary>
/// Proposes configurations and learns from finished trials (Ray Tune's Searcher, Optuna's Sampler).
/// Deterministic: the same spec (seed included) and the same sequence of observations give the same
/// proposals. <see cref="Suggest"/> never changes the searcher's state, so its state is a function
/// of the observations alone and the sweep rebuilds it after a restart by replaying them in the
/// order it recorded them (<c>TrialRecord.FinishOrder</c>).
/// </summary>
public interface ISearcher
{
    /// <summary>
    /// The configuration for trial number <paramref name="trialNumber"/> (0-based, consecutive),
    /// <see cref="Suggestion.Wait"/> when it depends on results not in yet, or
    /// <see cref="Suggestion.Exhausted"/> when the strategy has nothing left to propose.
    /// Only active parameters appear: a parameter whose <c>when</c> does not hold is left out.
    /// </summary>
    /// <param name="inFlight">
    /// The trials proposed and not yet observed, by trial number: what the sweep is already trying.
    /// An input like the observations, so the same inputs still give the same proposal.
    /// </param>
    Suggestion Suggest(int trialNumber, IReadOnlyList<PendingTrial> inFlight);

    /// <summary>Records how a trial ended. Every finished trial is observed once, in finish order.</summary>
    void Observe(TrialObservation observation);
}

/// <summary>A finished trial as a searcher sees it.</summary>
/// <param name="Objective">
/// The final objective, oriented so that larger is better (a minimized metric is negated);
/// negative infinity for a diverged trial (a verdict on its configuration); null when the trial
/// says nothing about its configuration (failed, cancelled).
/// </param>
/// <param name="Epochs">Epochs the trial trained; an early-stopped trial's objective is from fewer epochs.</param>
/// <param name="Curve">
/// The objective at each epoch it reported (index 0 is epoch 1), oriented like <paramref name="Objective"/>;
/// null when unknown. Multi-fidelity search compares trials at the same epoch with it.
/// </param>
public sealed record class TrialObservation(
    int TrialNumber,
    IReadOnlyDictionary<string, ParamValue> Parameters,
    double? Objective,
    int Epochs = 0,
    IReadOnlyList<double>? Curve = null);
