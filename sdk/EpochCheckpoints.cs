using System.Globalization;

namespace HyperSearch.Sdk;

/// <summary>
/// Where one trial attempt saves its resumable checkpoints (<see cref="TrialContext.Checkpoints"/>):
/// a directory holding <c>epoch-N</c> subdirectories, each sealed by <see cref="CheckpointSeal"/>.
/// A trainer that saves through it (<see cref="Save"/>) and reports the path it returns in
/// <see cref="EpochResult.ResumeCheckpoint"/> lets a lost attempt continue from that epoch.
/// </summary>
/// <remarks>Keeps the newest <see cref="Keep"/> checkpoints; an older one is the fallback when the newest reads back corrupt.</remarks>
public sealed class EpochCheckpoints
{
    private const string Prefix = "epoch-";

    /// <param name="directory">This attempt's own directory of checkpoints (created when the first is saved).</param>
    /// <param name="everyEpochs">Save after every this many epochs.</param>
    /// <param name="keep">How many of the newest checkpoints to keep (at least 2: one to fall back to).</param>
    public EpochCheckpoints(string directory, int everyEpochs, int keep = 2)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(everyEpochs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(keep, 2);
        Directory = Path.GetFullPath(directory);
        EveryEpochs = everyEpochs;
        Keep = keep;
    }

    public string Directory { get; }

    public int EveryEpochs { get; }

    public int Keep { get; }

    /// <summary>The directory of epoch <paramref name="epoch"/>'s checkpoint (a command trial writes its files there itself).</summary>
    public string PathOf(int epoch) => Path.Combine(Directory, Prefix + epoch.ToString(CultureInfo.InvariantCulture));

    /// <summary>
    /// Whether to save after <paramref name="epoch"/>: every <see cref="EveryEpochs"/> epochs, never
    /// after the last (a trial that trained every epoch has nothing left to resume).
    /// </summary>
    public bool IsDue(int epoch, int maxEpochs) => epoch < maxEpochs && epoch % EveryEpochs == 0;

    /// <summary>
    /// Saves a checkpoint of <paramref name="epoch"/>: <paramref name="write"/> writes the trainer's
    /// files into an empty temporary directory, which is sealed and then renamed into place, so a
    /// reader never sees half of it. Returns the checkpoint's directory, for the epoch's report.
    /// </summary>
    public string Save(int epoch, Action<string> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        System.IO.Directory.CreateDirectory(Directory);
        var target = PathOf(epoch);
        var temporary = Path.Combine(Directory, $".{Prefix}{epoch.ToString(CultureInfo.InvariantCulture)}.{Guid.NewGuid():N}.tmp");
        System.IO.Directory.CreateDirectory(temporary);
        try
        {
            write(temporary);
            CheckpointSeal.Seal(temporary, epoch);
            if (System.IO.Directory.Exists(target))
            {
                System.IO.Directory.Delete(target, recursive: true); // a rerun of the same epoch: the newer wins
            }

            System.IO.Directory.Move(temporary, target);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }

        Prune();
        return target;
    }

    /// <summary>
    /// Seals a checkpoint that something else wrote into <see cref="PathOf"/> (a training command
    /// writes its files, then reports the epoch); returns its directory, or null when there is none.
    /// </summary>
    public string? SealWritten(int epoch)
    {
        var directory = PathOf(epoch);
        if (!System.IO.Directory.Exists(directory) || !System.IO.Directory.EnumerateFiles(directory).Any())
        {
            return null;
        }

        CheckpointSeal.Seal(directory, epoch);
        Prune();
        return directory;
    }

    /// <summary>
    /// The checkpoint to resume from: the first of <paramref name="candidates"/> (newest first) that
    /// reads back whole, or failing that an older <c>epoch-N</c> beside it; null when none does.
    /// <paramref name="rejected"/> hears why each one that was tried is unusable.
    /// </summary>
    public static ResumeCheckpoint? FindUsable(IEnumerable<(string Directory, int Epoch)> candidates, Action<string, string>? rejected = null)
    {
        var tried = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (directory, epoch) in candidates)
        {
            var full = Path.GetFullPath(directory);
            foreach (var (path, number) in WithOlderSiblings(full, epoch))
            {
                if (!tried.Add(path))
                {
                    continue;
                }

                if (CheckpointSeal.Verify(path, number) is { } problem)
                {
                    rejected?.Invoke(path, problem);
                    continue;
                }

                return new ResumeCheckpoint(path, number);
            }
        }

        return null;
    }

    /// <summary>The checkpoint itself, then the <c>epoch-N</c> directories beside it with smaller N, newest first.</summary>
    private static IEnumerable<(string Path, int Epoch)> WithOlderSiblings(string directory, int epoch)
    {
        yield return (directory, epoch);
        var parent = Path.GetDirectoryName(directory);
        if (parent is null || !System.IO.Directory.Exists(parent))
        {
            yield break;
        }

        foreach (var older in Numbered(parent).Where(c => c.Epoch < epoch).OrderByDescending(c => c.Epoch))
        {
            yield return older;
        }
    }

    private static IEnumerable<(string Path, int Epoch)> Numbered(string parent) =>
        System.IO.Directory.EnumerateDirectories(parent, Prefix + "*")
            .Select(path => (Path: path, Name: Path.GetFileName(path)))
            .Where(d => int.TryParse(d.Name.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out _))
            .Select(d => (d.Path, int.Parse(d.Name.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture)));

    /// <summary>Deletes all but the newest <see cref="Keep"/> checkpoints, and temporary directories of saves that died.</summary>
    private void Prune()
    {
        foreach (var (path, _) in Numbered(Directory).OrderByDescending(c => c.Epoch).Skip(Keep))
        {
            TryDelete(path);
        }

        foreach (var stale in System.IO.Directory.EnumerateDirectories(Directory, $".{Prefix}*.tmp"))
        {
            TryDelete(stale);
        }
    }

    private static void TryDelete(string directory)
    {
        try
        {
            System.IO.Directory.Delete(directory, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Disk space only: a leftover is never mistaken for a checkpoint (it has no seal, or an older epoch).
        }
    }
}
