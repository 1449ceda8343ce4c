using HyperSearch.Contracts;
using HyperSearch.Spec;
using HyperSearch.Sweeps;

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

    /// <summary>The checkpoints behind each figure of <paramref name="report"/>, built from <paramref name="snapshot"/>.</summary>
    public static AugmentedCheckpoints For(SweepSnapshot snapshot, EnsembleReport report)
    {
        var best = snapshot.Trials.Single(t => t.TrialId == report.BestSingleTrialId);
        // Only where the report scored a retrained figure: its checkpoints were found and readable then.
        var retrainedBest = report.Retrained?.BestSingleTest is null
            ? null
            : (snapshot.Retrains ?? []).Single(j => j.TrialId == best.TrialId && j.Status == TrialStatus.Completed).CheckpointPath;
        return new AugmentedCheckpoints(
            report.Members.Select(m => m.CheckpointPath).ToArray(),
            best.CheckpointPath ?? throw new InvalidOperationException($"{best.TrialId}: the best single trial has no checkpoint"),
            report.Retrained is { Test: not null } retrained ? retrained.CheckpointPaths : null,
            retrainedBest);
    }

    /// <param name="weights">The members' weights, in member order.</param>
    /// <param name="predictions">Each of <see cref="All"/>'s checkpoints' test prediction with <paramref name="augmentation"/>.</param>
    public AugmentedEnsembleReport Score(TestTimeAugmentation augmentation, IReadOnlyList<double> weights, IReadOnlyDictionary<string, TestPrediction> predictions)
    {
        ScoreReport Ensemble(string[] checkpoints)
        {
            var tables = checkpoints.Select(c => Table(predictions[c])).ToList();
            var combined = WeightedAverage.Combine(tables, weights);
            return ScoreReport.From(EnsembleScore.Of(combined, tables[0].Classes, predictions[checkpoints[0]].Labels));
        }

        ScoreReport Single(string checkpoint)
        {
            var prediction = predictions[checkpoint];
            return ScoreReport.From(EnsembleScore.Of(Array.ConvertAll(prediction.Probabilities, v => (double)v), prediction.Classes, prediction.Labels));
        }

        return new AugmentedEnsembleReport(
            augmentation,
            Ensemble(Members),
            Single(BestSingle),
            RetrainedMembers is null ? null : Ensemble(RetrainedMembers),
            RetrainedBestSingle is null ? null : Single(RetrainedBestSingle));
    }

    private static ProbabilityTable Table(TestPrediction prediction) =>
        new(prediction.Probabilities, prediction.Labels.Length, prediction.Classes);
}
