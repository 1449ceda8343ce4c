using HyperSearch.Paths;
using HyperSearch.Sdk;
using HyperSearch.Sweeps;

namespace HyperSearch.Silo.Training;

/// <summary>
/// A trial's resumable checkpoints in the artifact store: {store}/{sweep}/{trial}/resume-{n}/epoch-K/,
/// beside the attempt's final checkpoint (attempt-{n}/, which is replaced whole when written, so
/// it cannot hold them). One directory per attempt: a late attempt whose lease expired never
/// overwrites what the current one saved.
/// </summary>
public static class ResumeArtifacts
{
    public static string Directory(string store, TrialKey key) =>
        Path.Combine(Path.GetDirectoryName(ArtifactPaths.Checkpoint(store, key))!, $"resume-{key.Attempt}");

    /// <summary>
    /// The checkpoint the lease's attempt continues from: the newest of the lease's points that
    /// lies within this silo's roots and reads back whole (or an older one beside it); null: none.
    /// Anyone who reaches a gateway can put a path in a report, so paths are checked where opened.
    /// </summary>
    public static ResumeCheckpoint? Find(TrialLease lease, AllowedRoots roots, Action<string, string> rejected)
    {
        if (lease.ResumeFrom is not { Length: > 0 } points)
        {
            return null;
        }

        var inside = new List<(string, int)>();
        foreach (var point in points)
        {
            if (roots.Contains(point.Path))
            {
                inside.Add((point.Path, point.Epoch));
            }
            else
            {
                rejected(point.Path, "outside this silo's allowed roots");
            }
        }

        return EpochCheckpoints.FindUsable(inside, rejected);
    }
}
