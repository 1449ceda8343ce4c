namespace HyperSearch.Ensembles;

/// <summary>A chosen ensemble: members (by id) with their weights, and its validation score.</summary>
public sealed record class EnsembleSelection(IReadOnlyList<EnsembleMember> Members, EnsembleScore Validation);

/// <summary>One member and its share of the vote (weights sum to one).</summary>
public sealed record class EnsembleMember(string Id, double Weight);

/// <summary>A trained model the ensemble may use: its id and its class probabilities on the validation set.</summary>
public sealed record class EnsembleCandidate(string Id, ProbabilityTable Validation);
