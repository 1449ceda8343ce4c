using HyperSearch.Silo.Storage;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;

namespace HyperSearch.Tests;

public sealed class FileGrainStorageTests
{
    private static readonly GrainId Grain = GrainId.Create("sweep", "s1");
    private static readonly Serializer Serializer = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();

    [Fact]
    public async Task Write_AlternatesTwoSlots_AndReadsTheNewest()
    {
        using var temp = new TempDirectory();
        var storage = new FileGrainStorage(temp.Path, Serializer);
        var state = new GrainState<string> { State = "one" };
        await storage.WriteStateAsync("sweep", Grain, state);
        state.State = "two";
        await storage.WriteStateAsync("sweep", Grain, state);
        state.State = "three";
        await storage.WriteStateAsync("sweep", Grain, state);

        var read = new GrainState<string>();
        await new FileGrainStorage(temp.Path, Serializer).ReadStateAsync("sweep", Grain, read);
        Assert.True(read.RecordExists);
        Assert.Equal("three", read.State);
        Assert.Equal("3", read.ETag);
        Assert.Equal(2, Directory.GetFiles(Path.Combine(temp.Path, "sweep")).Length);
    }

    [Fact]
    public async Task Read_FallsBackToTheOlderSlot_WhenTheNewestIsTorn()
    {
        using var temp = new TempDirectory();
        var storage = new FileGrainStorage(temp.Path, Serializer);
        var state = new GrainState<string> { State = "kept" };
        await storage.WriteStateAsync("sweep", Grain, state);
        state.State = "cut short by a crash";
        await storage.WriteStateAsync("sweep", Grain, state);
        var newest = Directory.GetFiles(Path.Combine(temp.Path, "sweep"), "*.0.state").Single();
        File.WriteAllBytes(newest, File.ReadAllBytes(newest)[..^3]);

        var read = new GrainState<string>();
        await storage.ReadStateAsync("sweep", Grain, read);
        Assert.Equal("kept", read.State);

        // The reader may write on: the torn slot is the one overwritten next.
        read.State = "after";
        await storage.WriteStateAsync("sweep", Grain, read);
        var again = new GrainState<string>();
        await storage.ReadStateAsync("sweep", Grain, again);
        Assert.Equal("after", again.State);
    }

    [Fact]
    public async Task Write_RefusesWhenAnotherActivationWroteSinceTheRead()
    {
        using var temp = new TempDirectory();
        var storage = new FileGrainStorage(temp.Path, Serializer);
        await storage.WriteStateAsync("sweep", Grain, new GrainState<string> { State = "first" });
        var stale = new GrainState<string>();
        await storage.ReadStateAsync("sweep", Grain, stale);
        var other = new GrainState<string>();
        await storage.ReadStateAsync("sweep", Grain, other);
        other.State = "other";
        await storage.WriteStateAsync("sweep", Grain, other);

        stale.State = "stale";
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("sweep", Grain, stale));
    }

    [Fact]
    public async Task Read_TakesAStateFileOfTheEarlierFormat()
    {
        using var temp = new TempDirectory();
        Directory.CreateDirectory(Path.Combine(temp.Path, "sweep"));
        File.WriteAllBytes(Path.Combine(temp.Path, "sweep", "sweep_s1.bin"), Serializer.SerializeToArray("legacy"));
        var storage = new FileGrainStorage(temp.Path, Serializer);

        var read = new GrainState<string>();
        await storage.ReadStateAsync("sweep", Grain, read);
        Assert.Equal("legacy", read.State);

        read.State = "moved";
        await storage.WriteStateAsync("sweep", Grain, read);
        Assert.False(File.Exists(Path.Combine(temp.Path, "sweep", "sweep_s1.bin")));
        var again = new GrainState<string>();
        await storage.ReadStateAsync("sweep", Grain, again);
        Assert.Equal("moved", again.State);
    }
}
