using HyperSearch.Contracts;
using HyperSearch.Silo.Storage;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace HyperSearch.Tests;

/// <summary>
/// Damaged state files: a copy that fails its check gives way to the other; when none is left the
/// record is corrupt (<see cref="StateCorruptException"/>), never absent, which would start it over.
/// </summary>
public sealed class FileGrainStorageCorruptionTests
{
    private static readonly GrainId Grain = GrainId.Create("sweep", "s1");
    private static readonly Serializer Serializer = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();

    [Fact]
    public async Task Read_FallsBackToTheOlderSlot_WhenTheNewestIsGarbled()
    {
        using var temp = new TempDirectory();
        var storage = await WrittenAsync(temp, "older", "newest");
        Garble(Slot(temp, 0));

        Assert.Equal("older", (await ReadAsync(storage)).State);
    }

    [Fact]
    public async Task Read_BothSlotsGarbled_ThrowsNamingTheFile_NotAbsent()
    {
        using var temp = new TempDirectory();
        var storage = await WrittenAsync(temp, "older", "newest");
        Garble(Slot(temp, 0));
        Garble(Slot(temp, 1));

        var e = await Assert.ThrowsAsync<StateCorruptException>(() => ReadAsync(storage));
        Assert.Equal(Path.Combine(temp.Path, "sweep", "sweep_s1.{0,1}.state"), e.Path);
        Assert.Contains(e.Path, e.Message);
        Assert.Contains("both copies", e.Message);
        Assert.Contains("payload hash mismatch", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public async Task Read_BothSlotsTruncated_Throws()
    {
        using var temp = new TempDirectory();
        var storage = await WrittenAsync(temp, "older", "newest");
        File.WriteAllBytes(Slot(temp, 0), File.ReadAllBytes(Slot(temp, 0))[..10]);
        File.WriteAllBytes(Slot(temp, 1), []);

        var e = await Assert.ThrowsAsync<StateCorruptException>(() => ReadAsync(storage));
        Assert.Contains("shorter than the 24-byte header", e.Message);
    }

    [Fact]
    public async Task Read_TheOnlySlotCutShort_Throws()
    {
        using var temp = new TempDirectory();
        var storage = await WrittenAsync(temp, "only");
        File.WriteAllBytes(Slot(temp, 1), File.ReadAllBytes(Slot(temp, 1))[..^2]);

        var e = await Assert.ThrowsAsync<StateCorruptException>(() => ReadAsync(storage));
        Assert.Equal(Slot(temp, 1), e.Path);
        Assert.Contains("its only copy", e.Message);
    }

    [Fact]
    public async Task Read_NewestPayloadDoesNotDeserialize_TakesTheOlder_AndNoneThatDoes_Throws()
    {
        using var temp = new TempDirectory();
        var storage = new FileGrainStorage(temp.Path, Serializer);
        var page = new GrainState<int[]> { State = [1, 2, 3] };
        await storage.WriteStateAsync("sweep", Grain, page);

        // Whole slots (their hashes hold) whose payload is not an int[]: what a hash cannot catch.
        var other = new GrainState<string> { State = "not a page", ETag = page.ETag };
        await storage.WriteStateAsync("sweep", Grain, other);
        var read = new GrainState<int[]>();
        await storage.ReadStateAsync("sweep", Grain, read);
        Assert.Equal([1, 2, 3], read.State!);

        await storage.WriteStateAsync("sweep", Grain, other);
        var e = await Assert.ThrowsAsync<StateCorruptException>(() => storage.ReadStateAsync("sweep", Grain, new GrainState<int[]>()));
        Assert.Contains("does not deserialize", e.Message);
    }

    [Fact]
    public async Task Read_LegacyFileOfGarbage_Throws()
    {
        using var temp = new TempDirectory();
        Directory.CreateDirectory(Path.Combine(temp.Path, "sweep"));
        var legacy = Path.Combine(temp.Path, "sweep", "sweep_s1.bin");
        File.WriteAllBytes(legacy, [0xde, 0xad, 0xbe, 0xef, 0x13, 0x37]);

        var e = await Assert.ThrowsAsync<StateCorruptException>(() => ReadAsync(new FileGrainStorage(temp.Path, Serializer)));
        Assert.Equal(legacy, e.Path);
    }

    [Fact]
    public async Task Read_FirstSlotWriteTorn_TakesTheLegacyFileBeforeIt()
    {
        using var temp = new TempDirectory();
        var storage = await WrittenAsync(temp, "moved");
        File.WriteAllBytes(Path.Combine(temp.Path, "sweep", "sweep_s1.bin"), Serializer.SerializeToArray("legacy"));
        File.WriteAllBytes(Slot(temp, 1), File.ReadAllBytes(Slot(temp, 1))[..^2]);

        var read = await ReadAsync(storage);
        Assert.Equal("legacy", read.State);

        read.State = "moved again";
        await storage.WriteStateAsync("sweep", Grain, read);
        Assert.Equal("moved again", (await ReadAsync(storage)).State);
    }

    [Fact]
    public async Task Read_NoFiles_IsAbsent()
    {
        using var temp = new TempDirectory();

        var read = await ReadAsync(new FileGrainStorage(temp.Path, Serializer));
        Assert.False(read.RecordExists);
    }

    [Fact]
    public async Task Write_AfterOneSlotWasGarbled_OverwritesItAndReadsBack()
    {
        using var temp = new TempDirectory();
        var storage = await WrittenAsync(temp, "older", "newest");
        Garble(Slot(temp, 0));
        var read = await ReadAsync(storage);

        read.State = "after";
        await storage.WriteStateAsync("sweep", Grain, read);
        Assert.Equal("after", (await ReadAsync(storage)).State);
    }

    [Fact]
    public async Task ReadAll_ListsEveryRecord_AndHandsOverTheUnreadable()
    {
        using var temp = new TempDirectory();
        var storage = new FileGrainStorage(temp.Path, Serializer);
        foreach (var key in new[] { "a", "b", "c" })
        {
            await storage.WriteStateAsync("sweep", GrainId.Create("sweep", key), new GrainState<string> { State = key });
        }

        Garble(Path.Combine(temp.Path, "sweep", "sweep_b.1.state"));
        var unreadable = new List<StateCorruptException>();
        var records = await storage.ReadAllAsync<string>("sweep", unreadable.Add);

        Assert.Equal(["a", "c"], records);
        Assert.Equal(Path.Combine(temp.Path, "sweep", "sweep_b.1.state"), Assert.Single(unreadable).Path);
        Assert.Empty(await storage.ReadAllAsync<string>("nothing-here", unreadable.Add));
    }

    private static async Task<FileGrainStorage> WrittenAsync(TempDirectory temp, params string[] versions)
    {
        var storage = new FileGrainStorage(temp.Path, Serializer);
        var state = new GrainState<string>();
        foreach (var version in versions)
        {
            state.State = version;
            await storage.WriteStateAsync("sweep", Grain, state);
        }

        return storage;
    }

    private static async Task<GrainState<string>> ReadAsync(FileGrainStorage storage)
    {
        var read = new GrainState<string>();
        await storage.ReadStateAsync("sweep", Grain, read);
        return read;
    }

    /// <summary>Slot 1 holds writes 1, 3, 5...; slot 0 writes 2, 4...</summary>
    private static string Slot(TempDirectory temp, int slot) => Path.Combine(temp.Path, "sweep", $"sweep_s1.{slot}.state");

    /// <summary>Flips the bits of the file's last byte (payload): same length, same header, wrong hash.</summary>
    private static void Garble(string path)
    {
        var bytes = File.ReadAllBytes(path);
        bytes[^1] ^= 0xff;
        File.WriteAllBytes(path, bytes);
    }
}
