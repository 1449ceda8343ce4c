namespace HyperSearch.Sweeps;

/// <summary>
/// Why a sweep ended. Typed so that no layer has to recognize a sentence; the words people and
/// scripts read are in <see cref="ReasonNames"/>.
/// </summary>
public enum SweepEndReason
{
    /// <summary>Every trial of <c>budget.trials</c> was created and finished.</summary>
    TrialBudget,

    /// <summary>The sweep's <c>budget.epochs</c> was spent before the trial budget.</summary>
    EpochBudget,

    /// <summary>The searcher had no configuration left to propose.</summary>
    SearchExhausted,

    /// <summary><c>budget.time_limit</c> passed.</summary>
    TimeLimit,

    /// <summary>Someone cancelled the sweep.</summary>
    Cancelled,
}
