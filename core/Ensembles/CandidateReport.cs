namespace HyperSearch.Ensembles;

/// <summary>
/// One candidate of an ensemble selection and what selection made of it: its weight (0 when left
/// out), its own validation figures, and the counterfactual that explains the choice.
/// </summary>
/// <param name="Validation">The candidate alone on the validation images.</param>
/// <param name="EnsembleNllIfAdded">
/// Left-out candidates: the lowest validation NLL the ensemble could have with this candidate
/// mixed in, at any share of the vote selection could give it (1/2, 1/3, ..., 1/(steps + 1));
/// <paramref name="AddedShare"/> is that share. Above the ensemble's own NLL, which is why it was
/// left out (bagged selection and a minimum number of members can make exceptions). Null for members.
/// </param>
/// <param name="EnsembleNllIfRemoved">Members: the ensemble's validation NLL without this one (the others renormalised); null for a sole member and for left-out candidates.</param>
[GenerateSerializer, Immutable, Alias("HyperSearch.CandidateReport")]
public sealed record class CandidateReport(
    [property: Id(0)] string Id,
    [property: Id(1)] double Weight,
    [property: Id(2)] ScoreReport Validation,
    [property: Id(3)] double? EnsembleNllIfAdded = null,
    [property: Id(4)] double? AddedShare = null,
    [property: Id(5)] double? EnsembleNllIfRemoved = null)
{
    public bool IsMember => Weight > 0;
}
