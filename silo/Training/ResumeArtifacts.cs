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
    private const string Prefix = "resume-";

    public static string Directory(string store, TrialKey key) =>
        Path.Combine(Path.GetDirectoryName(ArtifactPaths.Checkpoint(store, key))!, $"{Prefix}{key.Attempt}");

    /// <summary>
    /// Deletes every trial's resumable checkpoints of a completed sweep; the attempts' final
    /// checkpoints (which ensembles and <c>evaluate</c> read) stay. Only once the sweep completed:
    /// until then a paused or PBT trial may still continue from any of them.
    /// </summary>
    /// <returns>How many checkpoint directories went and the bytes they held.</returns>
    public static (int Directories, long Bytes) DeleteForSweep(string store, string sweepId)
    {
        var sweep = new DirectoryInfo(ArtifactPaths.Sweep(store, sweepId));
        if (!sweep.Exists)
        {
            return (0, 0);
        }

        var (directories, bytes) = (0, 0L);
        // {sweep}/{trial}/resume-{n}: listed whole before any is deleted.
        foreach (var resume in sweep.EnumerateDirectories($"{Prefix}*", new EnumerationOptions { RecurseSubdirectories = true, MaxRecursionDepth = 1 }).ToList())
        {
            directories += resume.EnumerateDirectories().Count();
            bytes += resume.EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);
            resume.Delete(recursive: true);
        }

        return (directories, bytes);
    }

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
