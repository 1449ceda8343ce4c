using HyperSearch.Ensembles;
using HyperSearch.Spec;
using HyperSearch.Sweeps;
using HyperSearch.Trainer.Checkpoints;

namespace HyperSearch.Silo.Ensembles;

/// <summary>
/// Builds an ensemble from a finished sweep: candidates are its <c>top_k</c> best trials that may
/// join (<see cref="EnsembleCandidates"/>: completed or pruned, with a checkpoint; for greedy
/// selection, its library); members are chosen on validation
/// probabilities only, and the test set is touched once, to report the result against the best
/// single trial. With <c>ensemble.snapshots</c>, greedy selection's library also holds each
/// candidate trial's snapshots (<see cref="SnapshotDirectories"/>), as <c>t003@epoch-4</c>.
/// </summary>
public static class EnsembleBuilder
{
    /// <param name="readable">Whether a checkpoint path may be read here (the silo's roots); others are left out.</param>
    public static EnsembleReport Build(SweepSnapshot snapshot, EnsembleRequest request, Func<string, bool> readable)
    {
        var ranked = snapshot.Ranked()
            .Where(t => EnsembleCandidates.MayJoin(t) && readable(t.CheckpointPath!) && Directory.Exists(t.CheckpointPath))
            .ToList();
        if (ranked.Count == 0)
        {
            throw new InvalidOperationException($"sweep {snapshot.SweepId} has no completed or pruned trial with a checkpoint to build an ensemble from");
        }

        var pool = ranked.Take(request.TopK).ToList();
        var library = pool.Select(t => (Id: t.TrialId, Path: t.CheckpointPath!))
            .Concat(request.Method == EnsembleMethod.Greedy ? pool.SelectMany(t => Snapshots(t.TrialId, t.CheckpointPath!, readable)) : [])
            .ToList();
        var validation = library.Select(c => CheckpointProbabilities.Validation(c.Path)).ToList();
        var labels = validation[0].Labels;
        var candidates = library.Select((c, i) => new EnsembleCandidate(c.Id, validation[i].Probabilities)).ToList();
        var selection = request.Method == EnsembleMethod.Greedy
            ? EnsembleSelector.Greedy(candidates, labels, request.Selection)
            : EnsembleSelector.Average(candidates, request.TopK, labels);

        var members = selection.Members
            .Select(m => new EnsembleMemberReport(m.Id, m.Weight, library.Single(c => c.Id == m.Id).Path))
            .ToArray();
        var testScore = TestScore(members.Select(m => m.CheckpointPath).ToList(), members);
        var best = ranked[0];

        return new EnsembleReport(
            snapshot.SweepId, request.Method, request.TopK, members, ScoreReport.From(selection.Validation), testScore,
            best.TrialId, SingleTestScore(best.CheckpointPath!), ManifestPath: "",
            snapshot.Retrains is { } jobs ? Retrained(jobs, members, best.TrialId, readable) : null,
            BestSingleCheckpointPath: best.CheckpointPath,
            Candidates: selection.Candidates.ToArray(),
            UnconstrainedValidationNll: selection.UnconstrainedValidationNll);
    }

    /// <summary>
    /// A trial's snapshots that may be read here, except one of the epoch its checkpoint keeps (the
    /// same weights: a second copy of one candidate).
    /// </summary>
    private static IEnumerable<(string Id, string Path)> Snapshots(string trialId, string checkpoint, Func<string, bool> readable)
    {
        var snapshots = SnapshotDirectories.Find(checkpoint);
        if (snapshots.Count == 0)
        {
            return []; // the usual case, and any trainer's checkpoint: nothing more is read
        }

        var kept = CheckpointManifest.Read(Path.Combine(checkpoint, CheckpointFiles.Manifest)).Epoch;
        return snapshots
            .Where(s => s.Epoch != kept && readable(s.Directory))
            .Select(s => ($"{trialId}@epoch-{s.Epoch}", s.Directory));
    }

    /// <summary>
    /// The ensemble again with each member's retrained checkpoint in place of its own, same weights:
    /// selection used the validation images, which the retrained members have since trained on.
    /// </summary>
    private static RetrainedEnsembleReport Retrained(RetrainJob[] jobs, EnsembleMemberReport[] members, string bestTrialId, Func<string, bool> readable)
    {
        string? Checkpoint(string trialId) =>
            jobs.FirstOrDefault(j => j.TrialId == trialId && j.Status == TrialStatus.Completed) is { CheckpointPath: { } path }
            && readable(path) && Directory.Exists(path) ? path : null;

        var paths = members.Select(m => Checkpoint(m.TrialId)).ToArray();
        var bestPath = Checkpoint(bestTrialId);
        var bestSingle = bestPath is null ? null : SingleTestScore(bestPath);
        var missing = members.Where((m, i) => paths[i] is null).Select(m => Describe(m.TrialId, jobs)).ToArray();
        if (missing.Length > 0)
        {
            return new RetrainedEnsembleReport(null, bestSingle, paths.OfType<string>().ToArray(), string.Join("; ", missing), bestPath);
        }

        return new RetrainedEnsembleReport(TestScore(paths!, members), bestSingle, paths!, Problem: null, bestPath);
    }

    /// <summary>The members' test probabilities (read from <paramref name="checkpoints"/>, in member order) combined with their weights.</summary>
    private static ScoreReport TestScore(IReadOnlyList<string> checkpoints, EnsembleMemberReport[] members)
    {
        var test = checkpoints.Select(CheckpointProbabilities.Test).ToList();
        return ScoreReport.OfEnsemble(test.Select(t => t.Probabilities).ToList(), members.Select(m => m.Weight).ToList(), test[0].Labels);
    }

    private static ScoreReport SingleTestScore(string checkpoint)
    {
        var (probabilities, labels) = CheckpointProbabilities.Test(checkpoint);
        return ScoreReport.OfSingle(probabilities, labels);
    }

    private static string Describe(string trialId, RetrainJob[] jobs) =>
        jobs.FirstOrDefault(j => j.TrialId == trialId) is { } job
            ? $"{trialId} was not retrained ({job.Status.ToWireName()}{(job.Message is null ? "" : $": {job.Message}")})"
            : $"{trialId} was not among the retrained trials";
}
