namespace HyperSearch.Ensembles;

/// <summary>A chosen ensemble: members (by id) with their weights, and its validation score.</summary>
/// <param name="Candidates">Every candidate, in the order given, with its weight and why it is in or out.</param>
/// <param name="UnconstrainedValidationNll">
/// With a minimum number of members that the best ensemble did not reach: that best ensemble's
/// validation NLL (the minimum's cost is <see cref="Validation"/>'s NLL less this); null otherwise.
/// </param>
public sealed record class EnsembleSelection(
    IReadOnlyList<EnsembleMember> Members,
    EnsembleScore Validation,
    IReadOnlyList<CandidateReport> Candidates,
    double? UnconstrainedValidationNll = null);

/// <summary>One member and its share of the vote (weights sum to one).</summary>
public sealed record class EnsembleMember(string Id, double Weight);

/// <summary>A trained model the ensemble may use: its id and its class probabilities on the validation set.</summary>
public sealed record class EnsembleCandidate(string Id, ProbabilityTable Validation);
