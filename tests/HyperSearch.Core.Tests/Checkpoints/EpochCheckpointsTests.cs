using HyperSearch.Sdk;

namespace HyperSearch.Core.Tests.Checkpoints;

/// <summary>Resumable checkpoints on real files: saved whole or not at all, and a damaged newest one gives way to the one before.</summary>
public sealed class EpochCheckpointsTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("epoch-checkpoints-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private EpochCheckpoints Store(string name = "resume-1") => new(Path.Combine(_root, name), everyEpochs: 1);

    private static string SaveState(EpochCheckpoints store, int epoch) =>
        store.Save(epoch, directory =>
        {
            File.WriteAllBytes(Path.Combine(directory, "model.bin"), Enumerable.Range(0, 4096).Select(i => (byte)(i * epoch)).ToArray());
            File.WriteAllText(Path.Combine(directory, "progress.json"), $"{{\"epoch\":{epoch}}}");
        });

    [Fact]
    public void Save_WritesASealedDirectoryThatIsFoundAsTheNewest()
    {
        var store = Store();
        SaveState(store, 1);
        var newest = SaveState(store, 2);

        var found = EpochCheckpoints.FindUsable([(newest, 2)]);

        Assert.Equal(new ResumeCheckpoint(newest, 2), found);
        Assert.True(File.Exists(Path.Combine(newest, CheckpointSeal.ManifestFile)));
        Assert.Empty(Directory.GetDirectories(store.Directory, ".*")); // no temporary left behind
    }

    [Fact]
    public void CorruptNewest_FallsBackToTheOneBefore()
    {
        var store = Store();
        var older = SaveState(store, 1);
        var newest = SaveState(store, 2);
        var model = Path.Combine(newest, "model.bin");
        var bytes = File.ReadAllBytes(model);
        bytes[100] ^= 0xFF; // same length, one flipped byte
        File.WriteAllBytes(model, bytes);
        var rejected = new List<string>();

        var found = EpochCheckpoints.FindUsable([(newest, 2)], (path, problem) => rejected.Add($"{Path.GetFileName(path)}: {problem}"));

        Assert.Equal(new ResumeCheckpoint(older, 1), found);
        Assert.Equal(["epoch-2: model.bin does not match its hash"], rejected);
    }

    [Fact]
    public void TruncatedFile_OrMissingManifest_IsNeverUsed()
    {
        var store = Store();
        var first = SaveState(store, 1);
        var second = SaveState(store, 2);
        using (var stream = new FileStream(Path.Combine(second, "model.bin"), FileMode.Open))
        {
            stream.SetLength(1000); // a copy cut short
        }

        // A save that died before its seal: files, no manifest.
        var unsealed = Directory.CreateDirectory(store.PathOf(3)).FullName;
        File.WriteAllText(Path.Combine(unsealed, "model.bin"), "half");

        Assert.Equal(1, EpochCheckpoints.FindUsable([(unsealed, 3)])!.Epoch);
        Assert.Equal(first, EpochCheckpoints.FindUsable([(second, 2)])!.Directory);
    }

    [Fact]
    public void NothingUsable_IsNull_AndALaterCandidateIsTriedBeforeGivingUp()
    {
        var lost = Store("resume-1");
        var only = SaveState(lost, 4);
        File.Delete(Path.Combine(only, "progress.json"));
        var earlier = Store("resume-0");
        var fallback = SaveState(earlier, 2);

        Assert.Null(EpochCheckpoints.FindUsable([(only, 4)]));
        Assert.Equal(new ResumeCheckpoint(fallback, 2), EpochCheckpoints.FindUsable([(only, 4), (fallback, 2)]));
        Assert.Null(EpochCheckpoints.FindUsable([(Path.Combine(_root, "nowhere", "epoch-9"), 9)]));
    }

    [Fact]
    public void ManifestOfAnotherEpoch_IsRejected()
    {
        var store = Store();
        var saved = SaveState(store, 5);

        Assert.NotNull(CheckpointSeal.Verify(saved, 6));
        Assert.Null(CheckpointSeal.Verify(saved, 5));
    }

    [Fact]
    public void Save_KeepsTheTwoNewest()
    {
        var store = Store();
        for (var epoch = 1; epoch <= 5; epoch++)
        {
            SaveState(store, epoch);
        }

        Assert.Equal(["epoch-4", "epoch-5"], Directory.GetDirectories(store.Directory).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void SealWritten_SealsWhatACommandSaved_AndIgnoresAnEpochWithNothing()
    {
        var store = Store();
        var directory = Directory.CreateDirectory(store.PathOf(2)).FullName;
        File.WriteAllText(Path.Combine(directory, "state.json"), "{\"w\": [1, 2]}");

        Assert.Equal(directory, store.SealWritten(2));
        Assert.Null(store.SealWritten(3));
        Assert.Equal(new ResumeCheckpoint(directory, 2), EpochCheckpoints.FindUsable([(directory, 2)]));
    }

    [Fact]
    public void IsDue_EveryNEpochsButNeverAfterTheLast()
    {
        var store = new EpochCheckpoints(_root, everyEpochs: 2);

        Assert.Equal([2, 4], Enumerable.Range(1, 6).Where(epoch => store.IsDue(epoch, maxEpochs: 6)));
    }
}
