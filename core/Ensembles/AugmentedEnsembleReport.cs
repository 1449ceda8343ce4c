using HyperSearch.Spec;

namespace HyperSearch.Ensembles;

/// <summary>
/// An ensemble's test figures with test-time augmentation: the same members and weights (chosen on
/// plain validation predictions, so the test set still decides nothing), each member's test
/// probabilities averaged over the views <see cref="Augmentation"/> names. The best single model,
/// and the retrained ensemble when there is one, are scored the same way.
/// </summary>
/// <param name="RetrainedTest">The retrained members so scored; null when the sweep retrained none, or not all of them.</param>
/// <param name="RetrainedBestSingleTest">The best single model retrained, so scored; null when it was not retrained.</param>
[GenerateSerializer, Immutable, Alias("HyperSearch.AugmentedEnsembleReport")]
public sealed record class AugmentedEnsembleReport(
    [property: Id(0)] TestTimeAugmentation Augmentation,
    [property: Id(1)] ScoreReport Test,
    [property: Id(2)] ScoreReport BestSingleTest,
    [property: Id(3)] ScoreReport? RetrainedTest = null,
    [property: Id(4)] ScoreReport? RetrainedBestSingleTest = null);
