using HyperSearch.Contracts;
using HyperSearch.Spec;

namespace HyperSearch.Ensembles;

/// <summary>
/// The checkpoints a built ensemble's test-time augmentation predicts again: its members', the best
/// single trial's, and their retrained ones where the report scored those. <see cref="Score"/> turns
/// those predictions into the report's <see cref="AugmentedEnsembleReport"/>.
/// </summary>
/// <param name="Members">In member order.</param>
/// <param name="RetrainedMembers">In member order; null when the report has no retrained ensemble figure.</param>
/// <param name="RetrainedBestSingle">Null when the report has no retrained best single figure.</param>
public sealed record class AugmentedCheckpoints(string[] Members, string BestSingle, string[]? RetrainedMembers, string? RetrainedBestSingle)
{
    /// <summary>Each checkpoint once: the best single trial is usually a member too.</summary>
    public IReadOnlyList<string> All =>
        Members.Append(BestSingle).Concat(RetrainedMembers ?? []).Concat(RetrainedBestSingle is null ? [] : [RetrainedBestSingle])
            .Distinct(StringComparer.Ordinal).ToList();

    /// <summary>The checkpoints behind each figure of a built <paramref name="report"/> (only where it scored a retrained figure: those checkpoints were found and readable then).</summary>
    public static AugmentedCheckpoints For(EnsembleReport report) => new(
        report.Members.Select(m => m.CheckpointPath).ToArray(),
        report.BestSingleCheckpointPath ?? throw new InvalidOperationException($"the report of {report.SweepId} does not say where its best single trial's checkpoint is (read back from a manifest?)"),
        report.Retrained is { Test: not null } retrained ? retrained.CheckpointPaths : null,
        report.Retrained?.BestSingleCheckpointPath);

    /// <param name="weights">The members' weights, in member order.</param>
    /// <param name="predictions">Each of <see cref="All"/>'s checkpoints' test prediction with <paramref name="augmentation"/>.</param>
    public AugmentedEnsembleReport Score(TestTimeAugmentation augmentation, IReadOnlyList<double> weights, IReadOnlyDictionary<string, TestPrediction> predictions)
    {
        ScoreReport Ensemble(string[] checkpoints) =>
            ScoreReport.OfEnsemble(checkpoints.Select(c => predictions[c].Table()).ToList(), weights, predictions[checkpoints[0]].Labels);

        ScoreReport Single(string checkpoint) => ScoreReport.OfSingle(predictions[checkpoint].Table(), predictions[checkpoint].Labels);

        return new AugmentedEnsembleReport(
            augmentation,
            Ensemble(Members),
            Single(BestSingle),
            RetrainedMembers is null ? null : Ensemble(RetrainedMembers),
            RetrainedBestSingle is null ? null : Single(RetrainedBestSingle));
    }
}
