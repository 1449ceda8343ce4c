using HyperSearch.Sweeps;

namespace HyperSearch.Silo.Training;

/// <summary>
/// Where things go in the artifact store (a directory, shared by every node of a cluster):
/// {store}/{sweep}/{trial}/attempt-{n}/ holds one attempt's checkpoint, so a late attempt whose
/// lease expired never overwrites the one the sweep recorded.
/// </summary>
public static class ArtifactPaths
{
    /// <summary>The sweep's own directory: every trial's checkpoints lie below it.</summary>
    public static string Sweep(string store, string sweepId) => Path.Combine(Path.GetFullPath(store), Safe(sweepId));

    public static string Checkpoint(string store, TrialKey key) =>
        Path.Combine(Sweep(store, key.SweepId), TrialRecord.IdFor(key.TrialNumber) + (key.Retrain ? RetrainJob.Suffix : ""), $"attempt-{key.Attempt}");

    private static string Safe(string name)
    {
        var invalid = Path.GetInvalidFileNameChars();
        var safe = new string(name.Select(c => invalid.Contains(c) || c == '.' ? '_' : c).ToArray());
        return safe.Length == 0 ? "_" : safe;
    }
}
