using HyperSearch.Spec;

namespace HyperSearch.Ensembles;

/// <summary>What to build: how many of the best trials may join, how members are weighted, and whether to score it with test-time augmentation too.</summary>
/// <param name="Selection">Greedy selection's settings; null: <see cref="SelectionSettings.Default"/>.</param>
[GenerateSerializer, Immutable, Alias("HyperSearch.EnsembleRequest")]
public sealed record class EnsembleRequest(
    [property: Id(0)] int TopK,
    [property: Id(1)] EnsembleMethod Method,
    [property: Id(2)] TestTimeAugmentation Augmentation = TestTimeAugmentation.None,
    [property: Id(3)] SelectionSettings? Selection = null);

/// <summary>One member of a built ensemble: a trial, its weight and where its checkpoint lies.</summary>
[GenerateSerializer, Immutable, Alias("HyperSearch.EnsembleMemberReport")]
public sealed record class EnsembleMemberReport(
    [property: Id(0)] string TrialId,
    [property: Id(1)] double Weight,
    [property: Id(2)] string CheckpointPath);

/// <summary>Accuracy and negative log-likelihood on one data set.</summary>
[GenerateSerializer, Immutable, Alias("HyperSearch.ScoreReport")]
public sealed record class ScoreReport(
    [property: Id(0)] double Accuracy,
    [property: Id(1)] double NegativeLogLikelihood)
{
    public static ScoreReport From(EnsembleScore score) => new(score.Accuracy, score.NegativeLogLikelihood);

    /// <summary>Members' probability tables combined with their weights (<see cref="WeightedAverage"/>), scored against <paramref name="labels"/>.</summary>
    public static ScoreReport OfEnsemble(IReadOnlyList<ProbabilityTable> tables, IReadOnlyList<double> weights, IReadOnlyList<int> labels) =>
        From(EnsembleScore.Of(WeightedAverage.Combine(tables, weights), tables[0].Classes, labels));

    /// <summary>One model's probability table scored against <paramref name="labels"/>.</summary>
    public static ScoreReport OfSingle(ProbabilityTable table, IReadOnlyList<int> labels) =>
        From(EnsembleScore.Of(Array.ConvertAll(table.Values, v => (double)v), table.Classes, labels));
}

/// <summary>
/// The same ensemble with every member retrained on training + validation data (<c>ensemble.retrain</c>):
/// the members and weights chosen on validation, each member's retrained checkpoint on the test set.
/// </summary>
/// <param name="Test">The retrained ensemble's test figures; null when a member has no retrained checkpoint (<paramref name="Problem"/> says which).</param>
/// <param name="BestSingleTest">The best single trial, retrained; null when its retraining did not complete.</param>
/// <param name="CheckpointPaths">The members' retrained checkpoints, in member order (those that exist).</param>
/// <param name="Problem">Why <paramref name="Test"/> is null.</param>
/// <param name="BestSingleCheckpointPath">The retrained checkpoint behind <paramref name="BestSingleTest"/>; null with it.</param>
[GenerateSerializer, Immutable, Alias("HyperSearch.RetrainedEnsembleReport")]
public sealed record class RetrainedEnsembleReport(
    [property: Id(0)] ScoreReport? Test,
    [property: Id(1)] ScoreReport? BestSingleTest,
    [property: Id(2)] string[] CheckpointPaths,
    [property: Id(3)] string? Problem,
    [property: Id(4)] string? BestSingleCheckpointPath = null);

/// <summary>
/// A built (or re-evaluated) ensemble: its members, its validation and test figures, and the best
/// single member's test figures for comparison; <see cref="ManifestPath"/> is where it was saved.
/// </summary>
/// <param name="Retrained">The same members retrained (<c>ensemble.retrain</c>); null when the sweep retrained none.</param>
/// <param name="Augmented">The same figures with test-time augmentation (<c>ensemble.test_time_augmentation</c>); null when none was asked for.</param>
/// <param name="BestSingleCheckpointPath">The checkpoint behind <paramref name="BestSingleTest"/>; null in a report read back from a manifest.</param>
/// <param name="Candidates">Every candidate selection judged, best-ranked first, with its weight and why it is in or out; null in a report read back from a manifest.</param>
/// <param name="UnconstrainedValidationNll">With <c>ensemble.min_members</c> above what the best ensemble had: that ensemble's validation NLL; null otherwise.</param>
[GenerateSerializer, Immutable, Alias("HyperSearch.EnsembleReport")]
public sealed record class EnsembleReport(
    [property: Id(0)] string SweepId,
    [property: Id(1)] EnsembleMethod Method,
    [property: Id(2)] int TopK,
    [property: Id(3)] EnsembleMemberReport[] Members,
    [property: Id(4)] ScoreReport Validation,
    [property: Id(5)] ScoreReport Test,
    [property: Id(6)] string BestSingleTrialId,
    [property: Id(7)] ScoreReport BestSingleTest,
    [property: Id(8)] string ManifestPath,
    [property: Id(9)] RetrainedEnsembleReport? Retrained = null,
    [property: Id(10)] AugmentedEnsembleReport? Augmented = null,
    [property: Id(11)] string? BestSingleCheckpointPath = null,
    [property: Id(12)] CandidateReport[]? Candidates = null,
    [property: Id(13)] double? UnconstrainedValidationNll = null);
