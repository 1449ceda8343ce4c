namespace HyperSearch.Trainer.Checkpoints;

/// <summary>
/// Where a trial's snapshots (<c>ensemble.snapshots</c>) lie: beside its checkpoint directory, not
/// inside it (a checkpoint is replaced whole when it is written again), one directory per epoch
/// with the checkpoint's files: <c>{checkpoint}.snapshots/epoch-K/</c>.
/// </summary>
public static class SnapshotDirectories
{
    private const string Prefix = "epoch-";

    public static string Root(string checkpointDirectory) => Path.TrimEndingDirectorySeparator(checkpointDirectory) + ".snapshots";

    public static string For(string checkpointDirectory, int epoch) => Path.Combine(Root(checkpointDirectory), Prefix + epoch);

    /// <summary>The snapshots written whole beside <paramref name="checkpointDirectory"/> (their manifest is written last), oldest first.</summary>
    public static IReadOnlyList<(int Epoch, string Directory)> Find(string checkpointDirectory)
    {
        var root = Root(checkpointDirectory);
        if (!Directory.Exists(root))
        {
            return [];
        }

        return Directory.EnumerateDirectories(root, Prefix + "*")
            .Select(d => (Ok: int.TryParse(Path.GetFileName(d)[Prefix.Length..], out var epoch), Epoch: epoch, Directory: d))
            .Where(s => s.Ok && File.Exists(Path.Combine(s.Directory, CheckpointFiles.Manifest)))
            .OrderBy(s => s.Epoch)
            .Select(s => (s.Epoch, s.Directory))
            .ToList();
    }
}
