using HyperSearch.Contracts;
using HyperSearch.Sweeps;

namespace HyperSearch.Tests;

/// <summary>
/// The registry is a copy of what the sweeps stored about themselves: a sweep it does not list
/// lists itself when it activates, and the registry, when it activates, brings its list up to date
/// from the sweeps' headers (all of it when its own record is corrupt).
/// Sweep grains on silos with no slots, restarted on the same state directory.
/// </summary>
public sealed class SweepRegistryRepairTests
{
    [Fact]
    public async Task StoredSweepTheRegistryDoesNotList_ListsItselfWhenItActivates()
    {
        using var temp = new TempDirectory();
        var source = Path.Combine(temp.Path, "source");
        await using (var silo = await TestSilo.StartAsync("unlisted", 0, source))
        {
            await silo.Grains.GetGrain<ISweepGrain>("forgotten").Start(Specs.Small(trials: 2));
        }

        // A registry already active (so it read the headers before this one came) that never
        // heard of the sweep: what a start whose registration failed leaves.
        var state = Path.Combine(temp.Path, "state");
        await using var again = await TestSilo.StartAsync("unlisted", 0, state);
        var registry = again.Grains.GetGrain<ISweepRegistryGrain>(0);
        await registry.GetActive();
        Directory.CreateDirectory(Path.Combine(state, "sweep"));
        foreach (var file in Directory.GetFiles(Path.Combine(source, "sweep")))
        {
            File.Copy(file, Path.Combine(state, "sweep", Path.GetFileName(file)));
        }

        Assert.Empty(await registry.List());
        Assert.Equal(SweepStatus.Running, (await again.Grains.GetGrain<ISweepGrain>("forgotten").GetSnapshot()).Status);
        var listing = Assert.Single(await registry.List());
        Assert.Equal(("forgotten", "small", SweepStatus.Running), (listing.SweepId, listing.Name, listing.Status));
        Assert.Equal(["forgotten"], await registry.GetActive());
    }

    [Fact]
    public async Task ValidRegistryMissingAStoredSweep_ListsItWhenTheRegistryActivates()
    {
        using var temp = new TempDirectory();
        var state = Path.Combine(temp.Path, "state");
        await using (var silo = await TestSilo.StartAsync("behind", 0, state))
        {
            await silo.Grains.GetGrain<ISweepGrain>("listed").Start(Specs.Small(trials: 2));
        }

        // A whole registry from before the second sweep (a process that died between storing the
        // sweep and listing it), beside that sweep's header.
        var registryFiles = Directory.GetFiles(Path.Combine(state, "registry")).ToDictionary(f => f, File.ReadAllBytes);
        await using (var silo = await TestSilo.StartAsync("behind", 0, state))
        {
            await silo.Grains.GetGrain<ISweepGrain>("late").Start(Specs.Small(trials: 2));
            await silo.Grains.GetGrain<ISweepGrain>("late").Pause();
        }

        foreach (var (file, bytes) in registryFiles)
        {
            File.WriteAllBytes(file, bytes);
        }

        await using var again = await TestSilo.StartAsync("behind", 0, state);
        var listed = await again.Grains.GetGrain<ISweepRegistryGrain>(0).List();
        Assert.Equal([("late", SweepStatus.Paused), ("listed", SweepStatus.Running)], listed.Select(l => (l.SweepId, l.Status)).Order());
    }

    [Fact]
    public async Task CorruptRegistry_IsRebuiltFromTheHeaders_AndAnUnreadableSweepRefusesWithItsFile_UntilRestored()
    {
        using var temp = new TempDirectory();
        await using (var silo = await TestSilo.StartAsync("rebuilt", 0, temp.Path))
        {
            await silo.Grains.GetGrain<ISweepGrain>("kept").Start(Specs.Small(trials: 2));
            await silo.Grains.GetGrain<ISweepGrain>("paused").Start(Specs.Small(trials: 2));
            await silo.Grains.GetGrain<ISweepGrain>("paused").Pause();
            await silo.Grains.GetGrain<ISweepGrain>("garbled").Start(Specs.Small(trials: 2));
            await silo.Grains.GetGrain<ISweepGrain>("garbled").Pause();
        }

        // Two writes (start, pause): both slots of the header exist.
        var garbledFiles = Directory.GetFiles(Path.Combine(temp.Path, "sweep"), "sweep_garbled.*");
        Assert.Equal(2, garbledFiles.Length);
        var backup = garbledFiles.ToDictionary(f => f, File.ReadAllBytes);
        foreach (var file in Directory.GetFiles(Path.Combine(temp.Path, "registry")).Concat(garbledFiles))
        {
            var bytes = File.ReadAllBytes(file);
            bytes[^1] ^= 0xff;
            File.WriteAllBytes(file, bytes);
        }

        await using var again = await TestSilo.StartAsync("rebuilt", 0, temp.Path);
        var listed = await again.Grains.GetGrain<ISweepRegistryGrain>(0).List();
        Assert.Equal([("kept", SweepStatus.Running), ("paused", SweepStatus.Paused)], listed.Select(l => (l.SweepId, l.Status)).Order());

        // The refusal crosses the grain call with its type and names the file.
        var e = await Assert.ThrowsAsync<StateCorruptException>(() => again.Grains.GetGrain<ISweepGrain>("garbled").GetSnapshot());
        Assert.Equal(Path.Combine(temp.Path, "sweep", "sweep_garbled.{0,1}.state"), e.Path);
        await Assert.ThrowsAsync<StateCorruptException>(() => again.Grains.GetGrain<ISweepGrain>("garbled").Resume());

        // Restored from a backup: the next call reads it, with no restart.
        foreach (var (file, bytes) in backup)
        {
            File.WriteAllBytes(file, bytes);
        }

        Assert.Equal(SweepStatus.Paused, (await again.Grains.GetGrain<ISweepGrain>("garbled").GetSnapshot()).Status);
        Assert.Equal(SweepStatus.Running, (await again.Grains.GetGrain<ISweepGrain>("kept").GetSnapshot()).Status);
    }
}
